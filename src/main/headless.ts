/**
 * Headless mode: the same core under plain Node, serving the built renderer to a browser over
 * an authenticated WebSocket on 127.0.0.1. The first line printed is a one-time page URL.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createCore } from './core/app'
import { resolveDataDir } from './core/util/paths'
import { parseServerArgs } from './server-args'
import { finish } from './core/util/finish'
import { createFileLogger, LOG_FILE_NAME, parseLogLevel } from './core/log/logger'

function appVersion(): string {
  try {
    return (
      JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string }
    ).version
  } catch {
    return '0.0.0'
  }
}

async function main(): Promise<void> {
  const args = parseServerArgs(process.argv.slice(2))
  const dataDir = resolveDataDir(args.dataDir)
  const rendererDir = join(__dirname, '../renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error(`The renderer is not built (${rendererDir}); run "npm run build" first.`)
    finish(1)
    return
  }
  const core = await createCore({
    dataDir,
    runtime: 'headless',
    version: appVersion(),
    port: args.port,
    rendererDir,
    mainDir: __dirname,
    // The same log file as the desktop app's, echoed to the terminal.
    logger: createFileLogger(join(dataDir, 'logs', LOG_FILE_NAME), {
      echo: true,
      level: parseLogLevel(process.env.ATELIER_LOG_LEVEL),
    }),
  })
  // The link carries a single-use ticket, not the app token: once opened it is dead, so the
  // browser's history keeps nothing usable. `npm run token -- url` prints a new one.
  process.stdout.write(`Atelier listening on ${core.services.auth!.pageUrl()}\n`)
  console.error(`data folder: ${dataDir}\nhook endpoint: ${core.info.hookUrl}`)
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.error(`${signal}: shutting down`)
    await core.close()
    finish(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  finish(1)
})
