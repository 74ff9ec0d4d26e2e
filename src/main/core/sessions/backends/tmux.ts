/**
 * The tmux backend: each session runs in its own tmux session on the app's private server, so it
 * survives an app restart and can be attached from any terminal (`attachCommand`).
 * - start: `new-session` running a private launch file that exports the environment and execs
 *   the program (pane-launcher.ts): nothing secret goes through tmux's command line;
 * - output: `pipe-pane` into a FIFO, set up in the same tmux call so no byte is missed;
 *   `capture-pane` only once, for the screen shown on adopt();
 * - input: `send-keys -l` for text and named keys for control characters;
 * - exit: `remain-on-exit` keeps the dead pane so one watcher call for all sessions reads each
 *   exit status.
 */
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { buildChildEnv } from '../../process/env'
import { makeFifo, readFifo, type FifoReader } from './fifo-reader'
import { delay, OutputChannel } from './output-channel'
import { quoteShellWord } from './posix-shell-quote'
import { writeLaunchFile } from './pane-launcher'
import { TmuxCli, tmuxSessionName } from './tmux-cli'
import { sendKeysCommands } from './tmux-keys'
import {
  UNKNOWN_EXIT_CODE,
  type BackendExit,
  type BackendProcess,
  type BackendSpawnSpec,
  type SessionBackend,
} from './types'

/** How often the exit watcher asks tmux about dead panes while any session is watched. */
const EXIT_POLL_MS = 250
/**
 * A dead pane can lack its exit status: tmux may mark it dead (pty closed) before it reaped the
 * child, and tmux 3.3a sometimes never records it (reproduced with plain tmux commands: 3 of 70
 * programs that exit at once). Such a pane is polled again this many times (5 s: on a loaded
 * machine tmux records a SIGKILL more than 2 s late), then reported with UNKNOWN_EXIT_CODE —
 * never as a success it did not see.
 */
const STATUS_WAIT_POLLS = 20
/** After SIGHUP, how long a process gets to exit before SIGKILL. */
const KILL_GRACE_MS = 2000
/** Reported when the process ended but tmux cannot say how (vanished session, lost status). */
export { UNKNOWN_EXIT_CODE }
/** Time for `cat` to copy the last output into the FIFO after its pipe closed. */
const FIFO_DRAIN_MS = 50

const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }

export interface TmuxBackendOptions {
  /** The app data dir: holds the socket, the config and the output FIFOs. */
  dataDir: string
  tmuxBin?: string
}

export interface TmuxSessionBackend extends SessionBackend {
  readonly cli: TmuxCli
  sessionName(sessionKey: string): string
  /** Ends the private tmux server and every session on it (tests, uninstall). */
  killServer(): Promise<void>
}

class TmuxProcess implements BackendProcess {
  private readonly output = new OutputChannel()
  /** tmux calls are separate processes: chain them so keystrokes arrive in order. */
  private inputQueue: Promise<unknown> = Promise.resolve()
  private reader: FifoReader | null = null
  private finishing = false

  constructor(
    private readonly cli: TmuxCli,
    readonly name: string,
    readonly pid: number | undefined,
    private readonly onGone: (proc: TmuxProcess) => void,
  ) {}

  attachReader(reader: FifoReader): void {
    this.reader = reader
  }

  pushData(text: string): void {
    this.output.pushData(text)
  }

  get exited(): BackendExit | null {
    return this.output.exited
  }

  /** Called by the watcher (or kill) once the pane is dead or the session is gone. */
  async finish(exit: BackendExit): Promise<void> {
    if (this.finishing) return
    this.finishing = true
    // Separate calls: tmux skips the rest of a command chain after a failing command.
    await this.cli.run(['pipe-pane', '-t', this.name])
    await this.cli.run(['kill-session', '-t', this.name])
    // The pipe helper may still be copying the process's last bytes; nothing signals when it is done.
    await delay(FIFO_DRAIN_MS)
    this.reader?.close()
    this.output.pushEnd(exit)
    this.onGone(this)
  }

  private enqueue(task: () => Promise<unknown>): Promise<void> {
    const next = this.inputQueue.then(task, task)
    this.inputQueue = next.catch(() => {})
    return next.then(() => {})
  }

