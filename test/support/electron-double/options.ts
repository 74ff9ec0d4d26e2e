/**
 * How a test configures the double for one main process: passed as JSON in ELECTRON_DOUBLE_OPTIONS
 * (an environment variable, so worker threads see it too).
 */
export const OPTIONS_ENV = 'ELECTRON_DOUBLE_OPTIONS'

export interface DoubleOptions {
  /** What `process.versions.electron` says. */
  electronVersion: string
  /** What `process.versions.chrome` says. */
  chromeVersion: string
  /** `app.isPackaged`; a packaged app also gets `process.resourcesPath` below. */
  packaged: boolean
  /** `process.resourcesPath` (Electron: the app's resources folder). */
  resourcesPath?: string
  /** Windows load their pages in Chromium (false: `loadURL` is only recorded). */
  chromium: boolean
  chromiumPath?: string
  chromiumArgs?: string[]
}

export function readOptions(): DoubleOptions {
  const raw = process.env[OPTIONS_ENV]
  if (!raw) throw new Error(`${OPTIONS_ENV} is not set: start the process through the harness`)
  return JSON.parse(raw) as DoubleOptions
}
