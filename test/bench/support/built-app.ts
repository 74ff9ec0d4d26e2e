/**
 * Starts the app as shipped — the built headless entry (out/main/headless.js, bundled like the
 * desktop app's main process, event-writer threads included) — for the ingest benchmark. A
 * preloaded probe answers memory questions over IPC. Ready = the app's first stdout line
 * (`Atelier listening on …`), measured from spawn.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { withEnv } from '../../support/with-env'

const ROOT = join(__dirname, '../../..')
const ENTRY = join(ROOT, 'out/main/headless.js')
const PROBE = join(__dirname, 'memory-probe.cjs')
const READY_TIMEOUT_MS = 30_000
const URL_LINE = /^Atelier listening on http:\/\/127\.0\.0\.1:(\d+)\/\?ticket=(\S+)$/

export interface BuiltApp {
  child: ChildProcess
  port: number
  token: string
  /** The window's address with its one-time ticket (one page can open it). */
  url: string
  spawnToReadyMs: number
  exited: Promise<number | null>
}

export interface MemoryFigures {
  rss: number
  rssAfterGc: number
  maxRss: number
}

/** `env`: overrides (undefined removes) applied to this process's environment for the app. */
export function startBuiltApp(
  dataDir: string,
  env: Record<string, string | undefined> = {},
): Promise<BuiltApp> {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run npm run build first`)
  const started = performance.now()
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--require', PROBE, ENTRY, '--port', '0', '--data-dir', dataDir],
    { cwd: ROOT, env: withEnv(env), stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  )
  const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)))
  let err = ''
  child.stderr!.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-4000)
  })
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`app not ready after ${READY_TIMEOUT_MS} ms: ${out}${err}`))
    }, READY_TIMEOUT_MS)
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      if (!out.includes('\n')) return
      clearTimeout(timer)
      child.stdout!.removeAllListeners('data')
      child.stdout!.resume()
      const m = URL_LINE.exec(out.split('\n')[0])
      if (!m) return reject(new Error(`unexpected first line: ${out.split('\n')[0]}`))
      resolve({
        child,
        port: Number(m[1]),
        // The app token is in the data folder; the printed URL carries a one-time ticket.
        token: readFileSync(join(dataDir, 'token'), 'utf8').trim(),
        url: `http://127.0.0.1:${m[1]}/?ticket=${m[2]}`,
        spawnToReadyMs: performance.now() - started,
        exited,
      })
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`app exited (${code}) before ready: ${out}${err}`))
    })
  })
}

export function memoryOf(app: BuiltApp): Promise<MemoryFigures> {
  return new Promise((resolve) => {
    app.child.once('message', (m) => resolve(m as MemoryFigures))
    app.child.send('memory')
  })
}

export async function stopBuiltApp(app: BuiltApp): Promise<void> {
  app.child.kill('SIGTERM')
  await app.exited
}
