/**
 * The one factory for every BrowserWindow the shell creates. Its security-relevant options are
 * exported as plain data so a test can read exactly what the app uses.
 */
import { BrowserWindow, nativeTheme } from 'electron'
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron'
import {
  MIN_WINDOW_HEIGHT_PX,
  MIN_WINDOW_WIDTH_PX,
  type RestoredWindow,
} from './desktop/window-state'

/** Matches the renderer's page background, so the first paint is not a white flash. */
export const WINDOW_BACKGROUND = { dark: '#0e1013', light: '#f4f4f6' } as const

/**
 * Non-negotiable renderer isolation. The renderer reaches the core only through the preload's
 * `window.atelier` bridge, which forwards to one validated IPC channel.
 */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: true,
} as const satisfies WebPreferences

export function backgroundColorFor(dark: boolean): string {
  return dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light
}

export interface MainWindowSpec {
  preloadPath: string
  restored: RestoredWindow
  dark: boolean
  title: string
  /** Window icon on Linux (macOS takes the app bundle's icon). */
  iconPath?: string
}

/** Pure: the options `createMainWindow` passes to `new BrowserWindow`. */
export function mainWindowOptions(spec: MainWindowSpec): BrowserWindowConstructorOptions {
  return {
    ...spec.restored.bounds,
    minWidth: MIN_WINDOW_WIDTH_PX,
    minHeight: MIN_WINDOW_HEIGHT_PX,
    title: spec.title,
    show: false, // shown on ready-to-show: no white flash, no half-painted window
    backgroundColor: backgroundColorFor(spec.dark),
    autoHideMenuBar: false,
    ...(spec.iconPath ? { icon: spec.iconPath } : {}),
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: spec.preloadPath },
  }
}

/** `startHidden`: a login launch stays in the tray until the user opens the window. */
export function createMainWindow(
  spec: Omit<MainWindowSpec, 'dark'> & { startHidden: boolean },
): BrowserWindow {
  const { startHidden, ...windowSpec } = spec
  const win = new BrowserWindow(
    mainWindowOptions({ ...windowSpec, dark: nativeTheme.shouldUseDarkColors }),
  )
  win.once('ready-to-show', () => {
    if (spec.restored.maximized) win.maximize()
    if (spec.restored.fullScreen) win.setFullScreen(true)
    if (!startHidden) win.show()
  })
  // Follow the OS (or the user's theme setting, applied via nativeTheme.themeSource).
  const onThemeUpdated = (): void => {
    if (!win.isDestroyed())
      win.setBackgroundColor(backgroundColorFor(nativeTheme.shouldUseDarkColors))
  }
  nativeTheme.on('updated', onThemeUpdated)
  win.once('closed', () => nativeTheme.off('updated', onThemeUpdated))
  return win
}

/** Brings the window to the front, restoring it from minimised or hidden. */
export function revealWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return
  if (win.isMinimized()) win.restore()
  if (!win.isVisible()) win.show()
  win.focus()
}
