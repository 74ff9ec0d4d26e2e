/**
 * Replay benchmark (not part of the test suite): `npm run bench:replay`. Prints ONE JSON object.
 *
 * seek: a store of 1,000,000 events of twelve busy sessions (generated hook payloads in Claude
 * Code's shapes, turned into canonical events by the real adapter, stamped over about a week),
 * checkpoints written as the app writes them, then the fleet's state rebuilt at random instants
 * through the replay service (a fresh connection, as the API serves it): p50/p99/max in ms, the
 * time to write every checkpoint, and their size.
 * Set BENCH_QUICK=1 for a short smoke run (100,000 events).
 *
 * export: one hour of three busy sessions (an event every second or so per session, in the same
 * generated shapes), exported as the app does it (replay.export's builder over the stored history
 * and its checkpoints), without redaction and with every redaction on: time (median of 3) and
 * the file's size.
 *
 * player: an hour of twelve busy sessions exported, opened from file:// in Chromium (software
 * rendering, as everywhere here) and played at 64×: frames per second the page drew over 10 s,
 * the longest frame, and events applied per second; the same at 1× beside it. This is the exported player (SVG workshop,
 * canvas timeline), not the app's 3D scene.
 *
 * app: the same hour replayed in the app's own 3D workshop (the built app, headless, its page in
 * Chromium) at 1× and 64×: the scene's frames per second, the longest gap between two frames, and
 * whether the replay clock kept up (history ms per wall ms).
 *
 * timeline: over the seek part's store (generated alike when run alone), the timeline's index
 * written as the app writes it and replay.timeline's query from the whole history to ten
 * minutes (support/timeline-bench.ts).
 * BENCH_ONLY=seek, export, player, app or timeline runs one part.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { CanonicalEvent } from '@shared/events'
import { DB_FILE_NAME, openDatabase } from '../../src/main/core/store/db'
import { openScene } from '../e2e/support/scene-browser'
import { startBuiltApp, stopBuiltApp } from './support/built-app'
import { claudeAdapter } from '../../src/main/core/agents/claude/adapter'
import { Seeker } from '../../src/main/core/replay/seeker'
import { fleetFold, type FleetReplayState } from '../../src/main/core/replay/fleet-fold'
import { ReplayHistory } from '../../src/main/core/replay/history'
import type { ExportSource } from '../../src/main/core/replay/export/export-document'
import type { Page } from 'playwright-core'
import { openBrowser } from '../e2e/support/browser'
import { buildReplayExport } from '../../src/main/core/replay/export/replay-export'
import type { ReplayExportRequest } from '@shared/contract/replay'
import { prng, turnPayloads, type Payload } from '../support/replay-stream'
import { timelineFigures } from './support/timeline-bench'

const QUICK = process.env.BENCH_QUICK === '1'
const EVENTS = QUICK ? 100_000 : 1_000_000
const SESSIONS = 12
const SEEKS = 400
/** Mean gap between two events of the fleet; about a week for 1M events. */
const MEAN_GAP_MS = 600
const T0 = Date.UTC(2026, 10, 1)

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}
const ms = (v: number) => Number(v.toFixed(2))

interface HistoryShape {
  sessions: number
  /** Stop after this many events… */
  events: number
  /** …or once the history spans this long (ms). */
  spanMs: number
  /** Gaps between two events of the fleet are uniform in [0, 1.5 × this). */
  meanGapMs: number
  /** Share of events after which the fleet pauses for minutes. */
  pauseShare: number
}

