/**
 * Starts the built app in headless mode (`out/main/headless.js`, serving `out/renderer`) on a free
 * port with a fresh data folder, and posts Claude hook payloads to it. Used by the scene e2e test
 * and the scene bench. ATELIER_OUT_DIR points at another build (its main/ and renderer/).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { HANG_TIMEOUT_MS } from '../../support/patience'

export interface SceneApp {
  url: string
  port: number
  token: string
  /** The headless core's process id (the bench reads its CPU time). */
  pid: number
  /** Posts one hook payload (Claude Code's hook JSON). */
  hook(payload: Record<string, unknown>): Promise<void>
  close(): Promise<void>
}

export function outDir(): string {
  return process.env.ATELIER_OUT_DIR ?? resolve(import.meta.dirname, '../../../out')
}

/** `probe: false` accepts a production build (no scene probe), as the load bench measures. */
export async function startSceneApp(opts: { probe?: boolean } = {}): Promise<SceneApp> {
  const entry = join(outDir(), 'main/headless.js')
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build first (npm run build:test)`)
  if (opts.probe !== false) assertSceneProbe(join(outDir(), 'renderer/assets'))
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-scene-'))
  const child: ChildProcess = spawn(
    process.execPath,
    [entry, '--port', '0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`headless did not start: ${stderr}`)),
      HANG_TIMEOUT_MS,
    )
    child.once('exit', (code) => fail(new Error(`headless exited with ${code}: ${stderr}`)))
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?ticket=\w+)/.exec(line)
      if (m) {
        clearTimeout(timer)
        ok(m[1])
      }
    })
  })
  const parsed = new URL(url)
  const port = Number(parsed.port)
  const token = readFileSync(join(dataDir, 'token'), 'utf8').trim()
  const hookUrl = `http://127.0.0.1:${port}/hooks/claude`
  return {
    url,
    port,
    token,
    pid: child.pid!,
    async hook(payload) {
      const res = await fetch(hookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(payload),
      })
      if (!res.ok)
        throw new Error(
          `hook ${String(payload.hook_event_name)} answered ${res.status}: ${await res.text()}`,
        )
    },
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((ok) => child.once('exit', ok))
        child.kill('SIGTERM')
        await Promise.race([exited, new Promise((ok) => setTimeout(ok, 5000))])
        if (child.exitCode === null) child.kill('SIGKILL')
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The scene is read through its probe, which production builds leave out: say so at once. */
function assertSceneProbe(assets: string): void {
  const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'))
  if (!scripts.some((f) => /__atelierScene\s*=/.test(readFileSync(join(assets, f), 'utf8'))))
    throw new Error(
      `the renderer in ${assets} was built without the scene probe: build with npm run build:test`,
    )
}