  write(data: string): void {
    const commands = sendKeysCommands(this.name, data)
    if (commands.length === 0 || this.output.exited) return
    void this.enqueue(() => this.cli.run(...commands))
  }

  resize(cols: number, rows: number): void {
    if (this.output.exited) return
    void this.enqueue(() =>
      this.cli.run(['resize-window', '-t', this.name, '-x', String(cols), '-y', String(rows)]),
    )
  }

  async kill(): Promise<void> {
    if (this.output.exited) return
    const gone = new Promise<void>((resolve) => this.output.onEnd(() => resolve()))
    if (this.pid !== undefined && signalProcess(this.pid, 'SIGHUP')) {
      const timer = setTimeout(() => {
        if (!this.output.exited && this.pid !== undefined) signalProcess(this.pid, 'SIGKILL')
      }, KILL_GRACE_MS)
      await gone
      clearTimeout(timer)
      return
    }
    await this.finish({ exitCode: UNKNOWN_EXIT_CODE, signal: SIGNAL_NUMBERS.SIGHUP })
  }

  onData(listener: (data: string) => void): () => void {
    return this.output.onData(listener)
  }

  onEnd(listener: (exit: BackendExit) => void): () => void {
    return this.output.onEnd(listener)
  }

  async isAlive(): Promise<boolean> {
    if (this.output.exited) return false
    const result = await this.cli.run(['display-message', '-p', '-t', this.name, '#{pane_dead}'])
    return result.ok && result.stdout.trim() === '0'
  }
}

function signalProcess(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal)
    return true
  } catch {
    return false
  }
}

/** tmux expands `#{…}` formats in start directories and pipe commands: `##` is a literal `#`. */
function escapeTmuxFormat(text: string): string {
  return text.replaceAll('#', '##')
}

function pipeCommand(fifo: string): string {
  return escapeTmuxFormat(`exec cat > ${quoteShellWord(fifo)}`)
}

/** Paints a captured screen into a fresh terminal: clear, the rows, then the cursor position. */
function screenSnapshot(captured: string, cursorX: number, cursorY: number): string {
  const rows = captured.replace(/\n$/, '').split('\n')
  return `\x1b[H\x1b[2J${rows.join('\r\n')}\x1b[${cursorY + 1};${cursorX + 1}H`
}