/** Fills `file` with canonical events of a fleet of sessions, in arrival order. */
function generate(
  file: string,
  shape: HistoryShape,
): { firstTs: number; lastTs: number; events: number } {
  const db = openDatabase(file)
  const insert = db.prepare(
    'INSERT INTO events (seq, id, session_id, type, ts, data) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const rand = prng(2026)
  const pending: Payload[][] = Array.from({ length: shape.sessions }, () => [])
  const turns = new Array<number>(shape.sessions).fill(0)
  let ts = T0
  let seq = 0
  db.transaction(() => {
    while (seq < shape.events && ts - T0 < shape.spanMs) {
      const i = Math.floor(rand() * shape.sessions)
      const sid = `bench-agent-${i}`
      if (pending[i].length === 0) pending[i] = turnPayloads(sid, turns[i]++, rand).reverse()
      const env = claudeAdapter.envelope(pending[i].pop())
      // Mostly quick succession, now and then a pause of minutes (the gaps "skip idle" jumps).
      ts +=
        rand() < shape.pauseShare
          ? Math.floor(rand() * 600_000)
          : Math.floor(rand() * shape.meanGapMs * 1.5)
      for (const e of claudeAdapter.toEvents(env, { sessionId: `session-${i}`, receivedAt: ts })) {
        if (seq >= shape.events) break
        const stored: CanonicalEvent = e
        insert.run(++seq, e.id, e.sessionId, e.type, e.ts, JSON.stringify(stored))
      }
    }
  })()
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  return { firstTs: T0, lastTs: ts, events: seq }
}

function seekBench(dir: string) {
  {
    const file = join(dir, 'atelier.db')
    let started = performance.now()
    const { firstTs, lastTs } = generate(file, {
      sessions: SESSIONS,
      events: EVENTS,
      spanMs: Number.POSITIVE_INFINITY,
      meanGapMs: MEAN_GAP_MS,
      pauseShare: 0.002,
    })
    const generateMs = performance.now() - started

    const fold = () => fleetFold('bench', () => 'observed')
    const writerDb = openDatabase(file)
    started = performance.now()
    const writer = new Seeker(writerDb, fold())
    while (writer.catchUp() > 0) {
      /* the app does this in bounded steps in the background */
    }
    const checkpointMs = performance.now() - started
    const checkpointBytes = (
      writerDb.prepare('SELECT sum(length(state)) AS b FROM replay_checkpoints').get() as {
        b: number
      }
    ).b
    const checkpoints = (
      writerDb.prepare('SELECT count(*) AS c FROM replay_checkpoints').get() as { c: number }
    ).c
    writerDb.close()

    const db = openDatabase(file)
    const seeker = new Seeker(db, fold())
    const rand = prng(7)
    const times: number[] = []
    let sessionsSeen = 0
    for (let i = 0; i < SEEKS; i++) {
      const at = firstTs + rand() * (lastTs - firstTs)
      const t0 = performance.now()
      const { state } = seeker.stateAt(at)
      times.push(performance.now() - t0)
      sessionsSeen = Math.max(sessionsSeen, Object.keys(state).length)
    }
    db.close()
    times.sort((a, b) => a - b)
    return {
      events: EVENTS,
      sessions: sessionsSeen,
      historyDays: Number(((lastTs - firstTs) / 86_400_000).toFixed(1)),
      seeks: SEEKS,
      p50Ms: ms(quantile(times, 0.5)),
      p99Ms: ms(quantile(times, 0.99)),
      maxMs: ms(times[times.length - 1]),
      checkpoints,
      checkpointBuildMs: Math.round(checkpointMs),
      checkpointMB: Number((checkpointBytes / 1024 / 1024).toFixed(1)),
      dbMB: Number((statSync(file).size / 1024 / 1024).toFixed(1)),
      generateMs: Math.round(generateMs),
    }
  }
}

/** The timeline over the seek part's store of EVENTS events (written alike when run alone). */
function timelineBench(dir: string) {
  const file = join(dir, 'atelier.db')
  if (!existsSync(file)) {
    generate(file, {
      sessions: SESSIONS,
      events: EVENTS,
      spanMs: Number.POSITIVE_INFINITY,
      meanGapMs: MEAN_GAP_MS,
      pauseShare: 0.002,
    })
  }
  return { events: EVENTS, ...timelineFigures(file) }
}

/** One hour of three busy sessions: an event about every 1.1 s per session (0.37 s fleet-wide). */
const EXPORT_SESSIONS = 3
const EXPORT_SPAN_MS = 3_600_000
const EXPORT_MEAN_GAP_MS = 493
const EXPORT_RUNS = 3

/** What replay.export reads, over a bench store (sessions named as the registry would). */
function exportSource(seeker: Seeker<FleetReplayState>, history: ReplayHistory): ExportSource {
  return {
    appVersion: 'bench',
    now: () => Date.now(),
    stateAt: (at) => seeker.stateAt(at),
    range: (q) => history.range(q),
    session: (id) => ({ name: `bench ${id}`, cwd: '/home/dev/projects/atelier-demo', zone: null }),
    kindOf: () => 'observed',
  }
}

function exportBench(dir: string) {
  const file = join(dir, 'export.db')
  const { firstTs, lastTs, events } = generate(file, {
    sessions: EXPORT_SESSIONS,
    events: Number.POSITIVE_INFINITY,
    spanMs: EXPORT_SPAN_MS,
    meanGapMs: EXPORT_MEAN_GAP_MS,
    pauseShare: 0,
  })
  const db = openDatabase(file)
  const seeker = new Seeker(
    db,
    fleetFold('bench', () => 'observed'),
  )
  while (seeker.catchUp() > 0) {
    /* checkpoints, as the app keeps them */
  }
  const source = exportSource(seeker, new ReplayHistory(db))
  const run = (redact: ReplayExportRequest['redact']) => {
    const times: number[] = []
    let out: ReturnType<typeof buildReplayExport> | undefined
    for (let i = 0; i < EXPORT_RUNS; i++) {
      const t0 = performance.now()
      out = buildReplayExport(source, { from: firstTs, to: lastTs, redact })
      times.push(performance.now() - t0)
    }
    times.sort((a, b) => a - b)
    return {
      ms: Math.round(quantile(times, 0.5)),
      MB: Number((out!.bytes / 1024 / 1024).toFixed(2)),
      events: out!.events,
      redactions: out!.redactions,
    }
  }
  const plain = run({ strings: [], patterns: [], secrets: false, toolOutputs: false })
  const redacted = run({
    strings: ['atelier-demo', 'parseArgs', 'tidy up module'],
    patterns: ['module \\d+'],
    secrets: true,
    toolOutputs: true,
  })
  db.close()
  return {
    sessions: EXPORT_SESSIONS,
    historyMinutes: Math.round((lastTs - firstTs) / 60_000),
    events,
    runs: EXPORT_RUNS,
    plain,
    redacted,
  }
}

/** BENCH_TRACE=<file>: a Chromium trace of each 64× sample, its main thread summed on stderr. */
const TRACE_FILE = process.env.BENCH_TRACE

interface TraceEvent {
  name: string
  ph: string
  dur?: number
  pid: number
  tid: number
  args?: { name?: string }
}

async function startTrace(page: Page): Promise<{ stop(): Promise<TraceEvent[]> }> {
  const cdp = await page.context().newCDPSession(page)
  const events: TraceEvent[] = []
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])))
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink,cc,v8',
    transferMode: 'ReportEvents',
  })
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  return {
    async stop() {
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
        profile: {
          nodes: {
            id: number
            hitCount?: number
            callFrame: { functionName: string; lineNumber: number }
          }[]
          samples?: number[]
          timeDeltas?: number[]
        }
      }
      const self = new Map<string, number>()
      const total = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0)
      for (const node of profile.nodes) {
        const key = `${node.callFrame.functionName || '(anonymous)'}:${node.callFrame.lineNumber}`
        self.set(key, (self.get(key) ?? 0) + (node.hitCount ?? 0))
      }
      process.stderr.write('[bench:replay] 64× JS self time (share of samples):\n')
      for (const [name, hits] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20))
        process.stderr.write(`  ${name.padEnd(40)} ${((hits / total) * 100).toFixed(1)}%\n`)
      const done = new Promise<void>((resolve) =>
        cdp.once('Tracing.tracingComplete', () => resolve()),
      )
      await cdp.send('Tracing.end')
      await done
      return events
    },
  }
}

