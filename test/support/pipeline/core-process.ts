/**
 * A core in its own process, for the kill -9 test and the benchmark (never out/): prints one JSON
 * line `{"port":…,"token":…,"readyMs":…}` once listening, then serves until killed.
 * Usage: npx tsx test/support/pipeline/core-process.ts <dataDir> [maxEvents]
 */
import { createCore } from '../../../src/main/core/app'
import { finish } from '../../../src/main/core/util/finish'

const UNLIMITED = { perSecond: 1_000_000_000, burst: 1_000_000_000 }

async function main(): Promise<void> {
  const started = performance.now()
  const dataDir = process.argv[2]
  if (!dataDir) throw new Error('usage: core-process.ts <dataDir>')
  const core = await createCore({
    dataDir,
    runtime: 'headless',
    version: 'test',
    port: 0,
    processMetrics: false,
    // The load generators share the app token; the limiter must not be what is measured.
    rateLimits: { app: UNLIMITED, session: UNLIMITED },
  })
  const readyMs = performance.now() - started
  process.stdout.write(
    `${JSON.stringify({ port: core.info.port, token: core.info.token, readyMs })}\n`,
  )
  // The benchmark asks for memory figures over IPC; with --expose-gc they are taken after a GC.
  process.on('message', (msg) => {
    if (msg !== 'memory') return
    const beforeGc = process.memoryUsage().rss
    ;(globalThis as { gc?: () => void }).gc?.()
    process.send?.({
      rss: beforeGc,
      rssAfterGc: process.memoryUsage().rss,
      maxRss: process.resourceUsage().maxRSS * 1024,
    })
  })
  const stop = () => void core.close().then(() => finish(0))
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((err: unknown) => {
  console.error(err)
  finish(1)
})
