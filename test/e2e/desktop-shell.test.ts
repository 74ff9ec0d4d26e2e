/**
 * The Electron shell end to end, without Electron: the real built main bundle (out/main/index.js)
 * runs under Node with a test double of the `electron` module (test/support/electron-double), its
 * window is a Chromium page with the real preload and the real renderer, and every invoke from
 * the page goes through the shell's real IPC router and sender check to the real core.
 *
 * This is not Electron (see the README): it checks the shell's wiring and behaviour on a machine
 * where Electron cannot be downloaded. It runs on a copy of the app folder in which
 * better-sqlite3's default build stands for one made for another runtime and the build for the
 * running one sits where the start script puts Electron's — so a main process that loaded the
 * default build fails here the way it fails in Electron.
 */
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  chmodSync,
  existsSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT } from './support/headless'
import { makeAppRoot, type AppRoot } from './support/app-root'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium'
import { startMain, type MainProcess } from '../support/electron-double/harness'
import { startTestCore, waitFor } from '../support/core'

const NODE_ADDON = join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')
const cleanups: (() => void | Promise<void>)[] = []
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/**
 * An app folder whose better-sqlite3 default build is a stand-in for another runtime's (it
 * declares NODE_MODULE_VERSION 0) and, unless `withRuntimeBuild` is false, whose build for the
 * running runtime is filed where the start script files Electron's.
 */
function appFolder(withRuntimeBuild: boolean): AppRoot {
  const root = makeAppRoot('atelier-shell-')
  cleanups.push(() => root.remove())
  rmSync(join(root.sqliteDir, 'build'))
  mkdirSync(join(root.sqliteDir, 'build/Release'), { recursive: true })
  writeFileSync(
    join(root.sqliteDir, 'build/Release/better_sqlite3.node'),
    'stand-in for an addon built for another runtime: node_register_module_v0',
  )
  if (withRuntimeBuild) {
    const dir = join(
      root.sqliteDir,
      `build-electron/${process.platform}-${process.arch}-abi${process.versions.modules}`,
    )
    mkdirSync(dir, { recursive: true })
    copyFileSync(NODE_ADDON, join(dir, 'better_sqlite3.node'))
  }
  return root
}

/** A home folder whose Atelier data folder asks for a free port (parallel runs never collide). */
async function homeWithFreePort(): Promise<{ home: string; userData: string }> {
  const home = scratch('atelier-shell-home-')
  const userData = join(home, '.config', 'Atelier')
  const seed = await startTestCore({ dataDir: userData })
  await seed.api('settings.update', { hookPort: 0 })
  await seed.close()
  rmSync(join(userData, 'logs'), { recursive: true, force: true })
  return { home, userData }
}

function env(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // Electron's paths follow HOME; a dev-server URL would replace the built renderer.
  const dropped = new Set(['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'ELECTRON_RENDERER_URL'])
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !dropped.has(k)))
  return { ...base, HOME: home, ...extra }
}

function launch(
  root: AppRoot,
  home: string,
  args: string[] = [],
  extraEnv: Record<string, string> = {},
) {
  const main = startMain({
    main: join(root.dir, 'out/main/index.js'),
    args,
    env: env(home, extraEnv),
    double: { chromiumPath: CHROMIUM_PATH, chromiumArgs: CHROMIUM_ARGS },
  })
  cleanups.push(() => main.stop())
  return main
}

const isInvoke =
  (channel: string, match: (payload: Record<string, unknown>) => boolean = () => true) =>
  (data: Record<string, unknown>) => {
    const [name, payload] = data.args as [string, Record<string, unknown>]
    return data.channel === 'atelier:invoke' && name === channel && match(payload ?? {})
  }

async function evaluate<T>(main: MainProcess, windowId: number, expression: string): Promise<T> {
  return (await main.command('page.evaluate', { windowId, expression })) as T
}

let root: AppRoot
let home: string
let userData: string
let shell: MainProcess
let windowId: number
let fakeClaude: string

before(async () => {
  root = appFolder(true)
  ;({ home, userData } = await homeWithFreePort())
  fakeClaude = join(scratch('atelier-fake-claude-'), 'claude')
  writeFileSync(
    fakeClaude,
    [
      '#!/bin/sh',
      '[ "$1" = "--version" ] && { echo "2.1.332 (Claude Code)"; exit 0; }',
      'echo "fake claude $*"',
      'exec sleep 600',
    ].join('\n'),
  )
  chmodSync(fakeClaude, 0o755)
  shell = launch(root, home, [], { ATELIER_CLAUDE_BIN: fakeClaude })
})

