/**
 * electron-updater behind the core's `UpdateSource` interface: checks on the user's channel,
 * downloads in the background, and reports "ready" so the UI can offer "Restart to update"
 * whenever the user likes. It never restarts on its own; an update that is downloaded but not
 * applied installs on the next normal quit (`autoInstallOnAppQuit`).
 *
 * Feed: the publish config baked into the package (app-update.yml: GitHub releases). Self-hosters
 * point ATELIER_UPDATE_FEED_URL at a folder holding latest-*.yml (the "generic" provider).
 */
import { autoUpdater, type UpdateInfo } from 'electron-updater'
import type { Logger } from '../../core/log/logger'
import { validateFeedBaseUrl } from './feed'
import type { UpdateChannel, UpdateCheckResult, UpdateSource } from './types'

export const UPDATE_FEED_ENV = 'ATELIER_UPDATE_FEED_URL'

export interface ReadyUpdate {
  version: string
  releaseNotes: string | null
  releaseDate: string | null
}

export interface ElectronUpdateSource extends UpdateSource {
  onReady(listener: (update: ReadyUpdate) => void): void
  readonly ready: ReadyUpdate | null
  /** Quits and installs; the caller has already asked about running pty sessions. */
  quitAndInstall(): void
}

export function releaseNotesText(notes: UpdateInfo['releaseNotes']): string | null {
  if (notes == null) return null
  if (typeof notes === 'string') return notes
  const text = notes
    .filter((n) => n.note)
    .map((n) => `${n.version}\n${n.note}`)
    .join('\n\n')
  return text || null
}

function toReady(info: UpdateInfo): ReadyUpdate {
  return {
    version: info.version,
    releaseNotes: releaseNotesText(info.releaseNotes),
    releaseDate: info.releaseDate ?? null,
  }
}

export function createElectronUpdateSource(
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
): ElectronUpdateSource {
  // Named import on purpose: main is bundled to CommonJS, where `autoUpdater` is a lazy getter on
  // electron-updater's exports (it has no usable default export).
  autoUpdater.logger = log
  autoUpdater.autoDownload = true
  autoUpdater.autoInstallOnAppQuit = true
  const override = env[UPDATE_FEED_ENV]
  if (override) {
    const url = validateFeedBaseUrl(override).href
    autoUpdater.setFeedURL({ provider: 'generic', url })
    log.info('update feed overridden by', UPDATE_FEED_ENV, url)
  }

  let ready: ReadyUpdate | null = null
  const listeners = new Set<(update: ReadyUpdate) => void>()
  autoUpdater.on('update-downloaded', (info) => {
    ready = toReady(info)
    log.info('update downloaded:', info.version)
    for (const listener of listeners) listener(ready)
  })
  autoUpdater.on('error', (error) => log.warn('updater error:', error?.message ?? error))

  return {
    async check(channel: UpdateChannel): Promise<UpdateCheckResult> {
      // Setting `channel` turns allowDowngrade on; a beta user switching back to stable keeps the
      // newer beta until stable overtakes it, so downgrade is switched off again.
      autoUpdater.channel = channel === 'beta' ? 'beta' : 'latest'
      autoUpdater.allowPrerelease = channel === 'beta'
      autoUpdater.allowDowngrade = false
      try {
        const result = await autoUpdater.checkForUpdates() // null when not packaged (dev runs)
        if (!result || !result.isUpdateAvailable) return { kind: 'none' }
        const info = toReady(result.updateInfo)
        return { kind: 'available', ...info }
      } catch (error) {
        return { kind: 'error', message: error instanceof Error ? error.message : String(error) }
      }
    },
    onReady(listener) {
      listeners.add(listener)
      if (ready) listener(ready)
    },
    get ready() {
      return ready
    },
    quitAndInstall() {
      autoUpdater.quitAndInstall(false, true)
    },
  }
}
