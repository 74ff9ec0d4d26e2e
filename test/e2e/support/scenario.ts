/**
 * The lifecycle scenario harness: a headless core serving the built renderer, the fake Messages
 * API, Debian Chromium on the app's page, and real Claude Code sessions started through the app
 * (pty or tmux). A scenario drives a session (app prompt, terminal keys, permission dialog, kill)
 * and waits for states both in the store (`events.list`) and on the page (card, top bar, feed,
 * zone label, robot). Every wait waits for a state; its bound only turns a hang into a readable
 * failure that carries the session's last events, what the page showed and the terminal.
 */
import { execFileSync } from 'node:child_process'
import { after, before } from 'node:test'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { CanonicalEvent } from '@shared/events'
import type { PendingRequest } from '@shared/permissions'
import type { BackendKind, PermissionMode, Session } from '@shared/sessions'
import { createCore, type Core } from '../../../src/main/core/app'
import { createTmuxBackend } from '../../../src/main/core/sessions/backends/tmux'
import { sendPrompt } from '../../../src/main/core/agents/claude/prompt-input'
import { claudeBinary, claudeTestEnv } from '../../support/claude-env'
import { UI_READY } from '../../support/claude-session'
import { startFakeAnthropic, type FakeAnthropic } from '../../support/fake-anthropic'
import { buildHookShim } from '../../support/hook-shim-build'
import { HANG_TIMEOUT_MS } from '../../support/patience'
import { sourceWriterScript } from '../../support/source-writer'
import { plainText } from '../../support/terminal-capture'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium'

/** Both backends; `SCENARIO_BACKEND=pty` (or tmux) runs one while working on a scenario. */
export const SCENARIO_BACKENDS: BackendKind[] = (['pty', 'tmux'] as const).filter(
  (b) => !process.env.SCENARIO_BACKEND || process.env.SCENARIO_BACKEND === b,
)
export const LIFECYCLE_SHOTS = resolve('test-results/lifecycle')
/** The real CLI on a loaded 2-core machine: one step of a scenario may take this long. */
export const SCENARIO_PATIENCE_MS = 2 * HANG_TIMEOUT_MS

/** What the page shows for one session, read in one go from the DOM. */
export interface SessionView {
  /** The status word of the card ("Working", "Finished"…), from its accessible name. */
  cardStatus: string
  /** The card's detail line ("Using Bash · 3s ago"). */
  cardDetail: string
  /** The side panel's summary ("2 sessions, 1 working"). */
  summary: string
  /** The top bar's "N need(s) you" badge, '' when absent. */
  needYou: string
  /** The zone label's visual status (starting, working, finished…), null without a label. */
  zoneStatus: string | null
  /** The zone label's chip text ("Finished"), '' without one. */
  zoneChip: string
  /** Feed rows shown (the session is selected, so they are its rows). */
  feed: { kind: string; text: string; toolState: string | null }[]
  /** The open permission dialog's title, '' when none is open. */
  dialog: string
}

export interface ScenarioApp {
  fake: FakeAnthropic
  /** A trusted git folder for the sessions. */
  project: string
  page: Page
  dataDir: string
  api<T = unknown>(channel: string, payload?: unknown): Promise<T>
  /** Starts a session through the app; waits for Claude Code's input box unless told not to. */
  start(name: string, backend: BackendKind, opts?: StartOptions): Promise<ScenarioSession>
  /** Waits until `probe` returns something truthy; on a hang, fails with `context()` attached. */
  until<T>(what: string, probe: () => Promise<T | null | undefined | false>): Promise<T>
  /** Deletes a session through the app and waits until its card is gone. */
  remove(s: ScenarioSession): Promise<void>
  /** Closes the core (as quitting the app does) and starts it again on the same data folder. */
  restartApp(): Promise<void>
  shot(name: string): Promise<void>
  close(): Promise<void>
}

export interface StartOptions {
  cwd?: string
  permissionMode?: PermissionMode
  /** Wait for the input box (default true). */
  ready?: boolean
}

export interface ScenarioSession {
  id: string
  name: string
  backend: BackendKind
  record(): Promise<Session | undefined>
  /** Stored events, oldest first. */
  events(): Promise<CanonicalEvent[]>
  waitEvent(
    what: string,
    match: (e: CanonicalEvent, all: CanonicalEvent[]) => boolean,
  ): Promise<CanonicalEvent>
  /**
   * Selects the session (card click), so the feed shows its rows. A click on a finished session
   * also marks it seen, so scenarios select a session when it starts.
   */
  select(): Promise<void>
  view(): Promise<SessionView>
  waitView(what: string, ok: (v: SessionView) => boolean): Promise<SessionView>
  /** Sends a prompt through the app (the prompt API, as the prompt bar does). */
  prompt(text: string): Promise<void>
  /** Types a prompt into the session's terminal (paste, then Enter), bypassing the app. */
  type(text: string): Promise<void>
  /** Raw keys into the terminal (Esc is '\x1b'). */
  keys(data: string): Promise<void>
  screen(): Promise<string>
  waitScreen(pattern: RegExp): Promise<string>
  waitReady(): Promise<void>
  waitPending(): Promise<PendingRequest>
  /** The Claude Code process of this session (found by its --session-id / --resume argument). */
  claudePid(): Promise<number | null>
}

