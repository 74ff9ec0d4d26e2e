/**
 * Git status benchmark: `npx tsx test/bench/git.ts` (or `npm run bench:git`). Prints one JSON
 * object on stdout; progress goes to stderr.
 *
 *  - idle: 20 repositories watched for BENCH_GIT_IDLE_MS (default 60 s) → git processes spawned
 *    (target 0)
 *  - latency: one file change → status delivered, over 20 trials (target p50 ≤ 300 ms)
 *  - burst: 1,000 file writes → status runs (target ≤ 3)
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GitService } from '../../src/main/core/git'
import type { GitStatus } from '../../src/shared/git'
import { finish } from '../../src/main/core/util/finish'

const IDLE_REPOS = 20
const IDLE_MS = Number(process.env.BENCH_GIT_IDLE_MS ?? 60_000)
const LATENCY_TRIALS = 20
const BURST_WRITES = 1_000
/** Time with no git process after which the service counts as settled. */
const SETTLE_QUIET_MS = 500
/** Upper bound for any single wait, so the benchmark always ends. */
const WAIT_LIMIT_MS = 30_000
/** After the burst's final status, keep counting this long to catch trailing runs. */
const BURST_TAIL_MS = 1_500
/** Hard stop for the whole run. */
const WATCHDOG_MS = IDLE_MS + 180_000

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
}

const log = (message: string) => process.stderr.write(`[bench:git] ${message}\n`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function git(cwd: string, args: string[]): void {
  execFileSync('git', args, { cwd, env: GIT_ENV, stdio: 'pipe' })
}

function makeRepo(base: string, name: string, trackedFiles = 1): string {
  const dir = join(base, name)
  git(base, ['-c', 'init.defaultBranch=main', 'init', '-q', name])
  for (let i = 0; i < trackedFiles; i++) writeFileSync(join(dir, `file-${i}.txt`), 'line\n')
  git(dir, ['add', '-A'])
  git(dir, ['commit', '-q', '-m', 'initial'])
  return dir
}

async function waitUntil(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(10)
  }
}

async function settle(service: GitService): Promise<void> {
  let spawns = service.stats().gitSpawns
  let quietSince = Date.now()
  const deadline = Date.now() + WAIT_LIMIT_MS
  while (Date.now() - quietSince < SETTLE_QUIET_MS) {
    if (Date.now() > deadline) throw new Error('service never settled')
    await sleep(25)
    const now = service.stats().gitSpawns
    if (now !== spawns) {
      spawns = now
      quietSince = Date.now()
    }
  }
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]
}

const round = (n: number) => Math.round(n * 10) / 10

async function main(): Promise<void> {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'atelier-bench-git-')))
  const service = new GitService()
  const latest = new Map<string, GitStatus>()
  const delivered: Array<{ sessionId: string; at: number; status: GitStatus }> = []
  service.onStatus((sessionId, status) => {
    latest.set(sessionId, status)
    delivered.push({ sessionId, at: performance.now(), status })
  })
  try {
    // --- idle ---
    log(`creating ${IDLE_REPOS} repositories`)
    for (let i = 0; i < IDLE_REPOS; i++) service.track(`idle-${i}`, makeRepo(base, `idle-${i}`))
    await waitUntil('initial statuses', () => latest.size === IDLE_REPOS)
    await settle(service)
    const idleStart = service.stats()
    log(`watching ${IDLE_REPOS} idle repositories for ${IDLE_MS} ms`)
    await sleep(IDLE_MS)
    const idleEnd = service.stats()
    for (let i = 0; i < IDLE_REPOS; i++) service.untrack(`idle-${i}`)

    // --- latency ---
    log(`latency: ${LATENCY_TRIALS} single-file changes`)
    const latencyRepo = makeRepo(base, 'latency')
    service.track('latency', latencyRepo)
    await waitUntil('latency repo status', () => latest.get('latency')?.isRepo === true)
    await settle(service)
    const latencies: number[] = []
    for (let trial = 1; trial <= LATENCY_TRIALS; trial++) {
      const expectedAdded = trial
      const seen = delivered.length
      const start = performance.now()
      await writeFile(join(latencyRepo, 'file-0.txt'), 'line\n' + 'added\n'.repeat(expectedAdded))
      await waitUntil(`trial ${trial}`, () =>
        delivered
          .slice(seen)
          .some((d) => d.sessionId === 'latency' && d.status.linesAdded === expectedAdded),
      )
      const hit = delivered
        .slice(seen)
        .find((d) => d.sessionId === 'latency' && d.status.linesAdded === expectedAdded)!
      latencies.push(hit.at - start)
      await settle(service)
    }
    latencies.sort((a, b) => a - b)
    service.untrack('latency')

    // --- burst ---
    log(`burst: ${BURST_WRITES} file writes`)
    const burstRepo = makeRepo(base, 'burst', BURST_WRITES)
    service.track('burst', burstRepo)
    await waitUntil('burst repo status', () => latest.get('burst')?.isRepo === true)
    await settle(service)
    const burstStart = service.stats()
    const writesStart = performance.now()
    for (let i = 0; i < BURST_WRITES; i++) {
      await writeFile(join(burstRepo, `file-${i}.txt`), 'line\nchanged\n')
    }
    const writesMs = performance.now() - writesStart
    await waitUntil('burst final status', () => latest.get('burst')?.linesAdded === BURST_WRITES)
    await sleep(BURST_TAIL_MS)
    await settle(service)
    const burstEnd = service.stats()

    const result = {
      idle: {
        repos: IDLE_REPOS,
        durationMs: IDLE_MS,
        gitSpawns: idleEnd.gitSpawns - idleStart.gitSpawns,
        statusRuns: idleEnd.statusRuns - idleStart.statusRuns,
        watchers: idleStart.watchers,
        target: 0,
      },
      latency: {
        trials: latencies.length,
        p50Ms: round(percentile(latencies, 50)),
        p95Ms: round(percentile(latencies, 95)),
        maxMs: round(latencies[latencies.length - 1]),
        targetP50Ms: 300,
      },
      burst: {
        writes: BURST_WRITES,
        writeDurationMs: round(writesMs),
        statusRuns: burstEnd.statusRuns - burstStart.statusRuns,
        gitSpawns: burstEnd.gitSpawns - burstStart.gitSpawns,
        target: 3,
      },
    }
    const pass =
      result.idle.gitSpawns === 0 &&
      result.latency.p50Ms <= result.latency.targetP50Ms &&
      result.burst.statusRuns <= result.burst.target
    process.stdout.write(JSON.stringify({ bench: 'git', ...result, pass }) + '\n')
  } finally {
    await service.close()
    rmSync(base, { recursive: true, force: true })
  }
}

const watchdog = setTimeout(() => {
  log(`watchdog: still running after ${WATCHDOG_MS} ms, aborting`)
  finish(2)
}, WATCHDOG_MS)
watchdog.unref()

main().then(
  () => clearTimeout(watchdog),
  (err) => {
    log(`failed: ${(err as Error).stack ?? err}`)
    finish(1)
  },
)
