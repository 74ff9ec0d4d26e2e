/**
 * The app's core in a separate Node process (tsx, never out/), so a test can SIGKILL it and start
 * it again on the same data folder. The same file is the child's entry: with
 * ATELIER_APP_PROCESS_ENTRY=1 it calls createCore with the options passed as JSON in argv[2] and
 * prints `{"port":…,"token":…}` on one stdout line once listening.
 *
 * Also: helpers to run the real CLI through an in-process core (the CLI environment must be in
 * process.env, since the session manager builds the child environment from it), an HTTP client
 * for the contract, and a WebSocket client that records the pushes a headless UI receives.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { WebSocket } from 'ws'
import { createCore } from '../../src/main/core/app'
import { sourceWriterScript } from './source-writer'
import { finish } from '../../src/main/core/util/finish'
import { withEnv } from './with-env'
import { HANG_TIMEOUT_MS } from './patience'

const ROOT = join(__dirname, '../..')
const ENTRY_FLAG = 'ATELIER_APP_PROCESS_ENTRY'

export interface AppProcessOptions {
  dataDir: string
  shimPath: string
  /** 0 picks a free port. Pass the previous run's port to restart "the same app". */
  port?: number
  /** Overrides (undefined removes) applied to this process's environment for the child. */
  env?: Record<string, string | undefined>
}

export interface AppProcess {
  child: ChildProcess
  port: number
  token: string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  api<T = unknown>(channel: string, body?: unknown): Promise<T>
  /** SIGKILL: the app dies without any cleanup. */
  kill(): Promise<void>
  /** SIGTERM: the app closes normally (pty sessions end, tmux sessions keep running). */
  stop(): Promise<void>
}

export { withEnv }

/** Applies overrides to process.env (for an in-process core); returns the function that undoes it. */
export function applyEnv(overrides: Record<string, string | undefined>): () => void {
  const saved: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(overrides)) {
    saved[k] = process.env[k]
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}

/** Calls a contract channel over HTTP; a non-2xx answer throws with `status` and `body`. */
export async function callApi<T>(
  port: number,
  token: string,
  channel: string,
  body: unknown = {},
): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  })
  const json = (await res.json()) as unknown
  if (!res.ok)
    throw Object.assign(new Error(`${channel}: ${res.status} ${JSON.stringify(json)}`), {
      status: res.status,
      body: json,
    })
  return json as T
}

export function startAppProcess(o: AppProcessOptions): Promise<AppProcess> {
  const options = { dataDir: o.dataDir, shimPath: o.shimPath, port: o.port ?? 0 }
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'test/support/app-process.ts'), JSON.stringify(options)],
    {
      cwd: ROOT,
      env: {
        ...withEnv(o.env ?? {}),
        [ENTRY_FLAG]: '1',
        TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json'),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const done = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    await exited
  }
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`app process not ready after ${HANG_TIMEOUT_MS} ms: ${out}`))
    }, HANG_TIMEOUT_MS)
    const onEnd = (code: number | null) => {
      clearTimeout(timer)
      reject(new Error(`app process exited (${code}) before ready: ${out}`))
    }
    child.once('exit', onEnd)
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      if (!out.includes('\n')) return
      clearTimeout(timer)
      child.off('exit', onEnd)
      child.stdout!.removeAllListeners('data')
      child.stdout!.resume()
      const { port, token } = JSON.parse(out.split('\n')[0]) as { port: number; token: string }
      resolve({
        child,
        port,
        token,
        exited,
        api: (channel, body) => callApi(port, token, channel, body),
        kill: () => done('SIGKILL'),
        stop: () => done('SIGTERM'),
      })
    })
  })
}

export interface PushRecorder {
  pushes: { stream: string; data: unknown; at: number }[]
  /** Terminal output per session id, concatenated. */
  terminal(id: string): string
  close(): void
}

/** A headless UI client: the WebSocket transport, recording every push. */
export function connectPushes(port: number, token: string): Promise<PushRecorder> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, ['atelier.v1', `bearer.${token}`])
  const pushes: PushRecorder['pushes'] = []
  const terminal = new Map<string, string>()
  ws.on('message', (buf: Buffer) => {
    const frame = JSON.parse(buf.toString()) as { t: string; stream?: string; data?: unknown }
    if (frame.t !== 'push' || !frame.stream) return
    pushes.push({ stream: frame.stream, data: frame.data, at: performance.now() })
    if (frame.stream === 'terminal') {
      const { id, data } = frame.data as { id: string; data: string }
      terminal.set(id, (terminal.get(id) ?? '') + data)
    }
  })
  return new Promise((resolve, reject) => {
    ws.once('error', reject)
    ws.once('open', () =>
      resolve({ pushes, terminal: (id) => terminal.get(id) ?? '', close: () => ws.close() }),
    )
  })
}

async function main(): Promise<void> {
  const o = JSON.parse(process.argv[2] ?? '{}') as {
    dataDir: string
    shimPath: string
    port: number
  }
  const core = await createCore({
    writerScript: sourceWriterScript(),
    dataDir: o.dataDir,
    runtime: 'headless',
    version: 'test',
    port: o.port,
    processMetrics: false,
    shimPath: o.shimPath,
    claudeSettingsFile: join(o.dataDir, 'claude-settings.json'),
  })
  process.stdout.write(`${JSON.stringify({ port: core.info.port, token: core.info.token })}\n`)
  const stop = () => void core.close().then(() => finish(0))
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

if (process.env[ENTRY_FLAG] === '1') {
  main().catch((err: unknown) => {
    console.error(err)
    finish(1)
  })
}
