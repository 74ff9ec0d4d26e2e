/**
 * "Launch at login" follows the `launchAtLogin` setting. macOS uses the login-items API; Linux
 * uses an XDG autostart entry (Electron's API does not cover Linux). Only packaged builds
 * register: a dev run would register the bare Electron binary.
 */
import type { App } from 'electron'
import { applyLinuxAutostart } from './desktop/autostart'
import type { Logger } from '../core/log/logger'

export const LOGIN_LAUNCH_ARGS = ['--hidden'] as const

export function applyLaunchAtLogin(app: App, enabled: boolean, log: Logger): void {
  if (!app.isPackaged) return
  try {
    if (process.platform === 'darwin') {
      app.setLoginItemSettings({ openAtLogin: enabled })
    } else if (process.platform === 'linux') {
      // Inside an AppImage, execPath points into a temporary mount; APPIMAGE is the real file.
      const executable = process.env.APPIMAGE || process.execPath
      applyLinuxAutostart(enabled, executable, LOGIN_LAUNCH_ARGS)
    }
  } catch (error) {
    log.warn('could not apply launch-at-login:', error)
  }
}

/** True when this launch came from the login item (start quietly in the tray). */
export function launchedAtLogin(app: App, argvHidden: boolean): boolean {
  if (argvHidden) return true
  return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true
}