/** Runs `sample`, traced when BENCH_TRACE names a file (`<file>.<label>.json`). */
async function traced<T>(page: Page, label: string, sample: () => Promise<T>): Promise<T> {
  if (!TRACE_FILE) return sample()
  const trace = await startTrace(page)
  const result = await sample()
  const events = await trace.stop()
  const file = `${TRACE_FILE}.${label}.json`
  writeFileSync(file, JSON.stringify({ traceEvents: events }))
  process.stderr.write(`[bench:replay] ${label} 64× trace in ${file}; main thread:\n`)
  for (const [name, ms] of mainThreadTotals(events).slice(0, 15))
    process.stderr.write(`  ${name.padEnd(28)} ${ms.toFixed(0)} ms\n`)
  return result
}

/** Complete events on the renderer's main thread, summed by name (ms), largest first. */
function mainThreadTotals(events: TraceEvent[]): [string, number][] {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  const totals = new Map<string, number>()
  for (const e of events) {
    if (!main || e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || !e.dur) continue
    totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur / 1000)
  }
  return [...totals].sort((a, b) => b[1] - a[1])
}

const PLAYER_SESSIONS = 12
const PLAYER_SAMPLE_MS = 10_000

async function playerBench(dir: string) {
  const file = join(dir, 'player.db')
  const { firstTs, lastTs, events } = generate(file, {
    sessions: PLAYER_SESSIONS,
    events: Number.POSITIVE_INFINITY,
    spanMs: EXPORT_SPAN_MS,
    // The same pace per session as the export's busy sessions.
    meanGapMs: (EXPORT_MEAN_GAP_MS * EXPORT_SESSIONS) / PLAYER_SESSIONS,
    pauseShare: 0,
  })
  const db = openDatabase(file)
  const seeker = new Seeker(
    db,
    fleetFold('bench', () => 'observed'),
  )
  const history = new ReplayHistory(db)
  const out = buildReplayExport(exportSource(seeker, history), {
    from: firstTs,
    to: lastTs,
    redact: { strings: [], patterns: [], secrets: false, toolOutputs: false },
  })
  db.close()
  const page = join(dir, out.fileName)
  writeFileSync(page, out.html)
  const browser = await openBrowser()
  try {
    await browser.page.emulateMedia({ colorScheme: 'dark' })
    await browser.page.goto(pathToFileURL(page).href)
    await browser.page.waitForSelector('html[data-state="paused"]')
    // tsx wraps the functions below in a `__name` helper the page does not have.
    await browser.page.evaluate('globalThis.__name = (f) => f')
    const sampleAt = async (speed: 1 | 64) => {
      await browser.page.getByRole('button', { name: `${speed}×` }).click()
      if ((await browser.page.getAttribute('html', 'data-state')) !== 'playing')
        await browser.page.getByRole('button', { name: 'Play' }).click()
      return browser.page.evaluate(
        (sampleMs) =>
          new Promise<{ frames: number; ms: number; longestMs: number; applied: number }>(
            (resolve) => {
              const root = document.documentElement
              const firstFrame = Number(root.dataset.frame)
              let frames = 0
              let start = 0
              let last = 0
              let longest = 0
              const tick = (now: number) => {
                if (start === 0) start = now
                else longest = Math.max(longest, now - last)
                last = now
                frames++
                if (now - start < sampleMs && root.dataset.state === 'playing')
                  requestAnimationFrame(tick)
                else
                  resolve({
                    frames: frames - 1,
                    ms: now - start,
                    longestMs: longest,
                    applied: Number(root.dataset.frame) - firstFrame,
                  })
              }
              requestAnimationFrame(tick)
            },
          ),
        PLAYER_SAMPLE_MS,
      )
    }
    const at1 = await sampleAt(1)
    const sample = await traced(browser.page, 'player', () => sampleAt(64))
    return {
      sessions: PLAYER_SESSIONS,
      events,
      fileMB: Number((out.bytes / 1024 / 1024).toFixed(2)),
      speed: 64,
      fps: Number(((sample.frames / sample.ms) * 1000).toFixed(1)),
      longestFrameMs: Math.round(sample.longestMs),
      eventsPerSecond: Math.round((sample.applied / sample.ms) * 1000),
      at1x: {
        fps: Number(((at1.frames / at1.ms) * 1000).toFixed(1)),
        longestFrameMs: Math.round(at1.longestMs),
        eventsPerSecond: Math.round((at1.applied / at1.ms) * 1000),
      },
    }
  } finally {
    await browser.close()
  }
}

