/**
 * Clean quit. Every quit path (Cmd+Q, the tray, closing the last window on Linux, "restart to
 * update") goes through `before-quit`, which asks about running pty sessions first (tmux ones
 * keep running), then closes the core exactly once before the process exits.
 */
import type { App, BrowserWindow, Dialog } from 'electron'
import { assessQuitImpact, quitConfirmationMessage } from './desktop/quit-guard'
import type { Logger } from '../core/log/logger'

/** The core gets this long to flush the database and stop its servers before we exit anyway. */
export const CORE_CLOSE_TIMEOUT_MS = 5_000
export const QUIT_CHECK_CLIENT_ID = 'electron:shell'

export interface QuitDeps {
  app: App
  dialog: Dialog
  log: Logger
  listSessions: () => Promise<unknown>
  closeCore: () => Promise<void>
  window: () => BrowserWindow | null
}

export interface QuitController {
  /** Asks if needed; resolves true when quitting may proceed (and marks it approved). */
  confirm(): Promise<boolean>
  readonly approved: boolean
}

export function installQuitHandling(deps: QuitDeps): QuitController {
  let approved = false
  let asking = false
  let coreClosed = false

  const confirm = async (): Promise<boolean> => {
    if (approved) return true
    let impact = assessQuitImpact(null)
    try {
      impact = assessQuitImpact(await deps.listSessions())
    } catch (error) {
      deps.log.warn('could not list sessions before quit:', error)
    }
    const question = quitConfirmationMessage(impact)
    if (question) {
      const options = {
        type: 'question' as const,
        buttons: ['Quit', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        message: question.message,
        detail: question.detail,
      }
      const parent = deps.window()
      const { response } = parent
        ? await deps.dialog.showMessageBox(parent, options)
        : await deps.dialog.showMessageBox(options)
      if (response !== 0) return false
    }
    approved = true
    return true
  }

  deps.app.on('before-quit', (event) => {
    if (approved) return
    event.preventDefault()
    if (asking) return
    asking = true
    void confirm()
      .then((ok) => {
        if (ok) deps.app.quit()
      })
      .finally(() => {
        asking = false
      })
  })

  deps.app.on('will-quit', (event) => {
    if (coreClosed) return
    event.preventDefault()
    coreClosed = true
    const timeout = new Promise<void>((resolve) =>
      setTimeout(resolve, CORE_CLOSE_TIMEOUT_MS).unref(),
    )
    void Promise.race([deps.closeCore(), timeout])
      .catch((error) => deps.log.error('core close failed:', error))
      .finally(() => {
        deps.log.info('quit')
        // quit() again rather than a hard exit: the 'quit' event must still fire, electron-updater
        // installs a downloaded update from it (autoInstallOnAppQuit).
        deps.app.quit()
      })
  })

  return {
    confirm,
    get approved() {
      return approved
    },
  }
}