test('takes the single-instance lock and opens one window with the secure preferences and the real preload', async () => {
  const lock = await shell.waitFor('app.requestSingleInstanceLock')
  assert.equal(lock.data.owned, true)
  assert.equal(lock.data.userData, userData)
  const created = await shell.waitFor('BrowserWindow.new')
  windowId = created.data.windowId as number
  const prefs = (created.data.options as { webPreferences: Record<string, unknown> }).webPreferences
  assert.deepEqual(
    {
      contextIsolation: prefs.contextIsolation,
      sandbox: prefs.sandbox,
      nodeIntegration: prefs.nodeIntegration,
      nodeIntegrationInSubFrames: prefs.nodeIntegrationInSubFrames,
      webSecurity: prefs.webSecurity,
      webviewTag: prefs.webviewTag,
      allowRunningInsecureContent: prefs.allowRunningInsecureContent,
    },
    {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    },
  )
  assert.equal(prefs.preload, join(root.dir, 'out/preload/index.js'))
  const loaded = await shell.waitFor('webContents.loadURL')
  assert.equal(loaded.data.url, pathToFileURL(join(root.dir, 'out/renderer/index.html')).href)
  // The window is shown once its page is ready, and the tray exists with an icon that exists.
  await shell.waitFor('BrowserWindow.show', (d) => d.windowId === windowId)
  const tray = await shell.waitFor('tray')
  assert.equal(tray.data.imageExists, true)
  assert.equal(
    shell.records.some((r) => r.kind === 'page.error'),
    false,
    shell.output(),
  )
})

test('the page’s bridge reaches the core through the real IPC router; the sender check refuses other pages', async () => {
  // The renderer loaded its state through window.atelier → ipcRenderer → ipcMain → router → core.
  const loadedSettings = await shell.waitFor('ipc.invoke', isInvoke('settings.get'))
  assert.equal(
    loadedSettings.data.frameUrl,
    pathToFileURL(join(root.dir, 'out/renderer/index.html')).href,
  )
  const info = await evaluate<{ runtime: string; logFile: string; port: number }>(
    shell,
    windowId,
    "window.atelier.invoke('app.info', {})",
  )
  assert.equal(info.runtime, 'electron')
  assert.equal(info.logFile, join(userData, 'logs', 'atelier.log'))
  // A validation error crosses the bridge with its code and field intact.
  const refused = await evaluate<{ name: string; code: string }>(
    shell,
    windowId,
    "window.atelier.invoke('sessions.create', { name: '' }).catch((e) => e)",
  )
  assert.deepEqual([refused.name, refused.code], ['ApiError', 'bad_request'])
  // The preload exposes the contract and nothing of Electron.
  assert.deepEqual(
    await evaluate<string[]>(shell, windowId, 'Object.keys(window.atelier).sort()'),
    ['invoke', 'on', 'sendAudio'],
  )
  assert.equal(
    await evaluate(shell, windowId, 'typeof window.require + typeof window.process'),
    'undefinedundefined',
  )

  for (const [frameUrl, subframe] of [
    ['https://evil.example/', false],
    [pathToFileURL(join(root.dir, 'out/renderer/index.html')).href, true],
  ] as const) {
    const answer = (await shell.command('ipc.invokeAs', {
      windowId,
      frameUrl,
      subframe,
      channel: 'atelier:invoke',
      args: ['app.info', {}],
    })) as { ok: boolean; value: { ok: boolean; error?: { code: string } } }
    assert.deepEqual(answer.value, {
      ok: false,
      error: { code: 'forbidden', message: 'sender is not the Atelier window' },
    })
  }
  assert.match(
    readFileSync(join(userData, 'logs/atelier.log'), 'utf8'),
    /\[shell\] IPC refused from https:\/\/evil\.example\//,
  )
})