/** Plain text of the last `n` stored events, for failure messages. */
function tail(events: CanonicalEvent[], n = 12): string[] {
  return events.slice(-n).map((e) => {
    const extra = 'tool' in e ? `:${String(e.tool)}` : 'reason' in e ? `:${String(e.reason)}` : ''
    return `${e.type}${extra}${e.agentId ? '(sub)' : ''}`
  })
}

async function readView(page: Page, id: string): Promise<SessionView> {
  return page.evaluate((sid) => {
    const card = document.querySelector(`[data-session-card="${sid}"]`)
    const label = card?.querySelector('.card-main')?.getAttribute('aria-label') ?? ''
    const zone = document.querySelector(`[data-testid="zone-label"][data-session="${sid}"]`)
    const rows = [...document.querySelectorAll('[data-testid="feed"] [data-testid="feed-item"]')]
    const dialog = document.querySelector('.dialog.permission #perm-title')
    return {
      cardStatus: label.slice(label.lastIndexOf(', ') + 2),
      cardDetail: card?.querySelector('.card-detail')?.textContent ?? '',
      summary: document.querySelector('.all-summary')?.textContent ?? '',
      needYou: document.querySelector('.attention-badge')?.textContent ?? '',
      zoneStatus: zone?.getAttribute('data-status') ?? null,
      zoneChip: zone?.querySelector('.zone-chip')?.textContent ?? '',
      feed: rows.map((r) => ({
        kind: r.getAttribute('data-kind') ?? '',
        text: (r as HTMLElement).innerText,
        toolState: r.querySelector('[data-tool-state]')?.getAttribute('data-tool-state') ?? null,
      })),
      dialog: dialog?.textContent ?? '',
    }
  }, id)
}

/** Folder names are unique per run, so a scenario's session ids never collide with another's. */
function newProject(prefix: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)))
  execFileSync('git', ['init', '-q', dir])
  writeFileSync(join(dir, 'README.md'), '# demo\n')
  return dir
}

/** A git folder that Claude Code has never been told to trust. */
export function untrustedProject(): string {
  return newProject('atelier-untrusted-')
}

/**
 * The test file's app: started before its first test and closed after its last (node:test hooks
 * at the file's top level, so call this there). The handle forwards to the running app, so a
 * scenario uses it as the app itself; touched outside a test, it says so.
 */
export function useScenarioApp(): ScenarioApp {
  let running: ScenarioApp | undefined
  before(async () => {
    running = await startScenarioApp()
  })
  after(async () => {
    await running?.close()
  })
  return new Proxy({} as ScenarioApp, {
    get(_, key) {
      // Not a promise: `await` on the handle must not reach the app.
      if (key === 'then') return undefined
      if (!running) throw new Error(`the scenario app's ${String(key)} was read outside a test`)
      const value: unknown = Reflect.get(running, key)
      return typeof value === 'function' ? value.bind(running) : value
    },
  })
}

