/**
 * What running a Claude Code session through Atelier costs the session itself:
 * `npm run bench:agent`. Prints one JSON object on stdout; progress goes to stderr.
 *
 * The real CLI (the pinned dev dependency) runs interactively in a pty, offline against the fake
 * Messages API, and does the same scripted turn (Read → Bash → Write → Edit → text) in every arm:
 *
 *  - `bare`      the CLI with no settings at all: what the user would get without Atelier;
 *  - `hooks`     the app's hook settings without its statusLine, posting to an instant sink (the
 *                spooled events write their files, counted and removed after each turn);
 *  - `settings`  the app's whole settings file (hooks and statusLine), posting to the same sink;
 *  - `managed`   a session created through the built app (headless, pty backend), with a
 *                WebSocket client attached like an open window.
 *
 * The arms take turns (the order rotates every round, so load on the shared machine spreads over
 * all of them); each has its own fake API, so a turn's time is measured where the model sees it:
 * from the first to the last model request of the turn. The ratio is managed / bare (medians).
 * The steps between arms say where the added time goes (hooks, statusLine, the app's own work),
 * and per-turn counters back them up: hook calls by kind, statusLine runs, git processes and
 * status reads, terminal output pushed, and CPU time of every process involved.
 *
 * BENCH_AGENT_TURNS (default 7) timed turns per arm after one warm-up turn;
 * BENCH_AGENT_ARMS (default all four, comma-separated) picks arms;
 * BENCH_AGENT_SETTLE_MS (default 1500) quiet time after each turn so its tail (the Stop hook,
 * statusLine, git) never overlaps the next arm's turn;
 * BENCH_AGENT_MODE (default acceptEdits) the permission mode: the scripted tools then run without a
 * prompt in every arm.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { mkdtemp, readdir, readFile, realpath, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PermissionMode, Session } from '../../src/shared/sessions'
import { createPtyBackend } from '../../src/main/core/sessions/backends/pty'
import type { BackendProcess } from '../../src/main/core/sessions/backends/types'
import { claudeVersion } from '../../src/main/core/agents/claude/find-claude'
import { UI_READY } from '../support/claude-session'
import {
  buildHookSettings,
  sessionHookEnv,
  shimCommand,
  writeHookSettings,
} from '../../src/main/core/agents/claude/hook-settings'
import { DEFAULT_COLS, DEFAULT_ROWS } from '../../src/main/core/sessions/manager'
import { STATUS_FILE_NAME } from '../../src/main/core/agents/claude/status-line-command'
import {
  bashCanSpool,
  SPOOL_DIR_NAME,
  spoolHook,
} from '../../src/main/core/agents/claude/spool-hook-command'
import { findOnPath } from '../../src/main/core/util/find-on-path'
import { sendPrompt } from '../../src/main/core/agents/claude/prompt-input'
import { callApi, connectPushes, type PushRecorder } from '../support/app-process'
import { gitRepo } from '../support/cli-fixture'
import { claudeBinary, claudeTestEnv } from '../support/claude-env'
import { startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic'
import { startHookSink, type HookSink } from '../support/hook-sink'
import { plainText } from '../support/terminal-capture'
import { runMain } from './support/run-main'
import { startBuiltApp, stopBuiltApp, type BuiltApp } from './support/built-app'
import { cpuTicks, TICKS_PER_SECOND, type CpuTicks } from './support/proc-cpu'

const TURNS = Number(process.env.BENCH_AGENT_TURNS ?? 7)
const SETTLE_MS = Number(process.env.BENCH_AGENT_SETTLE_MS ?? 1500)
const MODE = (process.env.BENCH_AGENT_MODE ?? 'acceptEdits') as PermissionMode
const DEFAULT_ARMS = ['bare', 'hooks', 'settings', 'managed']
/**
 * Also accepted: `statusline` (the statusLine alone), `hooks-spooled` (the app's hooks with every
 * one that only reports spooled, only the deciding ones http), `hook:<Event>[+<Event>…]` (those hooks
 * alone, as the app registers them) and `file:<settings.json>` (any settings, `{{port}}` standing
 * for the hook sink's port), to try other ways of hooking in.
 */
