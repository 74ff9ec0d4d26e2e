/** Starts the built app in headless mode (node out/main/headless.js) for end-to-end tests. */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { HANG_TIMEOUT_MS } from '../../support/patience'

export const ROOT = join(import.meta.dirname, '../../..')

export interface HeadlessApp {
  /** The printed page URL: its ticket is good for one page load (see freshUrl). */
  url: string
  /** A new one-time page URL, minted through the API. */
  freshUrl(): Promise<string>
  origin: string
  port: number
  token: string
  dataDir: string
  process: ChildProcess
  firstLine: string
  stop(): Promise<void>
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>
  api<T = unknown>(channel: string, body?: unknown): Promise<T>
}

export async function startHeadless(
  opts: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<HeadlessApp> {
  const ownDir = !opts.dataDir
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'atelier-e2e-'))
  const child = spawn(
    process.execPath,
    [join(ROOT, 'out/main/headless.js'), '--port', '0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...opts.env },
    },
  )
  let stderr = ''
  child.stderr!.on('data', (b) => (stderr += String(b)))
  const firstLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`headless did not start in time:\n${stderr}`)),
      HANG_TIMEOUT_MS,
    )
    const rl = createInterface({ input: child.stdout! })
    rl.once('line', (line) => {
      clearTimeout(timer)
      resolve(line)
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`headless exited with ${code}:\n${stderr}`))
    })
  })
  const m = /^Atelier listening on (http:\/\/127\.0\.0\.1:(\d+)\/)\?ticket=([a-f0-9]{64})$/.exec(
    firstLine,
  )
  if (!m) throw new Error(`unexpected first line: ${firstLine}`)
  const [, origin, port, ticket] = m
  // The app token is in the data folder (scripts read it there); the URL never carries it.
  const token = readFileSync(join(dataDir, 'token'), 'utf8').trim()
  const app: HeadlessApp = {
    url: `${origin}?ticket=${ticket}`,
    async freshUrl() {
      return (await app.api<{ url: string }>('auth.pageUrl')).url
    },
    origin: origin.replace(/\/$/, ''),
    port: Number(port),
    token,
    dataDir,
    process: child,
    firstLine,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      if (ownDir) rmSync(dataDir, { recursive: true, force: true })
    },
    post(path, body, headers = {}) {
      return fetch(`${app.origin}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          ...headers,
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      })
    },
    async api(channel, body = {}) {
      const res = await app.post(`/api/${channel}`, body)
      const json = await res.json()
      if (!res.ok) throw new Error(`${channel}: ${res.status} ${JSON.stringify(json)}`)
      return json as never
    },
  }
  return app
}
