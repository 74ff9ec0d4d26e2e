/**
 * What running a session in tmux means, wherever the tmux server is: this machine's private
 * server (tmux.ts) or one on a remote host reached over ssh (remote/ssh-backend.ts). A `TmuxPlace`
 * says how to reach that server and its files; everything else lives here once:
 * - start: `new-session` running a private launch file that exports the environment and execs
 *   the program (pane-launcher.ts): nothing secret goes through tmux's command line;
 * - output: `pipe-pane` into a FIFO, set up in the same tmux call so no byte is missed;
 *   `capture-pane` only once, for the screen shown on adopt();
 * - input: `send-keys -l` for text and named keys for control characters;
 * - exit: `remain-on-exit` keeps the dead pane so one watcher call for all sessions reads each
 *   exit status.
 */
import { delay, OutputChannel } from './output-channel'
import { quoteShellWord } from './posix-shell-quote'
import { tmuxSessionName, TmuxError } from './tmux-cli'
import { sendKeysCommands } from './tmux-keys'
import {
  UNKNOWN_EXIT_CODE,
  type BackendExit,
  type BackendProcess,
  type BackendSpawnSpec,
} from './types'

/**
 * A dead pane can lack its exit status: tmux may mark it dead (pty closed) before it reaped the
 * child, and tmux 3.3a sometimes never records it (reproduced with plain tmux commands: 3 of 70
 * programs that exit at once). Such a pane is polled again for this long (5 s: on a loaded
 * machine tmux records a SIGKILL more than 2 s late), then reported with UNKNOWN_EXIT_CODE —
 * never as a success it did not see.
 */
const STATUS_WAIT_MS = 5_000
/** After SIGHUP, how long a process gets to exit before SIGKILL. */
const KILL_GRACE_MS = 2000
/** Time for `cat` to copy the last output into the FIFO after its pipe closed. */
const FIFO_DRAIN_MS = 50

const SIGHUP_NUMBER = 1

export interface TmuxCallResult {
  ok: boolean
  stdout: string
  stderr: string
  /**
   * The call never reached tmux (a remote host's link is down): the answer says nothing about
   * the sessions, which run on unseen.
   */
  unreachable?: boolean
}

/** The pane's output as it arrives; closed once the session is over. */
export interface PaneOutput {
  close(): void | Promise<void>
}

/** Where a tmux server runs and how to reach it. */
export interface TmuxPlace {
  /** Runs one or more tmux commands in a single client call (atomically in the server). */
  run(...commands: string[][]): Promise<TmuxCallResult>
  /**
   * Makes the FIFO the pane's output will be piped into (a path on the tmux server's machine)
   * and starts reading it; resolves once the FIFO exists, so `cat > fifo` never makes a file.
   */
  openOutput(name: string, onText: (text: string) => void): Promise<PaneOutput & { fifo: string }>
  /**
   * Writes the pane's private launch file (environment + exec of the program) and answers the
   * pane's command line; `discard` removes the file when no pane ran it.
   */
  writeLaunch(
    name: string,
    env: Record<string, string | undefined>,
    file: string,
    args: readonly string[],
  ): Promise<{ command: string; discard(): Promise<void> }>
  /** Sends a signal to a process on the tmux server's machine; false when there is none. */
  signal(pid: number, signal: 'SIGHUP' | 'SIGKILL'): Promise<boolean>
  /** How often the exit watcher asks tmux about dead panes while any session is watched. */
  exitPollMs: number
}

async function mustRun(place: TmuxPlace, ...commands: string[][]): Promise<string> {
  const result = await place.run(...commands)
  if (!result.ok)
    throw new TmuxError(`tmux ${commands.map((c) => c[0]).join(' ; ')} failed: ${result.stderr}`)
  return result.stdout
}

export async function hasTmuxSession(place: TmuxPlace, name: string): Promise<boolean> {
  return (await place.run(['has-session', '-t', `=${name}`])).ok
}

