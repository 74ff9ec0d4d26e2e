/**
 * A remote session over a slow link: `npm run bench:remote` (docs/remote-hosts.md, "Over a slow
 * link"). Prints one JSON object of figures on stdout and the same side by side on stderr.
 *
 * Two arms, each a real sshd in a network namespace of its own (test/support/ssh-test-host.ts)
 * with the pinned Claude Code logged in there against a fake Messages API on the host's side of
 * its link, both driven by one in-process core (no Electron):
 *
 *  - `direct`   ssh reaches the host straight over the veth pair;
 *  - `delayed`  ssh reaches it through test/support/delay-proxy.ts, which adds BENCH_RTT_MS
 *               (default 100) to every round trip (this kernel has no netem qdisc). Only the link
 *               between this machine and the host is slow: the host's own way to the model API is
 *               not, as a dev server keeps its own network.
 *
 * In each arm the bench creates a session on the host through the API, as the app does, and runs
 * the demo turn (Read → Bash → Write → Edit, the Write allowed from the app): it shows the turn
 * completes and how long it took, from the prompt sent to its Stop stored. Then, arms alternating
 * in batches, it times what the remote CLI waits for at each hook: the hook command from the
 * session's own settings file on the host (`/bin/sh ~/.atelier-remote/bin/hook.sh …`), run on the
 * host by a small Node driver that spawns it the way Claude Code does (argv, the hook's JSON on
 * stdin, the session's id and token in its environment) and times spawn → exit:
 *
 *  - `report`  a PostToolUse of a Read (a 2 KB file in its result), the kind of hook a turn fires
 *              most: curl through the tunnel, answered early by the app;
 *  - `decide`  a PermissionRequest for a Write, held by the app until a decision: the bench
 *              answers it from the app's `permissions` push (allow) as soon as it arrives, so this
 *              is the round trip with a user who answers at once;
 *  - `floor`   `/bin/sh -c :` spawned the same way: what the driver's spawn costs on its own;
 *  - `sshCall` one command over the shared connection from here (`exit 0`), the local ssh start
 *              included: the cost of every tmux, git and spool call the app makes.
 *
 * Every timed run is checked: a report hook's event must be stored (by its tool_use_id) and the
 * session's spool on the host must stay empty (a post that failed would be spooled, fast or not);
 * a decide hook must print the app's allow.
 *
 * BENCH_RTT_MS (or the first argument) the added round trip; BENCH_REMOTE_RUNS (default 100) timed
 * runs of each hook kind per arm, in batches of 10 alternating between the arms.
 * Needs root, iproute2 and openssh-server like the remote tests; without them it says why and
 * exits 2.
 */
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CanonicalEvent } from '../../src/shared/events'
import type { HostCheck, HostEntry } from '../../src/shared/hosts'
import type { PendingRequest } from '../../src/shared/permissions'
import type { Session } from '../../src/shared/sessions'
import { startTestCore, waitFor, type TestCore } from '../support/core'
import { startDelayProxy, type DelayProxy } from '../support/delay-proxy'
import { startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic'
import {
  sshTestHostUnavailable,
  startSshTestHost,
  type SshTestHost,
} from '../support/ssh-test-host'
import { quoteShellWord } from '../../src/main/core/remote/shell-quote'
import { runMain } from './support/run-main'

const RTT_MS = Number(process.env.BENCH_RTT_MS ?? process.argv[2] ?? 100)
const RUNS = Number(process.env.BENCH_REMOTE_RUNS ?? 100)
const BATCH = 10
const PROMPT = '[[script:tools]] use the tools'
/** A turn over the slow link: about a dozen hooks of a few round trips each, and the CLI itself. */
const TURN_LIMIT_MS = 180_000

const log = (message: string) => process.stderr.write(`[bench:remote] ${message}\n`)

type ArmName = 'direct' | 'delayed'
type Kind = 'report' | 'decide' | 'floor' | 'sshCall'
const KINDS: Kind[] = ['report', 'decide', 'floor', 'sshCall']

interface Arm {
  name: ArmName
  host: SshTestHost
  api: FakeAnthropic
  proxy: DelayProxy | null
  repo: string
  hostId: string
  session: Session
  /** What `hosts.test` answered: its round trip is the median of three calls. */
  checkLatencyMs: number
  startMs: number
  turn: { ms: number; tools: string[]; allowedFromApp: number }
  /** The session's hook commands on the host, from its settings file. */
  hooks: { report: HookCommand; decide: HookCommand }
  samples: Record<Kind, number[]>
  /** curl's phase times of the report hook's post, made by hand (ms). */
  phases: Record<'connect' | 'tlsHandshake' | 'firstByte' | 'total', number[]>
}

interface HookCommand {
  command: string
  args: string[]
}

/**
 * Runs on the host (as its user, over the session's shared connection): spawns a command `runs`
 * times with a body on stdin and the session's id and token in its environment, and prints each
 * run's spawn → exit time and what it printed. Its input (with the token) comes on stdin.
 */
const DRIVER = `
const { spawn } = require('node:child_process')
let input = ''
process.stdin.on('data', (d) => (input += d))
process.stdin.on('end', async () => {
  const c = JSON.parse(input)
  const env = { ...process.env, ATELIER_SESSION_ID: c.sessionId, ATELIER_SESSION_TOKEN: c.token }
  const runs = []
  for (let i = 0; i < c.bodies.length; i++) {
    const started = performance.now()
    const r = await new Promise((resolve, reject) => {
      const p = spawn(c.command, c.args, { env, stdio: ['pipe', 'pipe', 'ignore'] })
      let out = ''
      p.stdout.on('data', (d) => (out += d))
      p.on('error', reject)
      p.stdin.on('error', () => {})
      p.on('close', (code) => resolve({ code, out }))
      p.stdin.end(c.bodies[i])
    })
    runs.push({ ms: performance.now() - started, code: r.code, out: r.out.slice(0, 500) })
  }
  process.stdout.write(JSON.stringify(runs))
})
`

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.max(0, Math.ceil(p * s.length) - 1)] ?? NaN
}
const r1 = (x: number) => Math.round(x * 10) / 10