test('a permission request turns the tray to waiting and posts a notification whose click focuses that session', async () => {
  const sessionId = randomUUID()
  const port = Number(readFileSync(join(userData, 'port'), 'utf8'))
  const token = readFileSync(join(userData, 'token'), 'utf8').trim()
  const before = shell.records.at(-1)!.seq
  // Claude Code holds this request open until someone decides.
  const held = fetch(`http://127.0.0.1:${port}/hooks/claude`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      session_id: sessionId,
      transcript_path: `/tmp/${sessionId}.jsonl`,
      cwd: '/tmp/shell-e2e',
      hook_event_name: 'PermissionRequest',
      tool_name: 'Bash',
      tool_input: { command: 'rm -rf build' },
    }),
  })
  held.catch(() => {}) // awaited below; a failed run must not add an unhandled rejection

  const needsYou = (d: Record<string, unknown>) =>
    ((d.menu as { label: string }[] | null) ?? []).some((item) => item.label === '1 needs you')
  const waiting = await shell.waitFor(
    'tray',
    (d) => /tray-attention\.png$/.test(String(d.image)) && needsYou(d),
    before,
  )
  assert.equal(waiting.data.imageExists, true)
  const shown = await shell.waitFor('Notification.show', () => true, before)
  const note = shown.data.options as { title: string; body: string; urgency: string }
  assert.equal(note.urgency, 'critical')
  assert.match(`${note.title} ${note.body}`, /rm -rf build|Bash|permission/i)

  // The session as Atelier knows it (the id the notification and the tray refer to).
  const pending = await evaluate<{ requests: { id: string; sessionId: string }[] }>(
    shell,
    windowId,
    "window.atelier.invoke('permissions.list', {})",
  )
  assert.equal(pending.requests.length, 1)
  const focusId = pending.requests[0].sessionId

  await shell.command('window.blur', { windowId })
  const clickedAt = shell.records.at(-1)!.seq
  await shell.command('notification.click', { notificationId: shown.data.notificationId })
  // The shell pushes "focus this session" to the page, and the page, now showing it, says so.
  await shell.waitFor(
    'webContents.send',
    (d) => JSON.stringify(d.args) === JSON.stringify(['focus', { sessionId: focusId }]),
    clickedAt,
  )
  await shell.waitFor('BrowserWindow.focus', (d) => d.windowId === windowId, clickedAt)
  await shell.waitFor(
    'ipc.invoke',
    isInvoke('app.focus', (p) => p.sessionId === focusId),
    clickedAt,
  )

  // Answered from the page, the hook gets its decision and the tray calms down.
  const decided = await evaluate<{ ok: boolean }>(
    shell,
    windowId,
    `window.atelier.invoke('permissions.list', {}).then(({ requests }) =>
       window.atelier.invoke('permissions.decide', { id: requests[0].id, decision: 'deny' }))`,
  )
  assert.ok(decided)
  assert.equal((await held).status, 200)
  await shell.waitFor('tray', (d) => /tray-(idle|working)\.png$/.test(String(d.image)), clickedAt)
})

test('the system-wide shortcut brings the window up at the next attention item; a held one is reported', async () => {
  // Registered with the OS at start-up, under its default.
  await shell.waitFor('globalShortcut', (d) =>
    (d.registered as string[]).includes('Control+Alt+Shift+A'),
  )
  const sessionId = randomUUID()
  const port = Number(readFileSync(join(userData, 'port'), 'utf8'))
  const token = readFileSync(join(userData, 'token'), 'utf8').trim()
  const held = fetch(`http://127.0.0.1:${port}/hooks/claude`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      session_id: sessionId,
      transcript_path: `/tmp/${sessionId}.jsonl`,
      cwd: '/tmp/shell-e2e-shortcut',
      hook_event_name: 'PermissionRequest',
      tool_name: 'Bash',
      tool_input: { command: 'make release' },
    }),
  })
  held.catch(() => {}) // awaited below
  const queued = await waitFor(
    async () => {
      const { items } = await evaluate<{ items: { sessionId: string; kind: string }[] }>(
        shell,
        windowId,
        "window.atelier.invoke('attention.list', {})",
      )
      return items.find((i) => i.kind === 'permission') ?? null
    },
    { intervalMs: 100 },
  )

  await shell.command('window.blur', { windowId })
  const pressedAt = shell.records.at(-1)!.seq
  await shell.command('globalShortcut.press', { accelerator: 'Control+Alt+Shift+A' })
  await shell.waitFor('BrowserWindow.focus', (d) => d.windowId === windowId, pressedAt)
  await shell.waitFor(
    'webContents.send',
    (d) => JSON.stringify(d.args) === JSON.stringify(['jump', { to: 'next-attention' }]),
    pressedAt,
  )
  // The page went to the request: its session is the one on screen now.
  await shell.waitFor(
    'ipc.invoke',
    isInvoke('app.focus', (p) => p.sessionId === queued.sessionId),
    pressedAt,
  )

  // Another shortcut in Settings moves the registration; one held elsewhere is reported.
  const changedAt = shell.records.at(-1)!.seq
  await evaluate(
    shell,
    windowId,
    "window.atelier.invoke('settings.update', { attentionShortcut: 'Ctrl+Alt+J' })",
  )
  await shell.waitFor(
    'globalShortcut',
    (d) => JSON.stringify(d.registered) === JSON.stringify(['Control+Alt+J']),
    changedAt,
  )
  await shell.command('globalShortcut.holdElsewhere', { accelerator: 'Alt+Super+K' })
  await evaluate(
    shell,
    windowId,
    "window.atelier.invoke('settings.update', { attentionShortcut: 'Alt+Meta+K' })",
  )
  const notice = await shell.waitFor(
    'webContents.send',
    (d) => (d.args as unknown[])[0] === 'notice',
    changedAt,
  )
  assert.match(
    JSON.stringify(notice.data.args),
    /shortcut-unavailable.*Alt\+Meta\+K.*held by another application/,
  )
  await evaluate(
    shell,
    windowId,
    "window.atelier.invoke('settings.update', { attentionShortcut: 'Ctrl+Alt+Shift+A' })",
  )

  await evaluate(
    shell,
    windowId,
    `window.atelier.invoke('permissions.list', {}).then(({ requests }) =>
       window.atelier.invoke('permissions.decide', { id: requests[0].id, decision: 'deny' }))`,
  )
  assert.equal((await held).status, 200)
})

