/**
 * The test's side of the double: starts a built main script under Node as if Electron ran it
 * (`node --import tsx --import register.ts <main>`), keeps what it records, and plays the user
 * through commands. Waits are for states (a record that matches); the hang bound only turns a
 * hang into a readable failure.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { HANG_TIMEOUT_MS } from '../patience'
import type { CommandMessage, RecordMessage, ReplyMessage } from './control'
import { OPTIONS_ENV, type DoubleOptions } from './options'

const ROOT = join(import.meta.dirname, '../../..')
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href
const REGISTER = pathToFileURL(join(import.meta.dirname, 'register.mjs')).href

export const ELECTRON_VERSION = '45.5.0'

export interface MainProcess {
  child: ChildProcess
  records: RecordMessage[]
  /** The first record of `kind` (after record number `after`) that `match` accepts. */
  waitFor(
    kind: string,
    match?: (data: Record<string, unknown>) => boolean,
    after?: number,
  ): Promise<RecordMessage>
  command(name: string, args?: Record<string, unknown>): Promise<unknown>
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  output(): string
  /** Ends the process if it is still running. */
  stop(): Promise<void>
}

export interface StartOptions {
  main: string
  args?: string[]
  env?: NodeJS.ProcessEnv
  double?: Partial<DoubleOptions>
}

export function startMain(opts: StartOptions): MainProcess {
  const double: DoubleOptions = {
    electronVersion: ELECTRON_VERSION,
    chromeVersion: '142.0.0.0',
    packaged: false,
    chromium: true,
    ...opts.double,
  }
  const child = spawn(
    process.execPath,
    ['--import', TSX_LOADER, '--import', REGISTER, opts.main, ...(opts.args ?? [])],
    {
      env: { ...(opts.env ?? process.env), [OPTIONS_ENV]: JSON.stringify(double) },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  )
  let output = ''
  child.stdout!.on('data', (b) => (output += String(b)))
  child.stderr!.on('data', (b) => (output += String(b)))
  const records: RecordMessage[] = []
  const waiters = new Set<() => void>()
  const replies = new Map<number, (reply: ReplyMessage) => void>()
  let nextCommand = 1
  child.on('message', (message: RecordMessage | ReplyMessage) => {
    if (message.type === 'record') {
      records.push(message)
      for (const wake of [...waiters]) wake()
    } else if (message.type === 'reply') {
      replies.get(message.id)?.(message)
      replies.delete(message.id)
    }
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      for (const wake of [...waiters]) wake()
      resolve({ code, signal })
    }),
  )

  const waitFor: MainProcess['waitFor'] = (kind, match = () => true, after = 0) =>
    new Promise((resolve, reject) => {
      const find = () => records.find((r) => r.seq > after && r.kind === kind && match(r.data))
      const timer = setTimeout(() => {
        waiters.delete(check)
        reject(
          new Error(
            `no "${kind}" record in time; recorded: ${records.map((r) => r.kind).join(', ')}\n${output}`,
          ),
        )
      }, HANG_TIMEOUT_MS)
      const check = () => {
        const found = find()
        if (found) {
          clearTimeout(timer)
          waiters.delete(check)
          resolve(found)
        } else if (child.exitCode !== null || child.signalCode !== null) {
          clearTimeout(timer)
          waiters.delete(check)
          reject(new Error(`main process exited before a "${kind}" record:\n${output}`))
        }
      }
      waiters.add(check)
      check()
    })

  const command: MainProcess['command'] = (name, args = {}) =>
    new Promise((resolve, reject) => {
      const id = nextCommand++
      replies.set(id, (reply) =>
        reply.ok ? resolve(reply.result) : reject(new Error(reply.error)),
      )
      const message: CommandMessage = { type: 'command', id, name, args }
      child.send(message)
    })

  return {
    child,
    records,
    waitFor,
    command,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL')
        await exited
      }
    },
  }
}