/**
 * The app's own replay: the same hour of twelve busy sessions stored in a data folder, the built
 * app (headless, scene probe compiled in) with its page in Chromium, replay entered at the start
 * of the history and played at 1× and then 64×. Per speed: frames the 3D workshop drew per second
 * over the sample, the longest gap between two frames, and how fast the replay clock advanced
 * (history ms per wall ms: 64 means playback kept up) with the stored events it passed per second.
 */
async function appBench(dir: string) {
  const dataDir = join(dir, 'app-data')
  mkdirSync(dataDir, { recursive: true })
  const dbFile = join(dataDir, DB_FILE_NAME)
  const { firstTs, events } = generate(dbFile, {
    sessions: PLAYER_SESSIONS,
    events: Number.POSITIVE_INFINITY,
    spanMs: EXPORT_SPAN_MS,
    meanGapMs: (EXPORT_MEAN_GAP_MS * EXPORT_SESSIONS) / PLAYER_SESSIONS,
    pauseShare: 0,
  })
  const db = openDatabase(dbFile)
  const countBetween = db.prepare('SELECT count(*) AS n FROM events WHERE ts > ? AND ts <= ?')
  const app = await startBuiltApp(dataDir)
  const browser = await openScene(app.url)
  const { page } = browser
  try {
    // tsx wraps the functions below in a `__name` helper the page does not have.
    await page.evaluate('globalThis.__name = (f) => f')
    await page.getByRole('button', { name: 'Replay', exact: true }).click()
    const bar = page.getByRole('region', { name: 'Replay' })
    await bar.getByText('REPLAY', { exact: true }).waitFor()
    await page.getByLabel('Replay position').fill(String(firstTs))
    await page.waitForFunction(
      (t) => Number((document.querySelector('.replay-scrubber') as HTMLInputElement).value) <= t,
      firstTs + 1_000,
    )
    const clock = () =>
      page.evaluate(() =>
        Date.parse(document.querySelector('.replay-clock')?.getAttribute('datetime') ?? ''),
      )
    const sampleAt = async (speed: 1 | 64) => {
      await bar.getByRole('button', { name: `${speed}×`, exact: true }).click()
      if (await bar.getByRole('button', { name: 'Play', exact: true }).isVisible())
        await bar.getByRole('button', { name: 'Play', exact: true }).click()
      await bar.getByRole('button', { name: 'Pause', exact: true }).waitFor()
      const c0 = await clock()
      const wall0 = performance.now()
      const frames = await page.evaluate(
        (sampleMs) =>
          new Promise<{ frames: number; ms: number; longestMs: number }>((resolve) => {
            const scene = window.__atelierScene!
            const first = scene.framesRendered()
            let seen = first
            let lastChange = performance.now()
            let longest = 0
            const start = lastChange
            // The scene draws on demand: a gap between two of its frames is the time between
            // two changes of its frame count, polled every animation frame of the page.
            const poll = (now: number) => {
              const n = scene.framesRendered()
              if (n !== seen) {
                longest = Math.max(longest, now - lastChange)
                lastChange = now
                seen = n
              }
              if (now - start < sampleMs) requestAnimationFrame(poll)
              else resolve({ frames: n - first, ms: now - start, longestMs: longest })
            }
            requestAnimationFrame(poll)
          }),
        PLAYER_SAMPLE_MS,
      )
      const c1 = await clock()
      const wallMs = performance.now() - wall0
      const passed = (countBetween.get(c0, c1) as { n: number }).n
      return {
        fps: Number(((frames.frames / frames.ms) * 1000).toFixed(1)),
        longestFrameGapMs: Math.round(frames.longestMs),
        clockSpeed: Number(((c1 - c0) / wallMs).toFixed(1)),
        eventsPerSecond: Math.round((passed / wallMs) * 1000),
      }
    }
    const at1 = await sampleAt(1)
    const at64 = await traced(page, 'app', () => sampleAt(64))
    if (browser.pageErrors.length > 0) throw new Error(browser.pageErrors.join('\n'))
    return { sessions: PLAYER_SESSIONS, events, speed: 64, ...at64, at1x: at1 }
  } finally {
    db.close()
    await browser.close()
    await stopBuiltApp(app)
  }
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-replay-'))
  try {
    const seek = only === undefined || only === 'seek' ? seekBench(dir) : undefined
    const timeline = only === undefined || only === 'timeline' ? timelineBench(dir) : undefined
    const exported = only === undefined || only === 'export' ? exportBench(dir) : undefined
    const player = only === undefined || only === 'player' ? await playerBench(dir) : undefined
    const inApp = only === undefined || only === 'app' ? await appBench(dir) : undefined
    console.log(
      JSON.stringify({
        machine: { cpus: cpus().length, load1: Number(loadavg()[0].toFixed(2)) },
        ...(seek ? { seek } : {}),
        ...(timeline ? { timeline } : {}),
        ...(exported ? { export: exported } : {}),
        ...(player ? { player } : {}),
        ...(inApp ? { app: inApp } : {}),
      }),
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

void main()