export class TmuxProcess implements BackendProcess {
  private readonly output = new OutputChannel()
  /** tmux calls are separate processes: chain them so keystrokes arrive in order. */
  private inputQueue: Promise<unknown> = Promise.resolve()
  private reader: PaneOutput | null = null
  private finishing = false

  constructor(
    private readonly place: TmuxPlace,
    readonly name: string,
    readonly pid: number | undefined,
    private readonly onGone: (proc: TmuxProcess) => void,
  ) {}

  attachReader(reader: PaneOutput): void {
    this.reader = reader
  }

  /** Closes the output stream (its channel may have died with a link) before a new one comes. */
  async detachReader(): Promise<void> {
    const reader = this.reader
    this.reader = null
    await reader?.close()
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
    await this.place.run(['pipe-pane', '-t', this.name])
    await this.place.run(['kill-session', '-t', this.name])
    // The pipe helper may still be copying the process's last bytes; nothing signals when it is done.
    await delay(FIFO_DRAIN_MS)
    await this.reader?.close()
    this.output.pushEnd(exit)
    this.onGone(this)
  }

  async release(): Promise<void> {
    if (this.finishing) return
    this.finishing = true
    await this.place.run(['pipe-pane', '-t', this.name])
    await this.reader?.close()
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
    void this.enqueue(() => this.place.run(...commands))
  }

  resize(cols: number, rows: number): void {
    if (this.output.exited) return
    void this.enqueue(() =>
      this.place.run(['resize-window', '-t', this.name, '-x', String(cols), '-y', String(rows)]),
    )
  }

  async kill(): Promise<void> {
    if (this.output.exited) return
    const gone = new Promise<void>((resolve) => this.output.onEnd(() => resolve()))
    if (this.pid !== undefined && (await this.place.signal(this.pid, 'SIGHUP'))) {
      const timer = setTimeout(() => {
        if (!this.output.exited && this.pid !== undefined)
          void this.place.signal(this.pid, 'SIGKILL')
      }, KILL_GRACE_MS)
      await gone
      clearTimeout(timer)
      return
    }
    await this.finish({ exitCode: UNKNOWN_EXIT_CODE, signal: SIGHUP_NUMBER })
  }

  onData(listener: (data: string) => void): () => void {
    return this.output.onData(listener)
  }

  onEnd(listener: (exit: BackendExit) => void): () => void {
    return this.output.onEnd(listener)
  }

  async isAlive(): Promise<boolean> {
    if (this.output.exited) return false
    const result = await this.place.run(['display-message', '-p', '-t', this.name, '#{pane_dead}'])
    return result.ok && result.stdout.trim() === '0'
  }
}