export async function startScenarioApp(): Promise<ScenarioApp> {
  mkdirSync(LIFECYCLE_SHOTS, { recursive: true })
  const project = newProject('atelier-lifecycle-')
  const fake = await startFakeAnthropic()
  const { env, home } = await claudeTestEnv(fake.baseUrl, [project])
  // The core passes its own environment on to the sessions it starts.
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-lifecycle-data-'))
  // The core runs from source here: its SessionStart shim is compiled as the app build does.
  const shimPath = await buildHookShim()
  const rendererDir = process.env.UI_RENDERER_DIR
    ? resolve(process.env.UI_RENDERER_DIR)
    : resolve('out/renderer')
  const openCore = () =>
    createCore({
      writerScript: sourceWriterScript(),
      dataDir,
      runtime: 'headless',
      version: '0.0.0-dev',
      port: 0,
      rendererDir,
      shimPath,
      processMetrics: false,
      claudeSettingsFile: join(dataDir, 'claude-settings.json'),
    })
  let core: Core = await openCore()
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  })
  const page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
    colorScheme: 'dark',
  })
  page.setDefaultTimeout(SCENARIO_PATIENCE_MS)
  const sessions = new Map<string, ScenarioSession>()
  let selected: string | null = null

  async function api<T>(channel: string, payload: unknown = {}): Promise<T> {
    const res = await fetch(`http://127.0.0.1:${core.info.port}/api/${channel}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${core.info.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(payload),
    })
    const body = await res.json()
    if (!res.ok) throw new Error(`${channel}: ${res.status} ${JSON.stringify(body)}`)
    return body as T
  }

  async function openPage(): Promise<void> {
    await page.goto(core.services.auth!.pageUrl()!)
    await page.locator('.conn-open').waitFor()
  }

  /** The page as it is, in the dark theme (`<name>.png`) and the light one (`<name>-light.png`). */
  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: join(LIFECYCLE_SHOTS, `${name}.png`) })
    await showTheme('light')
    try {
      await page.screenshot({ path: join(LIFECYCLE_SHOTS, `${name}-light.png`) })
    } finally {
      await showTheme('dark')
    }
  }

  async function showTheme(theme: 'dark' | 'light'): Promise<void> {
    await api('settings.update', { theme })
    await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme)
    // Two frames: the scene repaints in the new palette before the picture is taken.
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    )
  }

  async function context(): Promise<string> {
    const parts: string[] = []
    for (const s of sessions.values()) {
      const events = await s.events().catch(() => [])
      const view = await readView(page, s.id).catch((e: unknown) => String(e))
      const screen = await s.screen().catch(() => '')
      parts.push(
        `${s.name} (${s.backend}): events ${JSON.stringify(tail(events))}\n  page ${JSON.stringify(view)}\n  terminal …${screen.slice(-600)}`,
      )
    }
    return parts.join('\n')
  }

  async function until<T>(
    what: string,
    probe: () => Promise<T | null | undefined | false>,
  ): Promise<T> {
    const deadline = Date.now() + SCENARIO_PATIENCE_MS
    let last: unknown
    for (;;) {
      try {
        const v = await probe()
        if (v) return v
      } catch (err) {
        last = err
      }
      if (Date.now() > deadline) {
        await page
          .screenshot({
            path: join(LIFECYCLE_SHOTS, `hung-${what.replace(/\W+/g, '-').slice(0, 60)}.png`),
          })
          .catch(() => {})
        throw new Error(
          `never happened: ${what}${last ? ` (last error: ${String(last)})` : ''}\n${await context()}`,
        )
      }
      await new Promise((r) => setTimeout(r, 150))
    }
  }

  function sessionHandle(rec: Session): ScenarioSession {
    const id = rec.id
    const s: ScenarioSession = {
      id,
      name: rec.name,
      backend: rec.backend ?? 'pty',
      async record() {
        const { sessions: all } = await api<{ sessions: Session[] }>('sessions.list')
        return all.find((x) => x.id === id)
      },
      async events() {
        const { events } = await api<{ events: CanonicalEvent[] }>('events.list', {
          sessionId: id,
          limit: 1000,
        })
        return events.reverse()
      },
      async waitEvent(what, match) {
        return until(`${rec.name}: ${what}`, async () => {
          const all = await s.events()
          return all.find((e) => match(e, all))
        })
      },
      async select() {
        selected = id
        await page.locator(`[data-session-card="${id}"] .card-main`).click()
        await page.locator(`[data-session-card="${id}"] .card-main[aria-pressed="true"]`).waitFor()
      },
      view: () => readView(page, id),
      async waitView(what, ok) {
        return until(`${rec.name} shows ${what}`, async () => {
          const v = await s.view()
          return ok(v) ? v : null
        })
      },
      async prompt(text) {
        await api('sessions.prompt', { id, text })
      },
      async type(text) {
        const writes: Promise<unknown>[] = []
        await sendPrompt((data) => void writes.push(api('terminal.input', { id, data })), text)
        await Promise.all(writes)
      },
      async keys(data) {
        await api('terminal.input', { id, data })
      },
      async screen() {
        const { data } = await api<{ data: string }>('terminal.snapshot', { id })
        return plainText(data)
      },
      async waitScreen(pattern) {
        return until(`${rec.name}'s terminal shows ${String(pattern)}`, async () => {
          const text = await s.screen()
          return pattern.test(text) ? text : null
        })
      },
      async waitReady() {
        await s.waitScreen(UI_READY)
      },
      async waitPending() {
        return until(`${rec.name} has a pending request`, async () => {
          const { requests } = await api<{ requests: PendingRequest[] }>('permissions.list')
          return requests.find((r) => r.sessionId === id)
        })
      },
      async claudePid() {
        const claudeId = (await s.record())?.claudeSessionId
        if (!claudeId) return null
        for (const entry of readdirSync('/proc')) {
          if (!/^\d+$/.test(entry)) continue
          let argv: string[]
          try {
            argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')
          } catch {
            continue
          }
          const at = argv.findIndex((a) => a === '--session-id' || a === '--resume')
          if (at >= 0 && argv[at + 1] === claudeId) return Number(entry)
        }
        return null
      },
    }
    sessions.set(id, s)
    return s
  }

  await api('settings.update', { claudeBin: claudeBinary(), theme: 'dark' })
  await openPage()

  return {
    fake,
    project,
    page,
    dataDir,
    api,
    until,
    shot,
    async start(name, backend, opts = {}) {
      const rec = await api<Session>('sessions.create', {
        name,
        cwd: opts.cwd ?? project,
        backend,
        ...(opts.permissionMode ? { permissionMode: opts.permissionMode } : {}),
      })
      const s = sessionHandle(rec)
      await page.locator(`[data-session-card="${rec.id}"]`).waitFor()
      await s.select()
      if (opts.ready ?? true) await s.waitReady()
      return s
    },
    async restartApp() {
      await core.close()
      core = await openCore()
      await openPage()
      if (selected) await sessions.get(selected)?.select()
    },
    async remove(s) {
      await api('sessions.delete', { id: s.id })
      sessions.delete(s.id)
      await page.locator(`[data-session-card="${s.id}"]`).waitFor({ state: 'detached' })
    },
    async close() {
      for (const s of sessions.values()) await api('sessions.delete', { id: s.id }).catch(() => {})
      await browser.close()
      await core.close()
      // tmux sessions outlive the core on purpose; the test's private server goes with the test.
      await createTmuxBackend({ dataDir })
        .killServer()
        .catch(() => {})
      await fake.close()
      rmSync(dataDir, { recursive: true, force: true })
      rmSync(home, { recursive: true, force: true })
    },
  }
}