type ArmName = string
const ARM_NAMES: ArmName[] = process.env.BENCH_AGENT_ARMS?.split(',') ?? DEFAULT_ARMS
/** The scripted turn: four tool calls and a closing text, five model requests. */
const SCRIPT = 'tools'
const PROMPT = `[[script:${SCRIPT}]] use the tools`
const REQUESTS_PER_TURN = 5
/** Any single wait (UI ready, a turn) gives up after this long so the bench always ends. */
const WAIT_LIMIT_MS = 60_000
const ROOT = join(__dirname, '../..')
const SHIM = join(ROOT, 'out/main/hook-shim.js')

const log = (message: string) => process.stderr.write(`[bench:agent] ${message}\n`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(20)
  }
}

interface ArmCounters {
  /** Hook POSTs by event name (and `statusline` for statusLine updates). */
  hooks: Record<string, number>
  gitSpawns: number
  gitStatusRuns: number
  terminalPushes: number
  terminalBytes: number
}

interface Arm {
  name: ArmName
  api: FakeAnthropic
  repo: string
  /** Claude's pid (the process in the pty). */
  claudePid(): number
  prompt(text: string): Promise<void>
  /** Counters since the arm started; a turn's figures are the difference across it. */
  counters(): Promise<ArmCounters>
  /** The process that serves the arm's hooks, when it is a separate one (the app). */
  appPid(): number | null
  close(): Promise<void>
}

interface Shared {
  claudeBin: string
  claudeVersion: string
  sink: HookSink
  dataDir: string
}

/** Each arm gets its own fake API, repository and HOME (trusting that repository). */
interface ArmBase {
  api: FakeAnthropic
  repo: string
  home: string
  env: Record<string, string | undefined>
}

async function armBase(): Promise<ArmBase> {
  const api = await startFakeAnthropic()
  const repo = await gitRepo()
  const { env, home } = await claudeTestEnv(api.baseUrl, [repo])
  return { api, repo, home, env }
}

async function disposeBase(base: ArmBase): Promise<void> {
  await base.api.close()
  for (const dir of [base.repo, base.home]) await rm(dir, { recursive: true, force: true })
}

function hookCountsOf(sink: HookSink, sessionId: string): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const call of sink.calls) {
    if (call.headers['x-atelier-session'] !== sessionId) continue
    const kind = call.path.endsWith('/statusline')
      ? 'statusline'
      : String(call.body.hook_event_name ?? '?')
    counts[kind] = (counts[kind] ?? 0) + 1
  }
  return counts
}

/** An arm whose CLI the bench starts itself, with `settings` (or none) pointing at the sink. */
async function directArm(
  name: ArmName,
  shared: Shared,
  settings: Record<string, unknown> | null,
  spoolDir: string,
): Promise<Arm> {
  const base = await armBase()
  const sessionId = randomUUID()
  // The argv the app builds, minus --settings for the bare CLI.
  const args = ['--session-id', randomUUID(), '--permission-mode', MODE]
  if (settings) {
    const file = join(shared.dataDir, name, 'settings.json')
    await writeHookSettings(file, settings)
    args.push('--settings', file)
  }
  const proc = await createPtyBackend().spawn({
    sessionKey: sessionId,
    file: shared.claudeBin,
    args,
    cwd: base.repo,
    env: {
      ...base.env,
      // Every arm gets the same environment (the sink's certificate included), settings or not.
      ...sessionHookEnv(
        sessionId,
        randomBytes(16).toString('hex'),
        shared.sink.socket,
        shared.sink.certFile,
      ),
    },
    cols: DEFAULT_COLS,
    rows: DEFAULT_ROWS,
  })
  const out = terminalCounter(proc)
  await until(`${name}: the input box`, () => UI_READY.test(plainText(out.tail())))
  return {
    name,
    api: base.api,
    repo: base.repo,
    claudePid: () => proc.pid!,
    appPid: () => null,
    prompt: (text) => sendPrompt((d) => proc.write(d), text),
    counters: async () => ({
      hooks: addCounts(hookCountsOf(shared.sink, sessionId), await spooledCounts(spoolDir)),
      gitSpawns: 0,
      gitStatusRuns: 0,
      terminalPushes: out.chunks(),
      terminalBytes: out.bytes(),
    }),
    async close() {
      await proc.kill()
      await disposeBase(base)
    },
  }
}

