/**
 * Ingest benchmark (not part of the test suite): `npm run bench:ingest` (builds first). Prints
 * ONE JSON object. It measures the app as shipped — the built headless entry, whose core is the
 * same bundle the desktop app runs (support/built-app.ts) — with the load in another process
 * (support/load.ts), so neither steals the other's event loop on a 2-core machine.
 *
 * Figures: sustained events/s persisted with 16 keep-alive clients and their POST latency;
 * POST → WebSocket delivery latency at a paced 1,000 ev/s; time to ready and peak RSS of a core
 * with 1,000,000 events already stored; RSS growth over 1,000,000 ingested events.
 * Set BENCH_QUICK=1 for a short smoke run (smaller counts), BENCH_ONLY=throughput,delivery,…
 * to run some sections only.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { memoryOf, startBuiltApp, stopBuiltApp, type BuiltApp } from './support/built-app'
import { generateStoredEvents } from './support/generate-db'

const QUICK = process.env.BENCH_QUICK === '1'
const CLIENTS = 16
const WARMUP_EVENTS = 20_000
const THROUGHPUT_EVENTS = QUICK ? 50_000 : 300_000
const THROUGHPUT_MAX_MS = 30_000
const PACED_RATE = 1_000
const PACED_DURATION_MS = QUICK ? 3_000 : 10_000
const STORED_EVENTS = QUICK ? 100_000 : 1_000_000
const GROWTH_WARMUP_EVENTS = 100_000
const GROWTH_EVENTS = QUICK ? 200_000 : 1_000_000
/** Ingest slows as the database grows toward 1M rows; this bound only stops a stuck run. */
const GROWTH_MAX_MS = 900_000
const MB = 1024 * 1024

const LOAD_ENTRY = join(__dirname, 'support/load.ts')
const ROOT = join(__dirname, '../..')

function runLoad(args: object): Record<string, number> {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', LOAD_ENTRY, JSON.stringify(args)],
    {
      cwd: ROOT,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json') },
      encoding: 'utf8',
      timeout: 960_000,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>
}

async function health(core: BuiltApp): Promise<{ events: { stored: number; lastSeq: number } }> {
  const res = await fetch(`http://127.0.0.1:${core.port}/health`, {
    headers: { authorization: `Bearer ${core.token}` },
  })
  return (await res.json()) as { events: { stored: number; lastSeq: number } }
}

const mb = (bytes: number) => Number((bytes / MB).toFixed(1))
const dirs: string[] = []
function freshDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'atelier-bench-'))
  dirs.push(d)
  return d
}

async function throughput() {
  const core = await startBuiltApp(freshDir())
  try {
    runLoad({
      mode: 'closed',
      port: core.port,
      token: core.token,
      clients: CLIENTS,
      count: WARMUP_EVENTS,
      maxMs: THROUGHPUT_MAX_MS,
    })
    const before = (await health(core)).events.lastSeq
    const r = runLoad({
      mode: 'closed',
      port: core.port,
      token: core.token,
      clients: CLIENTS,
      count: THROUGHPUT_EVENTS,
      maxMs: THROUGHPUT_MAX_MS,
      offset: WARMUP_EVENTS,
    })
    const persisted = (await health(core)).events.lastSeq - before
    return {
      generatorCpuPct: r.generatorCpuPct,
      clients: CLIENTS,
      events: r.sent,
      failed: r.failed,
      persisted,
      eventsPerSecond: Math.round((persisted / r.elapsedMs) * 1000),
      postP50Ms: r.p50Ms,
      postP99Ms: r.p99Ms,
    }
  } finally {
    await stopBuiltApp(core)
  }
}

async function delivery() {
  const core = await startBuiltApp(freshDir())
  try {
    return runLoad({
      mode: 'paced',
      port: core.port,
      token: core.token,
      rate: PACED_RATE,
      durationMs: PACED_DURATION_MS,
    })
  } finally {
    await stopBuiltApp(core)
  }
}