test('a second launch hands its deep link to the running instance and quits without a window', async () => {
  const sessionId = randomUUID()
  const before = shell.records.at(-1)!.seq
  const second = launch(root, home, [`atelier://session/${sessionId}`])
  const lock = await second.waitFor('app.requestSingleInstanceLock')
  assert.equal(lock.data.owned, false)
  assert.equal((await second.exited).code, 0, second.output())
  assert.equal(
    second.records.some((r) => r.kind === 'BrowserWindow.new'),
    false,
  )
  await shell.waitFor(
    'webContents.send',
    (d) => JSON.stringify(d.args) === JSON.stringify(['focus', { sessionId }]),
    before,
  )
})

test('quitting asks about running pty sessions: Cancel keeps the app, Quit ends it', async () => {
  const cwd = scratch('atelier-shell-cwd-')
  const created = await evaluate<{ backend?: string; error?: unknown }>(
    shell,
    windowId,
    `window.atelier.invoke('sessions.create', { name: 'pty-one', cwd: ${JSON.stringify(cwd)}, backend: 'pty' })
       .catch((error) => ({ error }))`,
  )
  assert.equal(created.backend, 'pty', JSON.stringify(created))

  const beforeQuit = shell.records.at(-1)!.seq
  await shell.command('tray.clickMenuItem', { path: ['Quit Atelier'] })
  const asked = await shell.waitFor('dialog.showMessageBox', () => true, beforeQuit)
  const question = asked.data.options as { message: string; detail: string; buttons: string[] }
  assert.equal(question.message, 'Quit and end 1 running session?')
  assert.match(question.detail, /• pty-one/)
  assert.deepEqual(question.buttons, ['Quit', 'Cancel'])
  assert.equal(asked.data.windowId, windowId)
  await shell.command('dialog.answer', { dialogId: asked.data.dialogId, response: 1 })
  // Cancelled: the app keeps running, its window and the pty session with it.
  const list = await evaluate<{ sessions: { name: string; alive: boolean }[] }>(
    shell,
    windowId,
    "window.atelier.invoke('sessions.list', {})",
  )
  assert.deepEqual(
    list.sessions.filter((s) => s.name === 'pty-one').map((s) => s.alive),
    [true],
  )
  const state = (await shell.command('window.state', { windowId })) as { visible: boolean }
  assert.equal(state.visible, true)
  assert.equal(
    shell.records.some((r) => r.kind === 'app.exit' || r.kind === 'BrowserWindow.close'),
    false,
  )

  const again = shell.records.at(-1)!.seq
  await shell.command('tray.clickMenuItem', { path: ['Quit Atelier'] })
  const second = await shell.waitFor('dialog.showMessageBox', () => true, again)
  await shell.command('dialog.answer', { dialogId: second.data.dialogId, response: 0 })
  const exit = await shell.exited
  assert.equal(exit.code, 0, shell.output())
  assert.ok(shell.records.some((r) => r.kind === 'app.exit'))
  assert.match(readFileSync(join(userData, 'logs/atelier.log'), 'utf8'), /\[shell\] quit/)
})

test('a main process that loads better-sqlite3’s build for another runtime fails as in Electron', async () => {
  const broken = appFolder(false)
  const { home: brokenHome } = await homeWithFreePort()
  const main = launch(broken, brokenHome)
  const error = await main.waitFor('dialog.showErrorBox')
  assert.equal(error.data.title, 'Atelier could not start')
  assert.match(String(error.data.content), /NODE_MODULE_VERSION 0\./)
  assert.match(String(error.data.content), /npm run setup:desktop/)
  assert.equal((await main.exited).code, 1)
  assert.equal(existsSync(join(broken.sqliteDir, 'build-electron')), false)
})