/** Spooled hooks seen so far, by event (`<Event> (spooled)`); each file is read once. */
const spooledSeen = new Map<string, Record<string, number>>()
async function spooledCounts(dir: string): Promise<Record<string, number>> {
  const counts = spooledSeen.get(dir) ?? {}
  spooledSeen.set(dir, counts)
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const file = join(dir, name)
    const body = JSON.parse(await readFile(file, 'utf8')) as { hook_event_name?: string }
    const kind = `${body.hook_event_name ?? '?'} (spooled)`
    counts[kind] = (counts[kind] ?? 0) + 1
    await rm(file)
  }
  return { ...counts }
}

function addCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a }
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v
  return out
}

/** Counts a pty's output and keeps a short tail to look for the input box. */
function terminalCounter(proc: BackendProcess) {
  let bytes = 0
  let chunks = 0
  let tail = ''
  proc.onData((data) => {
    bytes += data.length
    chunks++
    tail = (tail + data).slice(-8000)
  })
  return { bytes: () => bytes, chunks: () => chunks, tail: () => tail }
}

interface Health {
  git: { gitSpawns: number; statusRuns: number }
}

/** A session created through the built app, the way a user creates one. */
async function managedArm(shared: Shared): Promise<{ arm: Arm; app: BuiltApp }> {
  const base = await armBase()
  const { api, repo } = base
  const appData = join(shared.dataDir, 'app')
  const app = await startBuiltApp(appData, { ...base.env, ATELIER_CLAUDE_BIN: shared.claudeBin })
  const call = <T>(channel: string, body: unknown = {}) =>
    callApi<T>(app.port, app.token, channel, body)
  const pushes: PushRecorder = await connectPushes(app.port, app.token)
  const session = await call<Session>('sessions.create', {
    name: 'Bench',
    cwd: repo,
    backend: 'pty',
    permissionMode: MODE,
  })
  const pidFile = join(appData, 'sessions', session.id, 'pty.pid')
  await until('managed: the pty pid file', () => existsSync(pidFile))
  const pid = (JSON.parse(readFileSync(pidFile, 'utf8')) as { pid: number }).pid
  await until('managed: the input box', () =>
    UI_READY.test(plainText(pushes.terminal(session.id).slice(-8000))),
  )
  const health = async (): Promise<Health> => {
    const res = await fetch(`http://127.0.0.1:${app.port}/health`, {
      headers: { authorization: `Bearer ${app.token}` },
    })
    return (await res.json()) as Health
  }
  // Stored events by type from /metrics: reading them back through events.list would cost the
  // app more CPU than the counting is worth (it is part of the figure).
  const eventCounts = async (): Promise<Record<string, number>> => {
    const res = await fetch(`http://127.0.0.1:${app.port}/metrics`, {
      headers: { authorization: `Bearer ${app.token}` },
    })
    const counts: Record<string, number> = {}
    for (const m of (await res.text()).matchAll(
      /^atelier_events_ingested_total\{type="([^"]+)"\} (\d+)$/gm,
    ))
      counts[m[1]] = Number(m[2])
    return counts
  }
  const arm: Arm = {
    name: 'managed',
    api,
    repo,
    claudePid: () => pid,
    appPid: () => app.child.pid ?? null,
    prompt: (text) => call('sessions.prompt', { id: session.id, text }),
    async counters() {
      const [h, events] = await Promise.all([health(), eventCounts()])
      const terminal = pushes.pushes.filter(
        (p) => p.stream === 'terminal' && (p.data as { id: string }).id === session.id,
      )
      return {
        hooks: events,
        gitSpawns: h.git.gitSpawns,
        gitStatusRuns: h.git.statusRuns,
        terminalPushes: terminal.length,
        terminalBytes: terminal.reduce((n, p) => n + (p.data as { data: string }).data.length, 0),
      }
    },
    async close() {
      await call('sessions.delete', { id: session.id }).catch(() => {})
      pushes.close()
      await stopBuiltApp(app)
      await disposeBase(base)
    },
  }
  return { arm, app }
}