async function withStoredEvents() {
  const dir = freshDir()
  const genStarted = performance.now()
  generateStoredEvents(dir, STORED_EVENTS)
  const generateMs = performance.now() - genStarted
  const dbBytes = statSync(join(dir, 'atelier.db')).size
  const core = await startBuiltApp(dir)
  try {
    const afterReady = await memoryOf(core)
    // A first page of history and a search, as a UI opening on this database would do.
    const headers = { authorization: `Bearer ${core.token}`, 'content-type': 'application/json' }
    const t0 = performance.now()
    const page = await fetch(`http://127.0.0.1:${core.port}/api/events.list`, {
      method: 'POST',
      headers,
      body: '{"limit":200}',
    })
    const firstPageMs = performance.now() - t0
    const pageCount = ((await page.json()) as { events: unknown[] }).events.length
    const t1 = performance.now()
    await fetch(`http://127.0.0.1:${core.port}/api/events.search`, {
      method: 'POST',
      headers,
      body: '{"query":"lexer quote"}',
    })
    const searchMs = performance.now() - t1
    const afterQueries = await memoryOf(core)
    const stored = (await health(core)).events.stored
    return {
      storedEvents: stored,
      dbMB: mb(dbBytes),
      generateSeconds: Number((generateMs / 1000).toFixed(1)),
      readyMs: Math.round(core.spawnToReadyMs),
      rssAfterReadyMB: mb(afterReady.rss),
      peakRssMB: mb(afterQueries.maxRss),
      firstPageMs: Number(firstPageMs.toFixed(1)),
      firstPageEvents: pageCount,
      searchMs: Number(searchMs.toFixed(1)),
    }
  } finally {
    await stopBuiltApp(core)
  }
}

async function growth() {
  const core = await startBuiltApp(freshDir())
  try {
    const load = (count: number, offset: number) =>
      runLoad({
        mode: 'closed',
        port: core.port,
        token: core.token,
        clients: CLIENTS,
        count,
        maxMs: GROWTH_MAX_MS,
        offset,
      })
    load(GROWTH_WARMUP_EVENTS, 0)
    const start = await memoryOf(core)
    const r = load(GROWTH_EVENTS, GROWTH_WARMUP_EVENTS)
    const end = await memoryOf(core)
    return {
      events: r.ok,
      eventsPerSecond: r.postsPerSecond,
      rssAfterWarmupMB: mb(start.rssAfterGc),
      rssAfterMB: mb(end.rssAfterGc),
      growthMB: mb(end.rssAfterGc - start.rssAfterGc),
      growthBeforeGcMB: mb(end.rss - start.rss),
      peakRssMB: mb(end.maxRss),
    }
  } finally {
    await stopBuiltApp(core)
  }
}

const ONLY = process.env.BENCH_ONLY?.split(',')
function section<T>(name: string, run: () => Promise<T>): Promise<T | 'skipped'> {
  return !ONLY || ONLY.includes(name) ? run() : Promise.resolve('skipped')
}

async function main(): Promise<void> {
  // The machine may be shared: the 1-minute load average before and after says how much.
  const loadBefore = loadavg()[0]
  const result = {
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGB: Math.round(totalmem() / 1024 ** 3),
      node: process.version,
      loadAverageBefore: Number(loadBefore.toFixed(2)),
    },
    quick: QUICK,
    throughput: await section('throughput', throughput),
    delivery: await section('delivery', delivery),
    stored1M: await section('stored1M', withStoredEvents),
    growth: await section('growth', growth),
    loadAverageAfter: Number(loadavg()[0].toFixed(2)),
    targets: {
      eventsPerSecond: '>= 20000',
      postP50Ms: '<= 2',
      deliveryP99Ms: '<= 50 (at 1000 ev/s)',
      readyMs: '<= 500 with 1M stored',
      peakRssMB: '<= 150 with 1M stored',
      growthMB: '<= 20 over 1M ingested',
    },
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
}

main()
  .catch((err: unknown) => {
    console.error(err)
    process.exitCode = 1
  })
  .finally(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  })