/** Stored-event predicates the scenarios share. */
export const is = {
  mainStop: (e: CanonicalEvent) => e.type === 'stop' && !e.agentId,
  toolStart: (tool: string) => (e: CanonicalEvent) => e.type === 'tool.start' && e.tool === tool,
  toolEnd: (tool: string) => (e: CanonicalEvent) => e.type === 'tool.end' && e.tool === tool,
  permission: (tool: string) => (e: CanonicalEvent) =>
    e.type === 'permission.request' && e.tool === tool,
}

/** The feed's older names for tool-row states, read as the lifecycle model's names. */
const TOOL_STATE_NAMES: Record<string, string> = {
  pending: 'running',
  success: 'done',
  failure: 'failed',
}

/** The tool rows of a view, oldest first, by lifecycle state (running, done, denied…). */
export function toolStates(v: SessionView): string[] {
  return v.feed
    .filter((r) => r.kind === 'tool')
    .map((r) => TOOL_STATE_NAMES[r.toolState ?? ''] ?? r.toolState ?? '')
}

const noneWorking = (v: SessionView) => !/working/.test(v.summary)
const noToolRunning = (v: SessionView) => !toolStates(v).includes('running')

/**
 * What the page must show in each lifecycle state (docs/session-lifecycle.md): the card, the
 * zone label, the side panel's "N working" and the top bar's "N need you" — which counts exactly
 * the sessions with a decision or an answer pending, never a finished or failed turn.
 */
export const looks = {
  idle: (v: SessionView) =>
    v.zoneStatus === 'idle' && v.cardStatus === 'Idle' && noneWorking(v) && noToolRunning(v),
  working: (v: SessionView) =>
    v.zoneStatus === 'working' && v.cardStatus === 'Working' && /1 working/.test(v.summary),
  permission: (tool: string) => (v: SessionView) =>
    v.zoneStatus === 'permission' &&
    v.cardDetail.includes(`Waiting for permission: ${tool}`) &&
    v.needYou === '1 needs you' &&
    noneWorking(v),
  finished: (v: SessionView) =>
    v.zoneStatus === 'finished' &&
    v.cardStatus === 'Finished' &&
    v.needYou === '' &&
    noneWorking(v) &&
    noToolRunning(v),
  interrupted: (v: SessionView) =>
    v.zoneStatus === 'interrupted' &&
    v.cardStatus === 'Interrupted' &&
    v.needYou === '' &&
    noneWorking(v) &&
    noToolRunning(v) &&
    toolStates(v).includes('interrupted'),
  failed: (v: SessionView) =>
    v.zoneStatus === 'failed' &&
    v.cardStatus === 'Failed' &&
    v.needYou === '' &&
    noneWorking(v) &&
    noToolRunning(v),
  offline: (v: SessionView) =>
    v.zoneStatus === 'offline' &&
    v.cardStatus === 'Offline' &&
    v.needYou === '' &&
    noneWorking(v) &&
    noToolRunning(v),
}
