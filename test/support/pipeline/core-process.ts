/**
 * A core in its own process, for the kill -9 test (never out/): prints one JSON line
 * `{"port":…,"token":…}` once listening, then serves until killed.
 * Usage: npx tsx test/support/pipeline/core-process.ts <dataDir> [maxEvents]
 */
import { createCore } from '../../../src/main/core/app'
import { sourceWriterScript } from '../source-writer'
import { finish } from '../../../src/main/core/util/finish'

const UNLIMITED = { perSecond: 1_000_000_000, burst: 1_000_000_000 }

async function main(): Promise<void> {
  const dataDir = process.argv[2]
  if (!dataDir) throw new Error('usage: core-process.ts <dataDir>')
  const core = await createCore({
    writerScript: sourceWriterScript(),
    dataDir,
    runtime: 'headless',
    version: 'test',
    port: 0,
    processMetrics: false,
    // The crash test's sustained ingest shares the app token; the limiter must not stop it.
    rateLimits: { app: UNLIMITED, session: UNLIMITED },
  })
  process.stdout.write(`${JSON.stringify({ port: core.info.port, token: core.info.token })}\n`)
  const stop = () => void core.close().then(() => finish(0))
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((err: unknown) => {
  console.error(err)
  finish(1)
})