/** tmux expands `#{…}` formats in start directories and pipe commands: `##` is a literal `#`. */
export function escapeTmuxFormat(text: string): string {
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

export interface TmuxEngine {
  spawn(spec: BackendSpawnSpec): Promise<TmuxProcess>
  adopt(sessionKey: string): Promise<TmuxProcess | null>
  /** Asks tmux once about every watched session and finishes those that ended. */
  pollExits(): Promise<void>
  /** How many sessions are watched (running, not released). */
  watching(): number
  /**
   * Gives every watched session a new output stream, the screen repainted first, as adopt()
   * does: after a remote host's link came back, the old streams' channels may be gone. Answers
   * the names of the sessions that could not be re-attached (their exit is then polled).
   */
  reattach(): Promise<string[]>
}

export function createTmuxEngine(place: TmuxPlace): TmuxEngine {
  const watched = new Map<string, TmuxProcess>()
  /** Dead panes still waiting for their exit status, by session name: polls so far. */
  const statusWaits = new Map<string, number>()
  const statusWaitPolls = Math.ceil(STATUS_WAIT_MS / place.exitPollMs)
  let watchTimer: NodeJS.Timeout | null = null
  let polling = false

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
      const result = await place.run([
        'list-panes',
        '-a',
        '-F',
        '#{session_name}\t#{pane_dead}\t#{pane_dead_status}\t#{pane_dead_signal}',
      ])
      // Nothing is known while the host cannot be reached: its sessions run on unseen.
      if (!result.ok && result.unreachable) return
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
          if (status === '' && signalText === '' && waited < statusWaitPolls) {
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
    watchTimer ??= setInterval(() => void pollExits(), place.exitPollMs)
    watchTimer.unref?.()
  }

  /** Reads the pane's output from the start, keeping what arrives before the process exists. */
  const openReader = async (name: string) => {
    let proc: TmuxProcess | null = null
    let buffered = ''
    const reader = await place.openOutput(name, (text) =>
      proc ? proc.pushData(text) : (buffered += text),
    )
    return {
      reader,
      bind(pid: number | undefined): TmuxProcess {
        proc = new TmuxProcess(place, name, pid, unwatch)
        proc.attachReader(reader)
        watch(proc)
        return proc
      },
      flush(): void {
        if (buffered && proc) proc.pushData(buffered)
        buffered = ''
      },
    }
  }

  /** One tmux call: the screen, then the pipe moved to `fifo`, and the cursor and the pane's pid. */
  const repipe = async (name: string, fifo: string) => {
    const stdout = await mustRun(
      place,
      ['capture-pane', '-p', '-e', '-t', name],
      ['pipe-pane', '-t', name],
      ['pipe-pane', '-t', name, pipeCommand(fifo)],
      ['display-message', '-p', '-t', name, '#{cursor_x} #{cursor_y} #{pane_pid}'],
    )
    const lines = stdout.replace(/\n$/, '').split('\n')
    const [x, y, pidText] = (lines.pop() ?? '').split(' ')
    const pid = Number.parseInt(pidText, 10)
    return {
      pid: Number.isFinite(pid) ? pid : undefined,
      screen: screenSnapshot(lines.join('\n'), Number(x) || 0, Number(y) || 0),
    }
  }

  return {
    pollExits,
    watching: () => watched.size,

    async reattach(): Promise<string[]> {
      const failed: string[] = []
      for (const proc of [...watched.values()]) {
        if (proc.exited) continue
        await proc.detachReader()
        try {
          const reader = await place.openOutput(proc.name, (text) => proc.pushData(text))
          try {
            const { screen } = await repipe(proc.name, reader.fifo)
            proc.attachReader(reader)
            proc.pushData(screen)
          } catch (err) {
            await reader.close()
            throw err
          }
        } catch {
          failed.push(proc.name)
        }
      }
      if (failed.length > 0) await pollExits()
      return failed
    },

    async spawn(spec: BackendSpawnSpec): Promise<TmuxProcess> {
      const name = tmuxSessionName(spec.sessionKey)
      if (await hasTmuxSession(place, name)) {
        throw new Error(`tmux session ${name} is already running for session ${spec.sessionKey}`)
      }
      const opened = await openReader(name)
      let launch: Awaited<ReturnType<TmuxPlace['writeLaunch']>> | null = null
      try {
        launch = await place.writeLaunch(
          name,
          { TERM: 'xterm-256color', COLORTERM: 'truecolor', ...spec.env },
          spec.file,
          spec.args,
        )
        const stdout = await mustRun(
          place,
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
          ['pipe-pane', '-t', name, pipeCommand(opened.reader.fifo)],
        )
        const pid = Number.parseInt(stdout.trim(), 10)
        const proc = opened.bind(Number.isFinite(pid) ? pid : undefined)
        opened.flush()
        return proc
      } catch (err) {
        await opened.reader.close()
        // The pane's shell deletes the file first thing; no pane started, so it is still there.
        await launch?.discard()
        throw err
      }
    },

    async adopt(sessionKey: string): Promise<TmuxProcess | null> {
      const name = tmuxSessionName(sessionKey)
      if (!(await hasTmuxSession(place, name))) return null
      const opened = await openReader(name)
      try {
        // One tmux call: the snapshot and the new pipe see the same instant of the pane.
        const { pid, screen } = await repipe(name, opened.reader.fifo)
        const proc = opened.bind(pid)
        proc.pushData(screen)
        opened.flush()
        return proc
      } catch (err) {
        await opened.reader.close()
        throw err
      }
    },
  }
}