function stats(xs: number[]) {
  return {
    n: xs.length,
    p50: r1(percentile(xs, 0.5)),
    p99: r1(percentile(xs, 0.99)),
    min: r1(Math.min(...xs)),
    max: r1(Math.max(...xs)),
  }
}

/** A realistic PostToolUse of a Read: the file's text in its result. */
function reportBody(arm: Arm, toolUseId: string): string {
  const file = join(arm.repo, 'README.md')
  const content = Array.from(
    { length: 40 },
    (_, i) => `line ${i + 1}: the quick brown fox jumps over the lazy dog`,
  ).join('\n')
  return JSON.stringify({
    session_id: arm.session.claudeSessionId,
    transcript_path: join(arm.host.home, '.claude', 'projects', 'bench', 'transcript.jsonl'),
    cwd: arm.repo,
    permission_mode: 'default',
    hook_event_name: 'PostToolUse',
    tool_name: 'Read',
    tool_input: { file_path: file },
    tool_response: {
      type: 'text',
      file: { filePath: file, content, numLines: 40, startLine: 1, totalLines: 40 },
    },
    tool_use_id: toolUseId,
  })
}

/** A realistic PermissionRequest for a Write, with the suggestion Claude Code sends. */
function decideBody(arm: Arm, n: number): string {
  return JSON.stringify({
    session_id: arm.session.claudeSessionId,
    transcript_path: join(arm.host.home, '.claude', 'projects', 'bench', 'transcript.jsonl'),
    cwd: arm.repo,
    permission_mode: 'default',
    hook_event_name: 'PermissionRequest',
    tool_name: 'Write',
    tool_input: { file_path: join(arm.repo, `bench-${n}.txt`), content: 'bench line\n' },
    permission_suggestions: [{ type: 'setMode', mode: 'acceptEdits', destination: 'session' }],
  })
}

