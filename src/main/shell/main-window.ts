/**
 * The main window's lifecycle around the factory: restore and remember its bounds, lock down its
 * web contents, connect it to the core's pushes, and recover from renderer crashes (reload, then
 * tell the user; state lives in the core, so nothing is lost).
 */
import { BrowserWindow, dialog, screen } from 'electron'
import { IPC_PUSH, type StreamName } from '@shared/contract'
import { createCrashLoopGuard } from './desktop/crash-loop'
import type { Logger } from '../core/log/logger'
import { rendererEntryUrl, type RendererLocation } from './desktop/renderer-origin'
import { loadWindowState, restoreWindowState, saveWindowState } from './desktop/window-state'
import { clientIdFor } from './ipc'
import { lockDownWebContents } from './navigation'
import { pushToRenderer, type ShellNotice } from './pushes'
import { createMainWindow } from './window'

/** Saving on every move event would hammer the disk while dragging. */
export const WINDOW_STATE_SAVE_DEBOUNCE_MS = 500
/**
 * A push sent the instant the page loads can land before React has subscribed; notices are
 * re-sent after this settle time.
 */
export const NOTICE_AFTER_LOAD_DELAY_MS = 1_500

export interface MainWindowDeps {
  location: RendererLocation
  preloadPath: string
  iconPath?: string
  windowStateFile: string
  startHidden: boolean
  log: Logger
  connect: (clientId: string, push: (stream: StreamName, data: unknown) => void) => () => void
  /** Notices the page should see after every (re)load, e.g. a downloaded update. */
  standingNotices: () => ShellNotice[]
}

export function openMainWindow(deps: MainWindowDeps): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((d) => d.workArea)
  const restored = restoreWindowState(loadWindowState(deps.windowStateFile), workAreas)
  const win = createMainWindow({
    preloadPath: deps.preloadPath,
    restored,
    title: 'Atelier',
    iconPath: deps.iconPath,
    startHidden: deps.startHidden,
  })
  const contents = win.webContents
  lockDownWebContents(contents, deps.location, deps.log)

  // --- remember size and position -------------------------------------------------------
  let saveTimer: NodeJS.Timeout | null = null
  const saveState = (): void => {
    if (win.isDestroyed()) return
    try {
      saveWindowState(deps.windowStateFile, {
        bounds: win.getNormalBounds(), // the un-maximised bounds, so "restore" has somewhere to go
        maximized: win.isMaximized(),
        fullScreen: win.isFullScreen(),
      })
    } catch (error) {
      deps.log.warn('could not save window state:', error)
    }
  }
  const saveSoon = (): void => {
    if (saveTimer) clearTimeout(saveTimer)
    saveTimer = setTimeout(saveState, WINDOW_STATE_SAVE_DEBOUNCE_MS)
  }
  for (const event of [
    'resize',
    'move',
    'maximize',
    'unmaximize',
    'enter-full-screen',
    'leave-full-screen',
  ] as const) {
    win.on(event as 'resize', saveSoon)
  }
  win.on('close', () => {
    if (saveTimer) clearTimeout(saveTimer)
    saveState()
  })

  // --- core pushes for this renderer ----------------------------------------------------
  const disconnect = deps.connect(clientIdFor(contents.id), (stream, data) => {
    if (!contents.isDestroyed()) contents.send(IPC_PUSH, stream, data)
  })
  contents.once('destroyed', disconnect)

  // --- crash recovery -------------------------------------------------------------------
  const crashGuard = createCrashLoopGuard()
  let recovered = false
  contents.on('render-process-gone', (_event, details) => {
    deps.log.error('renderer gone:', details.reason, 'exit code', details.exitCode)
    if (details.reason === 'clean-exit' || win.isDestroyed()) return
    if (crashGuard.shouldReload(Date.now())) {
      recovered = true
      contents.reload()
      return
    }
    void dialog
      .showMessageBox(win, {
        type: 'error',
        buttons: ['Reload', 'Close'],
        defaultId: 0,
        message: 'The Atelier window keeps crashing.',
        detail:
          'Your sessions are still running. Details are in the log (Help → Open Logs Folder).',
      })
      .then(({ response }) => {
        if (response === 0 && !win.isDestroyed()) contents.reload()
      })
  })
  contents.on('unresponsive', () => deps.log.warn('renderer unresponsive'))
  contents.on('responsive', () => deps.log.info('renderer responsive again'))
  contents.on('preload-error', (_event, path, error) =>
    deps.log.error('preload failed:', path, error),
  )

  contents.on('did-finish-load', () => {
    const notices: ShellNotice[] = [...deps.standingNotices()]
    if (recovered) {
      recovered = false
      notices.push({
        kind: 'renderer-recovered',
        message:
          'The window crashed and was reloaded. Your sessions kept running; nothing was lost.',
      })
    }
    if (notices.length === 0) return
    setTimeout(() => {
      for (const notice of notices) pushToRenderer(contents, 'notice', notice)
    }, NOTICE_AFTER_LOAD_DELAY_MS).unref()
  })

  void win
    .loadURL(rendererEntryUrl(deps.location))
    .catch((error) => deps.log.error('renderer failed to load:', error))
  return win
}
