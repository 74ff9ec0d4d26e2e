/**
 * The one place that starts processes. Every caller passes an executable and an argv array —
 * never a shell string — and gets an environment filtered through the allow-list (env.ts).
 * ESLint forbids child_process and node-pty everywhere else in the core.
 */
import { spawn as cpSpawn, type ChildProcess } from 'node:child_process'
import { setPriority } from 'node:os'
import * as pty from 'node-pty'
import { buildChildEnv } from './env'

export interface SpawnOptions {
  cwd?: string
  /** Added to the allow-listed environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>
  /** Use exactly this environment instead (already filtered by the caller). */
  rawEnv?: Record<string, string>
  /** Kill the process after this many milliseconds. */
  timeoutMs?: number
  /** Data written to stdin, then stdin is closed. */
  input?: string | Buffer
  /** Cap on collected stdout/stderr bytes each. */
  maxOutputBytes?: number
  /**
   * Runs the process at this nice value (0–19, higher yields more): background work such as git
   * status then gives way to the sessions it watches when the cores are busy.
   */
  niceness?: number
}

function checkArgv(file: string, args: readonly string[]): void {
  if (typeof file !== 'string' || file.length === 0)
    throw new Error('spawn: executable is required')
  for (const a of args) {
    if (typeof a !== 'string') throw new Error('spawn: every argument must be a string')
    if (a.includes('\0')) throw new Error('spawn: arguments must not contain NUL bytes')
  }
}

/** Starts a child process (pipes). The caller owns it. */
export function spawnChild(
  file: string,
  args: readonly string[],
  opts: SpawnOptions = {},
): ChildProcess {
  checkArgv(file, args)
  const child = cpSpawn(file, [...args], {
    cwd: opts.cwd,
    env: opts.rawEnv ?? buildChildEnv(opts.env),
    shell: false,
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  })
  if (opts.niceness !== undefined && child.pid !== undefined) {
    try {
      setPriority(child.pid, opts.niceness)
    } catch {
      // The process already ended (or the platform refuses): it simply ran at normal priority.
    }
  }
  return child
}

export interface RunResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  timedOut: boolean
  /** stdout was cut at maxOutputBytes */
  truncated: boolean
}

const DEFAULT_MAX_OUTPUT_BYTES = 32 * 1024 * 1024

/** Runs a process to completion and collects its output. Never throws for a non-zero exit. */
export function runProcess(
  file: string,
  args: readonly string[],
  opts: SpawnOptions = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    let child: ChildProcess
    try {
      child = spawnChild(file, args, opts)
    } catch (err) {
      reject(err)
      return
    }
    const max = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES
    const out: Buffer[] = []
    const err: Buffer[] = []
    let outBytes = 0
    let errBytes = 0
    let truncated = false
    let timedOut = false
    child.stdout?.on('data', (b: Buffer) => {
      if (outBytes >= max) {
        truncated = true
        return
      }
      outBytes += b.length
      out.push(b)
    })
    child.stderr?.on('data', (b: Buffer) => {
      if (errBytes < max) {
        errBytes += b.length
        err.push(b)
      }
    })
    const timer =
      opts.timeoutMs !== undefined
        ? setTimeout(() => {
            timedOut = true
            child.kill('SIGKILL')
          }, opts.timeoutMs)
        : undefined
    child.on('error', (e) => {
      if (timer) clearTimeout(timer)
      reject(e)
    })
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer)
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        truncated,
      })
    })
    if (opts.input !== undefined) child.stdin?.end(opts.input)
    else child.stdin?.end()
  })
}

export interface PtyOptions {
  cwd: string
  cols: number
  rows: number
  env?: Record<string, string | undefined>
  rawEnv?: Record<string, string>
}

/** Starts a process in a pseudo-terminal. */
export function spawnPty(file: string, args: readonly string[], opts: PtyOptions): pty.IPty {
  checkArgv(file, args)
  return pty.spawn(file, [...args], {
    name: 'xterm-256color',
    cols: opts.cols,
    rows: opts.rows,
    cwd: opts.cwd,
    env:
      opts.rawEnv ?? buildChildEnv({ TERM: 'xterm-256color', COLORTERM: 'truecolor', ...opts.env }),
  })
}

export type { IPty } from 'node-pty'
export type { ChildProcess }