async function main(): Promise<void> {
  if (!(RTT_MS > 0) || !(RUNS >= 1))
    throw new Error('BENCH_RTT_MS and BENCH_REMOTE_RUNS must be positive')
  const loadBefore = loadavg()
  const dataDir = mkdtempSync(join(tmpdir(), 'atl-bench-remote-'))
  const arms: Arm[] = []
  const partial: Partial<Arm>[] = []
  let t: TestCore | null = null
  const terminal = new Map<string, string>()
  /** Requests of the bench's sessions the app was told about, each answered once. */
  const answered = new Set<string>()
  const allowedBySession = new Map<string, number>()
  try {
    t = await startTestCore({ dataDir })
    const core = t
    core.core.connect('bench-remote', (stream, data) => {
      if (stream === 'terminal') {
        const { id, data: text } = data as { id: string; data: string }
        terminal.set(id, ((terminal.get(id) ?? '') + text).slice(-20_000))
      }
      if (stream !== 'permissions') return
      // A user who answers at once, from the app (the same channel the dialog's Allow calls).
      for (const req of (data as { requests: PendingRequest[] }).requests) {
        if (answered.has(req.id)) continue
        answered.add(req.id)
        allowedBySession.set(req.sessionId, (allowedBySession.get(req.sessionId) ?? 0) + 1)
        void core
          .api('permissions.decide', { id: req.id, decision: 'allow' })
          .catch((err: unknown) => log(`deciding ${req.id}: ${String(err)}`))
      }
    })
    const events = async (sessionId: string, limit = 1000): Promise<CanonicalEvent[]> =>
      (
        await core.api<{ events: CanonicalEvent[] }>('events.list', { sessionId, limit })
      ).events.reverse()

    for (const name of ['direct', 'delayed'] as ArmName[]) {
      const arm: Partial<Arm> = { name, proxy: null }
      partial.push(arm)
      log(`${name}: starting the host`)
      const host = (arm.host = await startSshTestHost({ withClaude: true }))
      const api = (arm.api = await startFakeAnthropic({ listenAddress: host.hostSideAddress }))
      const repo = (arm.repo = host.makeRepo('bench-repo'))
      host.loginClaude(api.baseUrl, [repo])
      let target = host.target
      if (name === 'delayed') {
        arm.proxy = await startDelayProxy({
          host: host.address,
          port: 22,
          addedRoundTripMs: RTT_MS,
        })
        target = `${host.user}@127.0.0.1:${arm.proxy.port}`
      }
      const added = await core.api<{ host: HostEntry; check: HostCheck }>('hosts.add', {
        target,
        identityFile: host.identityFile,
      })
      arm.hostId = added.host.id
      const check = await core.api<HostCheck>('hosts.confirmKey', {
        id: arm.hostId,
        fingerprint: host.hostKeyFingerprint(),
      })
      if (check.status !== 'ready')
        throw new Error(`${name}: the host is not ready: ${check.message}`)
      arm.checkLatencyMs = check.latencyMs
      const created = performance.now()
      const session = (arm.session = await core.api<Session>('sessions.create', {
        name: `Bench ${name}`,
        cwd: repo,
        host: arm.hostId,
      }))
      await waitFor(
        async () => (await events(session.id)).some((e) => e.type === 'session.start'),
        {
          timeoutMs: TURN_LIMIT_MS,
        },
      )
      await waitFor(() => /for (agents|shortcuts)/.test(terminal.get(session.id) ?? ''), {
        timeoutMs: TURN_LIMIT_MS,
      })
      arm.startMs = performance.now() - created
      log(
        `${name}: session up in ${Math.round(arm.startMs)} ms (create → SessionStart stored, input box drawn)`,
      )

      // The demo turn: what Claude asks (its Write among them), the app allows (the listener above).
      const allowedBefore = allowedBySession.get(session.id) ?? 0
      const sent = performance.now()
      await core.api('sessions.prompt', { id: session.id, text: PROMPT })
      const turn = await waitFor(
        async () => {
          const list = await events(session.id)
          const at = list.findIndex((e) => e.type === 'prompt' && e.text === PROMPT)
          const slice = at >= 0 ? list.slice(at) : []
          return slice.some((e) => e.type === 'stop' && !e.agentId) ? slice : null
        },
        { timeoutMs: TURN_LIMIT_MS, intervalMs: 25 },
      )
      const turnMs = performance.now() - sent
      const ends = turn.flatMap((e) => (e.type === 'tool.end' && e.success ? [e.tool] : []))
      if (ends.join(',') !== 'Read,Bash,Write,Edit')
        throw new Error(`${name}: the turn's tools were ${ends.join(',')}`)
      if (readFileSync(join(repo, 'notes.txt'), 'utf8') !== 'edited line\n')
        throw new Error(`${name}: the Edit did not reach the host's disk`)
      const allowed = (allowedBySession.get(session.id) ?? 0) - allowedBefore
      if (allowed < 1) throw new Error(`${name}: no permission was asked of the app`)
      arm.turn = { ms: turnMs, tools: ends, allowedFromApp: allowed }
      log(
        `${name}: demo turn completed in ${Math.round(turnMs)} ms (${allowed} permission allowed from the app)`,
      )

      // The session's own hook commands, as Claude Code on the host runs them.
      const sessionsDir = join(host.home, '.atelier-remote', 'sessions')
      const settings = JSON.parse(
        readFileSync(join(sessionsDir, readdirSync(sessionsDir)[0]!, 'settings.json'), 'utf8'),
      ) as { hooks: Record<string, { matcher?: string; hooks: HookCommand[] }[]> }
      const pick = (event: string) => {
        const h = settings.hooks[event]?.[0]?.hooks[0]
        if (!h?.args) throw new Error(`${name}: no ${event} hook command in the settings`)
        return { command: h.command, args: h.args }
      }
      arm.hooks = { report: pick('PostToolUse'), decide: pick('PermissionRequest') }
      if (!arm.hooks.decide.args.includes('decide'))
        throw new Error(`${name}: the PermissionRequest hook does not decide`)
      arm.samples = { report: [], decide: [], floor: [], sshCall: [] }
      arm.phases = { connect: [], tlsHandshake: [], firstByte: [], total: [] }
      arms.push(arm as Arm)
    }

    /** Runs `command` on the arm's host once per body, through DRIVER. */
    const drive = async (arm: Arm, command: HookCommand, bodies: string[]) => {
      const conn = core.core.services.hosts.connection(arm.hostId)
      const token = core.core.services.registry.record(arm.session.id)!.token!
      // The token reaches the driver on ssh's stdin, never in a command line.
      const r = await conn.runArgv('node', ['-e', DRIVER], {
        input: JSON.stringify({ ...command, sessionId: arm.session.id, token, bodies }),
        timeoutMs: 300_000,
      })
      if (r.code !== 0) throw new Error(`${arm.name}: the driver failed (${r.code}): ${r.stderr}`)
      return JSON.parse(r.stdout) as { ms: number; code: number; out: string }[]
    }

    /**
     * Where a report hook's time goes: the hook's own post (same URL, trust, headers and body
     * kind) made by curl alone, with curl's phase times. TCP connect is to the host's loopback
     * port (sshd's listener); the TLS handshake includes the tunnel's channel being opened.
     */
    const phaseBatch = async (arm: Arm, size: number): Promise<void> => {
      const conn = core.core.services.hosts.connection(arm.hostId)
      const [, url, trust] = arm.hooks.report.args
      const bodyFile = join(arm.host.home, '.atelier-remote', 'bench-phases.json')
      const wrote = await conn.run(`umask 077 && cat > ${quoteShellWord(bodyFile)}`, {
        input: reportBody(arm, 'toolu_bench_phases'),
      })
      if (wrote.code !== 0) throw new Error(`writing the body on the host: ${wrote.stderr}`)
      const token = core.core.services.registry.record(arm.session.id)!.token!
      const format =
        '%{time_connect} %{time_appconnect} %{time_starttransfer} %{time_total} %{http_code}'
      const curl: HookCommand = {
        command: 'curl',
        args: [
          '-s',
          '-o',
          '/dev/null',
          '-w',
          format,
          '--connect-timeout',
          '2',
          '--max-time',
          '3',
          '--cacert',
          trust!,
          '-H',
          'content-type: application/json',
          '-H',
          'prefer: respond-async',
          '--data-binary',
          `@${bodyFile}`,
          '-K',
          '-',
          '--',
          url!,
        ],
      }
      // curl's config on its stdin, as the hook script gives it on a descriptor.
      const configs = Array.from({ length: size }, () =>
        [
          `header = "authorization: Bearer ${token}"`,
          `header = "x-atelier-session: ${arm.session.id}"`,
          `header = "x-atelier-event-id: ${randomUUID()}"`,
          '',
        ].join('\n'),
      )
      for (const run of await drive(arm, curl, configs)) {
        const [c, a, f, t, code] = run.out.trim().split(' ').map(Number) as number[]
        if (run.code !== 0 || !(code! >= 200 && code! < 300))
          throw new Error(`${arm.name}: curl exited ${run.code}, answer ${code}`)
        arm.phases.connect.push(c! * 1000)
        arm.phases.tlsHandshake.push((a! - c!) * 1000)
        arm.phases.firstByte.push((f! - a!) * 1000)
        arm.phases.total.push(t! * 1000)
      }
    }

    /** One batch of one kind in one arm, every run checked. */
    const batch = async (arm: Arm, kind: Kind, size: number, round: number): Promise<void> => {
      const conn = core.core.services.hosts.connection(arm.hostId)
      if (kind === 'sshCall') {
        for (let i = 0; i < size; i++) {
          const started = performance.now()
          const r = await conn.run('exit 0')
          if (r.code !== 0) throw new Error(`${arm.name}: exit 0 over ssh failed: ${r.stderr}`)
          arm.samples.sshCall.push(performance.now() - started)
        }
        return
      }
      const tag = `${round}_${randomUUID().slice(0, 8)}`
      const toolUseIds = Array.from({ length: size }, (_, i) => `toolu_bench_${tag}_${i}`)
      const command = kind === 'floor' ? { command: '/bin/sh', args: ['-c', ':'] } : arm.hooks[kind]
      const bodies =
        kind === 'report'
          ? toolUseIds.map((id) => reportBody(arm, id))
          : Array.from({ length: size }, (_, i) => (kind === 'decide' ? decideBody(arm, i) : '{}'))
      const runs = await drive(arm, command, bodies)
      for (const run of runs) {
        if (run.code !== 0) throw new Error(`${arm.name} ${kind}: the hook exited ${run.code}`)
        if (kind === 'decide' && !/"allow"/.test(run.out))
          throw new Error(
            `${arm.name}: a held request came back without the app's allow: ${run.out}`,
          )
      }
      const spool = join(arm.host.home, '.atelier-remote', 'spool', `${arm.session.id}.jsonl`)
      if (existsSync(spool))
        throw new Error(`${arm.name} ${kind}: events were spooled: a post failed`)
      if (kind === 'report') {
        // Answered early: stored a moment later. Every one must be there, once.
        await waitFor(async () => {
          const ids = (await events(arm.session.id, 400)).map((e) => e.id)
          return toolUseIds.every((id) => ids.filter((x) => x.endsWith(`:post:${id}`)).length === 1)
        })
      }
      arm.samples[kind].push(...runs.map((x) => x.ms))
    }

    log(`timing ${RUNS} runs of each kind per arm, ${BATCH} at a time, arms alternating`)
    for (let done = 0, round = 0; done < RUNS; done += BATCH, round++) {
      const size = Math.min(BATCH, RUNS - done)
      const order = round % 2 === 0 ? arms : [...arms].reverse()
      for (const kind of KINDS) for (const arm of order) await batch(arm, kind, size, round)
      log(`${done + size}/${RUNS}`)
    }
    /** A diagnostic beside the figures: a failure here is reported, not fatal. */
    let phasesError: string | null = null
    try {
      for (let done = 0, round = 0; done < RUNS; done += BATCH, round++) {
        const order = round % 2 === 0 ? arms : [...arms].reverse()
        for (const arm of order) await phaseBatch(arm, Math.min(BATCH, RUNS - done))
      }
    } catch (err) {
      phasesError = String(err)
      log(`curl phases: ${phasesError}`)
    }

    const byArm = Object.fromEntries(
      arms.map((a) => [
        a.name,
        {
          target: a.proxy ? `through the delay proxy (+${RTT_MS} ms)` : 'direct',
          hostTestRoundTripMs: a.checkLatencyMs,
          sessionStartMs: Math.round(a.startMs),
          demoTurn: {
            completed: true,
            ms: Math.round(a.turn.ms),
            tools: a.turn.tools,
            allowedFromApp: a.turn.allowedFromApp,
          },
          reportHookMs: stats(a.samples.report),
          decideHookMs: stats(a.samples.decide),
          spawnFloorMs: stats(a.samples.floor),
          sshCallMs: stats(a.samples.sshCall),
          reportPostCurlPhasesMs: phasesError
            ? { error: phasesError }
            : {
                connect: stats(a.phases.connect),
                tlsHandshake: stats(a.phases.tlsHandshake),
                firstByte: stats(a.phases.firstByte),
                total: stats(a.phases.total),
              },
        },
      ]),
    )
    const loadAfter = loadavg()
    const [direct, delayed] = arms
    /** What the slow link adds at the median, in ms and in added round trips. */
    const added = (kind: Kind) => {
      const ms = percentile(delayed!.samples[kind], 0.5) - percentile(direct!.samples[kind], 0.5)
      return { ms: r1(ms), roundTrips: r1(ms / RTT_MS) }
    }
    const result = {
      addedRoundTripMs: RTT_MS,
      runs: RUNS,
      loadAverage: { before: loadBefore.map(r1), after: loadAfter.map(r1) },
      arms: byArm,
      addedAtMedian: {
        reportHook: added('report'),
        decideHook: added('decide'),
        sshCall: added('sshCall'),
        demoTurnMs: Math.round(delayed!.turn.ms - direct!.turn.ms),
      },
    }
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    const row = (label: string, f: (a: Arm) => string) =>
      `${label.padEnd(38)}${f(direct!).padEnd(26)}${f(delayed!)}`
    const ps = (xs: number[]) => {
      const x = stats(xs)
      return `p50 ${x.p50} / p99 ${x.p99}`
    }
    process.stderr.write(
      [
        '',
        row('', (a) => (a.proxy ? `delayed (+${RTT_MS} ms RTT)` : 'direct')),
        row('demo turn (prompt → Stop stored)', (a) => `${Math.round(a.turn.ms)} ms, completed`),
        row('report hook (PostToolUse) ms', (a) => ps(a.samples.report)),
        row('decide hook (PermissionRequest) ms', (a) => ps(a.samples.decide)),
        row('spawn floor (sh -c :) ms', (a) => ps(a.samples.floor)),
        row('ssh call (exit 0) ms', (a) => ps(a.samples.sshCall)),
        ...(phasesError
          ? []
          : [
              row('  report post: TLS + channel open', (a) => ps(a.phases.tlsHandshake)),
              row('  report post: request → answer', (a) => ps(a.phases.firstByte)),
            ]),
        `load average ${loadBefore.map(r1).join(' ')} → ${loadAfter.map(r1).join(' ')}`,
        '',
      ].join('\n'),
    )
  } finally {
    if (t) {
      for (const a of partial)
        if (a.session) await t.api('sessions.delete', { id: a.session.id }).catch(() => {})
      await t.close().catch((err: unknown) => log(`closing the core: ${String(err)}`))
    }
    for (const a of partial) {
      await a.proxy?.close()
      await a.api?.close()
      await a.host?.close()
    }
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const unavailable = sshTestHostUnavailable()
if (unavailable) {
  log(
    `cannot run: ${unavailable} (the bench needs what the remote tests need: docs/remote-hosts.md, "Testing")`,
  )
  process.exitCode = 2
} else {
  runMain(main)
}
