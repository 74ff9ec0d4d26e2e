/** Menu, tray menu and notification options: plain data built by the shell's adapters. */
import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({ Menu: {}, Tray: class {}, nativeImage: {}, Notification: class {} }))
const { applicationMenuTemplate } = await import('../../../src/main/shell/menu')
const { trayMenuTemplate } = await import('../../../src/main/shell/tray')
const { notificationButtons, notificationOptions } =
  await import('../../../src/main/shell/notifications')

const noop = {
  showAbout: vi.fn(),
  openLogsFolder: vi.fn(),
  checkForUpdates: vi.fn(),
  openWebsite: vi.fn(),
}
type Item = { role?: string; label?: string; submenu?: Item[]; click?: () => void }
const roles = (items: Item[]): string[] =>
  items.flatMap((i) => [i.role ?? '', ...roles(i.submenu ?? [])]).filter(Boolean)
const labels = (items: Item[]): string[] =>
  items.flatMap((i) => [i.label ?? '', ...labels(i.submenu ?? [])]).filter(Boolean)

describe('application menu', () => {
  it('macOS: app menu with standard roles, Edit, View, Window, Help', () => {
    const menu = applicationMenuTemplate({
      platform: 'darwin',
      isDev: false,
      appName: 'Atelier',
      actions: noop,
    }) as Item[]
    expect(menu.map((m) => m.label)).toEqual(['Atelier', 'Edit', 'View', 'Window', 'Help'])
    expect(roles(menu)).toEqual(
      expect.arrayContaining([
        'quit',
        'hide',
        'copy',
        'paste',
        'undo',
        'selectAll',
        'minimize',
        'togglefullscreen',
      ]),
    )
  })

  it('reload and devtools exist in development only', () => {
    const prod = applicationMenuTemplate({
      platform: 'linux',
      isDev: false,
      appName: 'Atelier',
      actions: noop,
    }) as Item[]
    const dev = applicationMenuTemplate({
      platform: 'linux',
      isDev: true,
      appName: 'Atelier',
      actions: noop,
    }) as Item[]
    expect(roles(prod)).not.toContain('toggleDevTools')
    expect(roles(prod)).not.toContain('reload')
    expect(roles(dev)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
  })

  it('Help offers About and the logs', () => {
    const menu = applicationMenuTemplate({
      platform: 'linux',
      isDev: false,
      appName: 'Atelier',
      actions: noop,
    }) as Item[]
    expect(labels(menu)).toEqual(
      expect.arrayContaining(['About Atelier', 'Open Logs Folder', 'Check for Updates…']),
    )
    const help = menu.find((m) => m.role === 'help')!
    help.submenu!.find((i) => i.label === 'Open Logs Folder')!.click!()
    expect(noop.openLogsFolder).toHaveBeenCalledOnce()
  })
})

describe('tray menu', () => {
  const actions = {
    openWindow: vi.fn(),
    openSession: vi.fn(),
    setNotificationsPaused: vi.fn(),
    installUpdate: vi.fn(),
    quit: vi.fn(),
  }
  it('lists the attention queue in its order, each item opening its session', () => {
    const menu = trayMenuTemplate(
      {
        state: 'attention',
        working: 0,
        tooltip: 'Atelier — 1 session needs you',
        needYou: [{ sessionId: 's1', name: 'api refactor', reason: 'permission' as const }],
        queue: [
          { sessionId: 's1', name: 'api refactor', title: 'Allow Bash?', group: 'needs-you' },
          { sessionId: 's2', name: 'docs', title: 'Finished', group: 'finished' },
        ],
      },
      false,
      '0.2.0',
      actions,
    ) as Item[]
    expect(labels(menu)).toEqual([
      'Open Atelier',
      '1 needs you',
      'api refactor — Allow Bash?',
      'docs — Finished',
      'Pause Notifications',
      'Restart to Update (0.2.0)',
      'Quit Atelier',
    ])
    menu.find((i) => i.label === 'api refactor — Allow Bash?')!.click!()
    expect(actions.openSession).toHaveBeenCalledWith('s1')
    menu.find((i) => i.label === 'docs — Finished')!.click!()
    expect(actions.openSession).toHaveBeenCalledWith('s2')
  })
})

describe('notification options', () => {
  const payload = {
    kind: 'permission' as const,
    sessionId: 's',
    title: 'Bash wants to run',
    body: 'npm test',
    requestId: 'r1',
    allowFromNotification: true,
  }
  it('macOS permission requests that show everything get Allow/Deny buttons', () => {
    const mac = notificationOptions(payload, 'darwin')
    expect(mac.actions?.map((a) => a.text)).toEqual(['Allow', 'Deny'])
    expect(notificationButtons(payload).map((b) => b.action)).toEqual(['allow', 'deny'])
  })
  it('a request cut short or shown only in part gets Review (opens the dialog), never Allow', () => {
    const partial = { ...payload, allowFromNotification: false }
    expect(notificationOptions(partial, 'darwin').actions?.map((a) => a.text)).toEqual([
      'Review…',
      'Deny',
    ])
    expect(notificationButtons(partial).map((b) => b.action)).toEqual(['review', 'deny'])
    // A payload that does not say (an older core) is treated as partial.
    const { allowFromNotification: _, ...unsaid } = payload
    expect(notificationButtons(unsaid).map((b) => b.action)).not.toContain('allow')
  })
  it('no buttons on Linux or for other kinds', () => {
    expect(notificationOptions(payload, 'linux').actions).toBeUndefined()
    expect(notificationOptions({ ...payload, kind: 'finished' }, 'darwin').actions).toBeUndefined()
  })
})
