/** The Electron side of the tray: icon per state, a menu of sessions needing the user, and actions. */
import { Menu, Tray, nativeImage } from 'electron'
import type { MenuItemConstructorOptions } from 'electron'
import { join } from 'node:path'
import {
  EMPTY_TRAY,
  MAX_TRAY_MENU_SESSIONS,
  trayIconFile,
  trayTooltip,
  type TrayLevel,
  type TrayPresenter,
  type TrayState,
} from './desktop/tray-snapshot'

export interface TrayActions {
  openWindow(): void
  openSession(sessionId: string): void
  setNotificationsPaused(paused: boolean): void
  installUpdate(): void
  quit(): void
}

/** Pure: the tray's context menu for a state. */
export function trayMenuTemplate(
  snapshot: TrayState,
  paused: boolean,
  updateVersion: string | null,
  actions: TrayActions,
): MenuItemConstructorOptions[] {
  // The attention queue in its order: what Claude waits on, then failures, then finished turns.
  const needs = snapshot.queue.filter((i) => i.group === 'needs-you').length
  const header =
    snapshot.queue.length === 0
      ? 'No session needs you'
      : needs > 0
        ? `${needs} need${needs === 1 ? 's' : ''} you`
        : `${snapshot.queue.length} to look at`
  const sessionItems: MenuItemConstructorOptions[] = [
    { label: header, enabled: false },
    ...snapshot.queue.slice(0, MAX_TRAY_MENU_SESSIONS).map((i): MenuItemConstructorOptions => ({
      label: `${i.name} — ${i.title}`,
      click: () => actions.openSession(i.sessionId),
    })),
  ]
  return [
    { label: 'Open Atelier', click: () => actions.openWindow() },
    { type: 'separator' },
    ...sessionItems,
    { type: 'separator' },
    {
      label: 'Pause Notifications',
      type: 'checkbox',
      checked: paused,
      click: (item) => actions.setNotificationsPaused(item.checked),
    },
    ...(updateVersion
      ? [
          {
            label: `Restart to Update (${updateVersion})`,
            click: () => actions.installUpdate(),
          } as MenuItemConstructorOptions,
        ]
      : []),
    { type: 'separator' },
    { label: 'Quit Atelier', click: () => actions.quit() },
  ]
}

export function createElectronTray(iconDir: string, actions: TrayActions): TrayPresenter {
  const icon = (state: TrayLevel) =>
    nativeImage.createFromPath(join(iconDir, trayIconFile(state, process.platform)))
  const tray = new Tray(icon('idle'))
  let snapshot: TrayState = EMPTY_TRAY
  let paused = false
  let updateVersion: string | null = null
  let shownState: TrayLevel = 'idle'

  const render = (): void => {
    if (tray.isDestroyed()) return
    if (snapshot.state !== shownState) {
      tray.setImage(icon(snapshot.state))
      shownState = snapshot.state
    }
    tray.setToolTip(trayTooltip(snapshot, paused))
    tray.setContextMenu(
      Menu.buildFromTemplate(trayMenuTemplate(snapshot, paused, updateVersion, actions)),
    )
  }
  // Linux desktops show the context menu on click; macOS/Windows get "click opens the window".
  tray.on('click', () => actions.openWindow())
  render()

  return {
    show(next) {
      snapshot = next
      render()
    },
    setNotificationsPaused(next) {
      paused = next
      render()
    },
    setUpdateReady(version) {
      updateVersion = version
      render()
    },
    destroy() {
      if (!tray.isDestroyed()) tray.destroy()
    },
  }
}
