/**
 * Talks to the app's private tmux server: one socket per app data dir, our own config file, and
 * every call made from an argv array through the spawn chokepoint.
 */
import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { runProcess } from '../../process/spawn'
import { buildChildEnv } from '../../process/env'

/** A tmux client call is a local socket round trip; anything slower than this is a hung server. */
const TMUX_CALL_TIMEOUT_MS = 5000
/** sun_path is 104 bytes on macOS, 108 on Linux. */
const MAX_SOCKET_PATH_BYTES = 100

/**
 * Options applied when our server starts. The pane command is a POSIX-quoted line, so the shell
 * that runs it is fixed to /bin/sh whatever the user's login shell is. remain-on-exit keeps a dead
 * pane around long enough to read its exit status.
 */
export const SERVER_CONFIG = [
  'set-option -g default-shell /bin/sh',
  'set-option -g default-terminal xterm-256color',
  'set-option -g remain-on-exit on',
  'set-option -g history-limit 10000',
  'set-option -g exit-empty on',
  '',
].join('\n')

/** tmux treats an argument ending in ";" as a command separator; "\;" keeps a literal ";". */
export function escapeTmuxArgument(arg: string): string {
  return arg.endsWith(';') ? `${arg.slice(0, -1)}\\;` : arg
}

/**
 * A tmux client's argv: our config and socket, then the commands, run in one call (and so
 * atomically in the server), separated by ";" words.
 */
export function tmuxArgv(configPath: string, socketPath: string, commands: string[][]): string[] {
  const argv = ['-u', '-f', configPath, '-S', socketPath]
  commands.forEach((command, i) => {
    if (i > 0) argv.push(';')
    argv.push(...command.map(escapeTmuxArgument))
  })
  return argv
}

/** `atelier-` + the first 12 hex digits of the app's session id (a hash of it if it has fewer). */
export function tmuxSessionName(sessionKey: string): string {
  const hex = sessionKey.toLowerCase().replace(/[^0-9a-f]/g, '')
  const stem = /^[0-9a-f-]+$/i.test(sessionKey) && hex.length >= 12 ? hex : sha256Hex(sessionKey)
  return `atelier-${stem.slice(0, 12)}`
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

export class TmuxError extends Error {}

export class TmuxCli {
  readonly dir: string
  readonly socketPath: string
  private readonly configPath: string
  private prepared: Promise<void> | null = null

  constructor(
    dataDir: string,
    private readonly tmuxBin = 'tmux',
  ) {
    this.dir = join(dataDir, 'tmux')
    this.socketPath = join(this.dir, 'tmux.sock')
    this.configPath = join(this.dir, 'tmux.conf')
    if (Buffer.byteLength(this.socketPath) > MAX_SOCKET_PATH_BYTES) {
      throw new TmuxError(`tmux socket path is too long for a Unix socket: ${this.socketPath}`)
    }
  }

  /** The command a user types to look at a session from any terminal. */
  attachCommand(sessionName: string): string[] {
    return [this.tmuxBin, '-S', this.socketPath, 'attach-session', '-t', sessionName]
  }

  /** Creates the private directory (0700) and the server config; idempotent. */
  prepare(): Promise<void> {
    this.prepared ??= (async () => {
      await mkdir(this.dir, { recursive: true, mode: 0o700 })
      await writeFile(this.configPath, SERVER_CONFIG, { mode: 0o600 })
    })()
    return this.prepared
  }

  /** Runs one or more tmux commands in a single client call (so they run atomically in the server). */
  async run(...commands: string[][]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
    await this.prepare()
    const argv = tmuxArgv(this.configPath, this.socketPath, commands)
    const result = await runProcess(this.tmuxBin, argv, {
      rawEnv: tmuxClientEnv(),
      timeoutMs: TMUX_CALL_TIMEOUT_MS,
    })
    return { ok: result.code === 0, stdout: result.stdout, stderr: result.stderr.trim() }
  }

  async mustRun(...commands: string[][]): Promise<string> {
    const result = await this.run(...commands)
    if (!result.ok)
      throw new TmuxError(`tmux ${commands.map((c) => c[0]).join(' ; ')} failed: ${result.stderr}`)
    return result.stdout
  }

  async hasSession(name: string): Promise<boolean> {
    return (await this.run(['has-session', '-t', `=${name}`])).ok
  }
}

/**
 * The tmux client gets only what it needs to find its socket and run; the server it may start
 * passes its own environment to every pane, and each pane's real environment comes from its
 * launch file (pane-launcher.ts).
 */
function tmuxClientEnv(): Record<string, string> {
  const env = buildChildEnv()
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'LC_CTYPE', 'USER', 'LOGNAME']
  return Object.fromEntries(keep.filter((k) => env[k] !== undefined).map((k) => [k, env[k]]))
}