interface TurnFigures {
  arm: ArmName
  round: number
  /** First to last model request of the turn, at the fake API. */
  ms: number
  requests: number
  hooks: Record<string, number>
  gitSpawns: number
  gitStatusRuns: number
  terminalPushes: number
  terminalBytes: number
  /** CPU ms over the turn and its settle time. */
  cpuMs: { claude: number; claudeChildren: number; app: number; appChildren: number }
}

function diffCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = (b[k] ?? 0) - (a[k] ?? 0)
    if (d !== 0) out[k] = d
  }
  return out
}

const ticksToMs = (t: number) => (t * 1000) / TICKS_PER_SECOND

function cpuDiff(a: CpuTicks | null, b: CpuTicks | null): { self: number; children: number } {
  if (!a || !b) return { self: 0, children: 0 }
  return { self: ticksToMs(b.self - a.self), children: ticksToMs(b.children - a.children) }
}

async function runTurn(arm: Arm, round: number): Promise<TurnFigures> {
  // The script's Write needs notes.txt absent (Claude refuses to overwrite an unread file).
  await rm(join(arm.repo, 'notes.txt'), { force: true })
  await sleep(SETTLE_MS / 2)
  const mark = arm.api.requests.length
  const before = await arm.counters()
  const claudeBefore = cpuTicks(arm.claudePid())
  const appPid = arm.appPid()
  const appBefore = appPid ? cpuTicks(appPid) : null
  await arm.prompt(PROMPT)
  const turnRequests = () =>
    arm.api.requests.slice(mark).filter((r) => r.url.startsWith('/v1/messages'))
  await until(`${arm.name}: the turn's last model request`, () =>
    turnRequests().some(
      (r) => r.script === SCRIPT && r.step === REQUESTS_PER_TURN - 1 && r.repliedAt !== undefined,
    ),
  )
  await sleep(SETTLE_MS)
  const after = await arm.counters()
  const claude = cpuDiff(claudeBefore, cpuTicks(arm.claudePid()))
  const app = cpuDiff(appBefore, appPid ? cpuTicks(appPid) : null)
  const requests = turnRequests()
  const scripted = requests.filter((r) => r.script === SCRIPT)
  const steps = scripted.map((r) => r.step)
  if (steps.join(',') !== '0,1,2,3,4')
    throw new Error(
      `${arm.name}: unexpected model requests in the turn (steps ${steps.join(',')}); ${requests.length} requests`,
    )
  return {
    arm: arm.name,
    round,
    ms: scripted.at(-1)!.at - scripted[0].at,
    requests: requests.length,
    hooks: diffCounts(before.hooks, after.hooks),
    gitSpawns: after.gitSpawns - before.gitSpawns,
    gitStatusRuns: after.gitStatusRuns - before.gitStatusRuns,
    terminalPushes: after.terminalPushes - before.terminalPushes,
    terminalBytes: after.terminalBytes - before.terminalBytes,
    cpuMs: {
      claude: claude.self,
      claudeChildren: claude.children,
      app: app.self,
      appChildren: app.children,
    },
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  if (s.length === 0) return NaN
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const round1 = (x: number) => Math.round(x * 10) / 10

function summarize(turns: TurnFigures[]) {
  const meanOf = (xs: number[]) => round1(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length))
  const byArm: Record<string, unknown> = {}
  const medians: Partial<Record<ArmName, number>> = {}
  const cpuMedians: Partial<Record<ArmName, number>> = {}
  const cpuOf = (t: TurnFigures) =>
    t.cpuMs.claude + t.cpuMs.claudeChildren + t.cpuMs.app + t.cpuMs.appChildren
  for (const name of ARM_NAMES) {
    const ts = turns.filter((t) => t.arm === name)
    medians[name] = median(ts.map((t) => t.ms))
    cpuMedians[name] = median(ts.map(cpuOf))
    const hookKinds = new Set(ts.flatMap((t) => Object.keys(t.hooks)))
    const hooks: Record<string, number> = {}
    for (const k of [...hookKinds].sort()) hooks[k] = meanOf(ts.map((t) => t.hooks[k] ?? 0))
    byArm[name] = {
      medianMs: round1(medians[name]!),
      turnsMs: ts.map((t) => round1(t.ms)),
      /** CPU of every process the arm runs, over the turn and its settle time. */
      cpuMedianMs: round1(cpuMedians[name]!),
      perTurn: {
        hooks,
        gitSpawns: meanOf(ts.map((t) => t.gitSpawns)),
        gitStatusRuns: meanOf(ts.map((t) => t.gitStatusRuns)),
        terminalPushes: meanOf(ts.map((t) => t.terminalPushes)),
        terminalBytes: meanOf(ts.map((t) => t.terminalBytes)),
        cpuMs: {
          claude: meanOf(ts.map((t) => t.cpuMs.claude)),
          claudeChildren: meanOf(ts.map((t) => t.cpuMs.claudeChildren)),
          app: meanOf(ts.map((t) => t.cpuMs.app)),
          appChildren: meanOf(ts.map((t) => t.cpuMs.appChildren)),
        },
      },
    }
  }
  const stepOf =
    (m: Partial<Record<ArmName, number>>) =>
    (a: ArmName, b: ArmName): number | null =>
      m[a] !== undefined && m[b] !== undefined ? round1(m[b]! - m[a]!) : null
  const step = stepOf(medians)
  const cpuStep = stepOf(cpuMedians)
  const steps = (f: (a: ArmName, b: ArmName) => number | null) => ({
    hooks: f('bare', 'hooks'),
    statusLine: f('hooks', 'settings'),
    ...Object.fromEntries(
      ARM_NAMES.filter((n) => n.startsWith('hook:') || n === 'statusline').map((n) => [
        n,
        f('bare', n),
      ]),
    ),
    app: f('settings', 'managed'),
    total: f('bare', 'managed'),
  })
  return {
    medians: {
      bare: medians.bare !== undefined ? round1(medians.bare) : null,
      managed: medians.managed !== undefined ? round1(medians.managed) : null,
    },
    ratio:
      medians.bare && medians.managed ? Number((medians.managed / medians.bare).toFixed(3)) : null,
    /** Wall time added per turn at each step (medians), then CPU time added (medians). */
    addedMs: steps(step),
    addedCpuMs: steps(cpuStep),
    arms: byArm,
  }
}

/** What a bench-started arm runs with: the app's own settings, whole or in part, or none. */
function settingsForArm(
  name: ArmName,
  port: number,
  version: string,
  armDir: string,
  canSpool: boolean,
): Record<string, unknown> | null {
  if (name === 'bare') return null
  if (name.startsWith('file:')) {
    // Any settings to compare against; {{port}} becomes the hook sink's port.
    const text = readFileSync(name.slice('file:'.length), 'utf8')
    return JSON.parse(text.replaceAll('{{port}}', String(port))) as Record<string, unknown>
  }
  const bash = findOnPath('bash')
  const full = buildHookSettings({
    port,
    claudeVersion: version,
    shim: shimCommand(process.execPath, SHIM, false),
    // What the session manager passes, so the statusLine arm runs the app's own command and the
    // hooks the app spools are spooled here too.
    ...(bash ? { statusLine: { bash, statusFile: join(armDir, STATUS_FILE_NAME) } } : {}),
    ...(bash && canSpool ? { spool: { bash, dir: join(armDir, SPOOL_DIR_NAME) } } : {}),
  })
  const hooks = full.hooks as Record<string, unknown>
  if (name === 'settings') return full
  if (name === 'hooks') return { hooks }
  if (name === 'statusline') return { statusLine: full.statusLine }
  if (name === 'hooks-spooled') {
    // What the session would cost if every hook that only reports were spooled (async command
    // hooks Claude does not wait for): only the hooks that decide stay http.
    if (!bash || !canSpool) throw new Error('hooks-spooled needs bash 5 or later')
    const spooled = spoolHook(bash, join(armDir, SPOOL_DIR_NAME))
    return {
      hooks: Object.fromEntries(
        Object.entries(hooks).map(([event, entries]) => [
          event,
          event === 'PermissionRequest' || event === 'SessionStart'
            ? entries
            : event === 'PreToolUse'
              ? (entries as { matcher?: string }[]).map((e) =>
                  e.matcher === 'AskUserQuestion' ? e : { ...e, hooks: [spooled] },
                )
              : [{ hooks: [spooled] }],
        ]),
      ),
    }
  }
  const events = /^hook:([\w+]+)$/.exec(name)?.[1].split('+') ?? []
  if (events.length > 0 && events.every((e) => hooks[e]))
    return { hooks: Object.fromEntries(events.map((e) => [e, hooks[e]])) }
  throw new Error(
    `unknown arm "${name}" (bare, hooks, hooks-spooled, settings, managed, statusline, hook:<Event>[+<Event>…], file:<path>)`,
  )
}

async function main(): Promise<void> {
  if (!existsSync(SHIM)) throw new Error(`${SHIM} is missing: run npm run build first`)
  const dataDir = await realpath(await mkdtemp(join(tmpdir(), 'atelier-bench-agent-')))
  const sink = await startHookSink()
  const claudeBin = claudeBinary()
  const shared: Shared = {
    claudeBin,
    claudeVersion: await claudeVersion(claudeBin),
    sink,
    dataDir,
  }
  const arms: Arm[] = []
  let app: BuiltApp | null = null
  const bash = findOnPath('bash')
  const canSpool = bash ? await bashCanSpool(bash) : false
  try {
    for (const name of ARM_NAMES) {
      log(`starting ${name}`)
      if (name === 'managed') {
        const m = await managedArm(shared)
        app = m.app
        arms.push(m.arm)
      } else {
        const armDir = join(dataDir, name.replace(/[^\w.+-]/g, '_'))
        mkdirSync(join(armDir, SPOOL_DIR_NAME), { recursive: true })
        arms.push(
          await directArm(
            name,
            shared,
            settingsForArm(name, sink.port, shared.claudeVersion, armDir, canSpool),
            join(armDir, SPOOL_DIR_NAME),
          ),
        )
      }
    }
    log(`CLI ${shared.claudeVersion}, mode ${MODE}; warm-up turn per arm`)
    for (const arm of arms) await runTurn(arm, 0)
    const turns: TurnFigures[] = []
    for (let r = 1; r <= TURNS; r++) {
      const order = arms.map((_, i) => arms[(i + r) % arms.length])
      for (const arm of order) {
        const t = await runTurn(arm, r)
        turns.push(t)
        log(`round ${r} ${arm.name}: ${t.ms.toFixed(0)} ms`)
      }
    }
    const summary = summarize(turns)
    process.stdout.write(
      `${JSON.stringify({ cli: shared.claudeVersion, mode: MODE, turns: TURNS, ...summary }, null, 2)}\n`,
    )
  } finally {
    for (const arm of arms)
      await arm.close().catch((err: unknown) => log(`close ${arm.name}: ${String(err)}`))
    if (app && app.child.exitCode === null) app.child.kill('SIGKILL')
    await sink.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

runMain(main)
