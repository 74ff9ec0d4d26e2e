/**
 * The native application menu: standard roles (so the OS supplies the usual shortcuts and
 * localisation), reload/devtools only in development, and Help → About / logs / updates.
 */
import type { MenuItemConstructorOptions } from 'electron'

export interface MenuActions {
  showAbout(): void
  openLogsFolder(): void
  checkForUpdates(): void
  openWebsite(): void
}

export interface MenuSpec {
  platform: NodeJS.Platform
  isDev: boolean
  appName: string
  actions: MenuActions
}

export function applicationMenuTemplate({
  platform,
  isDev,
  appName,
  actions,
}: MenuSpec): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin'
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: appName,
          submenu: [
            { label: `About ${appName}`, click: () => actions.showAbout() },
            { label: 'Check for Updates…', click: () => actions.checkForUpdates() },
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [{ label: '&File', submenu: [{ role: 'quit' }] }]

  const devItems: MenuItemConstructorOptions[] = isDev
    ? [
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
      ]
    : []

  return [
    ...appMenu,
    {
      label: mac ? 'Edit' : '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        ...(mac ? [{ role: 'pasteAndMatchStyle' } as MenuItemConstructorOptions] : []),
        { role: 'delete' },
        { role: 'selectAll' },
      ],
    },
    {
      label: mac ? 'View' : '&View',
      submenu: [
        ...devItems,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: mac ? 'Window' : '&Window',
      submenu: mac
        ? [
            { role: 'minimize' },
            { role: 'zoom' },
            { type: 'separator' },
            { role: 'front' },
            { role: 'window' },
          ]
        : [{ role: 'minimize' }, { role: 'close' }],
    },
    {
      role: 'help',
      label: mac ? 'Help' : '&Help',
      submenu: [
        ...(mac
          ? []
          : [
              {
                label: `About ${appName}`,
                click: () => actions.showAbout(),
              } as MenuItemConstructorOptions,
            ]),
        { label: 'Open Logs Folder', click: () => actions.openLogsFolder() },
        ...(mac
          ? []
          : [
              {
                label: 'Check for Updates…',
                click: () => actions.checkForUpdates(),
              } as MenuItemConstructorOptions,
            ]),
        { type: 'separator' },
        { label: `${appName} Website`, click: () => actions.openWebsite() },
      ],
    },
  ]
}