export function createTmuxBackend(options: TmuxBackendOptions): TmuxSessionBackend {
  const cli = new TmuxCli(options.dataDir, options.tmuxBin)
  const watched = new Map<string, TmuxProcess>()
  /** Dead panes still waiting for their exit status, by session name: polls so far. */
  const statusWaits = new Map<string, number>()
  let watchTimer: NodeJS.Timeout | null = null
  let polling = false

  const fifoPath = (name: string): string => join(cli.dir, `${name}.out`)

  const unwatch = (proc: TmuxProcess): void => {
    if (watched.get(proc.name) === proc) watched.delete(proc.name)
    statusWaits.delete(proc.name)
    if (watched.size === 0 && watchTimer) {
      clearInterval(watchTimer)
      watchTimer = null
    }
  }

  /** One `list-panes` call for every watched session: finishes those whose pane died or vanished. */
  const pollExits = async (): Promise<void> => {
    if (polling) return
    polling = true
    try {
      const result = await cli.run([
        'list-panes',
        '-a',
        '-F',
        '#{session_name}\t#{pane_dead}\t#{pane_dead_status}\t#{pane_dead_signal}',
      ])
      // With no server left, every watched session is gone.
      const panes = new Map<string, string[]>()
      if (result.ok) {
        for (const line of result.stdout.split('\n')) {
          const [name, ...fields] = line.split('\t')
          if (name) panes.set(name, fields)
        }
      }
      for (const proc of [...watched.values()]) {
        const fields = panes.get(proc.name)
        if (!fields) await proc.finish({ exitCode: UNKNOWN_EXIT_CODE })
        else if (fields[0] === '1') {
          const [, status = '', signalText = ''] = fields
          const waited = statusWaits.get(proc.name) ?? 0
          if (status === '' && signalText === '' && waited < STATUS_WAIT_POLLS) {
            statusWaits.set(proc.name, waited + 1)
            continue
          }
          statusWaits.delete(proc.name)
          const signal = Number(signalText) || undefined
          const code = status === '' ? UNKNOWN_EXIT_CODE : Number(status)
          await proc.finish({ exitCode: signal ? 128 + signal : code, signal })
        }
      }
    } finally {
      polling = false
    }
  }

  const watch = (proc: TmuxProcess): void => {
    watched.set(proc.name, proc)
    watchTimer ??= setInterval(() => void pollExits(), EXIT_POLL_MS)
    watchTimer.unref?.()
  }

  const openProcess = async (
    name: string,
    pid: number | undefined,
    reader: FifoReader,
  ): Promise<TmuxProcess> => {
    const proc = new TmuxProcess(cli, name, pid, unwatch)
    proc.attachReader(reader)
    watch(proc)
    return proc
  }

  return {
    kind: 'tmux',
    cli,
    sessionName: tmuxSessionName,

    async spawn(spec: BackendSpawnSpec): Promise<BackendProcess> {
      const name = tmuxSessionName(spec.sessionKey)
      if (await cli.hasSession(name)) {
        throw new Error(`tmux session ${name} is already running for session ${spec.sessionKey}`)
      }
      const env = buildChildEnv({ TERM: 'xterm-256color', COLORTERM: 'truecolor', ...spec.env })
      const fifo = fifoPath(name)
      await cli.prepare()
      await makeFifo(fifo)
      let buffered = ''
      let proc: TmuxProcess | null = null
      const reader = readFifo(fifo, (text) => (proc ? proc.pushData(text) : (buffered += text)))
      const launch = await writeLaunchFile(cli.dir, name, env, spec.file, spec.args)
      try {
        const stdout = await cli.mustRun(
          [
            'new-session',
            '-d',
            '-P',
            '-F',
            '#{pane_pid}',
            '-s',
            name,
            '-x',
            String(spec.cols),
            '-y',
            String(spec.rows),
            '-c',
            escapeTmuxFormat(spec.cwd),
            launch.command,
          ],
          // Same tmux call as new-session: the pipe is in place before the pane's first output is read.
          ['pipe-pane', '-t', name, pipeCommand(fifo)],
        )
        const pid = Number.parseInt(stdout.trim(), 10)
        proc = await openProcess(name, Number.isFinite(pid) ? pid : undefined, reader)
        if (buffered) proc.pushData(buffered)
        return proc
      } catch (err) {
        reader.close()
        // The pane's shell deletes the file first thing; no pane started, so it is still there.
        await rm(launch.path, { force: true })
        throw err
      }
    },

    async adopt(sessionKey: string): Promise<BackendProcess | null> {
      const name = tmuxSessionName(sessionKey)
      if (!(await cli.hasSession(name))) return null
      const fifo = fifoPath(name)
      await makeFifo(fifo)
      let proc: TmuxProcess | null = null
      let buffered = ''
      const reader = readFifo(fifo, (text) => (proc ? proc.pushData(text) : (buffered += text)))
      try {
        // One tmux call: the snapshot and the new pipe see the same instant of the pane.
        const stdout = await cli.mustRun(
          ['capture-pane', '-p', '-e', '-t', name],
          ['pipe-pane', '-t', name],
          ['pipe-pane', '-t', name, pipeCommand(fifo)],
          ['display-message', '-p', '-t', name, '#{cursor_x} #{cursor_y} #{pane_pid}'],
        )
        const lines = stdout.replace(/\n$/, '').split('\n')
        const [x, y, pidText] = (lines.pop() ?? '').split(' ')
        const pid = Number.parseInt(pidText, 10)
        proc = await openProcess(name, Number.isFinite(pid) ? pid : undefined, reader)
        proc.pushData(screenSnapshot(lines.join('\n'), Number(x) || 0, Number(y) || 0))
        if (buffered) proc.pushData(buffered)
        return proc
      } catch (err) {
        reader.close()
        throw err
      }
    },

    async killServer(): Promise<void> {
      await cli.run(['kill-server'])
      await pollExits()
    },
  }
}
