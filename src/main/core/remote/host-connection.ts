/**
 * Commands on one host over its shared ssh connection (docs/remote-hosts.md, "Running a session
 * on the host"). Everything goes through the process chokepoint as an argv array; a remote
 * command is one argument built by remoteShLine/remoteArgvLine, and anything secret travels on
 * ssh's stdin, never in an argument.
 */
import { runProcess, spawnChild, type ChildProcess, type RunResult } from '../process/spawn'
import { remoteArgvLine, remoteShLine } from './shell-quote'
import {
  commandArgv,
  controlArgv,
  reverseForwardArgv,
  type SshHost,
  type SshPaths,
} from './ssh-argv'

/** A remote command that only touches files or tmux: a few round trips at most. */
export const REMOTE_CALL_TIMEOUT_MS = 30_000
const MAX_REMOTE_OUTPUT_BYTES = 8 * 1024 * 1024

export interface RemoteRunOptions {
  /** Written to the remote command's stdin (the way a secret reaches the host). */
  input?: string
  timeoutMs?: number
  /** Cap on stdout (MAX_REMOTE_OUTPUT_BYTES unless smaller); a longer answer is cut and flagged. */
  maxOutputBytes?: number
}

export class HostConnection {
  constructor(
    private readonly ssh: string,
    private readonly paths: SshPaths,
    readonly host: SshHost,
  ) {}

  /** Runs a /bin/sh script on the host. */
  run(script: string, opts: RemoteRunOptions = {}): Promise<RunResult> {
    return this.runLine(remoteShLine(script), opts)
  }

  /** Runs a program with exactly these arguments on the host. */
  runArgv(file: string, args: readonly string[], opts: RemoteRunOptions = {}): Promise<RunResult> {
    return this.runLine(remoteArgvLine(file, args), opts)
  }

  /** A long-running remote script (a stream); the caller owns the local ssh process. */
  open(script: string): ChildProcess {
    return spawnChild(this.ssh, commandArgv(this.paths, this.host, remoteShLine(script)))
  }

  /** The pid of the shared connection's master, or null when none runs. */
  async masterPid(): Promise<number | null> {
    const r = await runProcess(this.ssh, controlArgv(this.paths, this.host, 'check'), {
      timeoutMs: REMOTE_CALL_TIMEOUT_MS,
    })
    const m = /Master running \(pid=(\d+)\)/.exec(r.stderr)
    return r.code === 0 && m ? Number(m[1]) : null
  }

  /**
   * A loopback port on the host (`remotePort`, or one the host picks for 0) that the running
   * master carries to `localPort` here. Needs a master (run a command first).
   */
  async reverseForward(localPort: number, remotePort = 0): Promise<number> {
    const argv = reverseForwardArgv(this.paths, this.host, localPort, remotePort)
    const r = await runProcess(this.ssh, argv, { timeoutMs: REMOTE_CALL_TIMEOUT_MS })
    // ssh prints the port only when the host picked it.
    const port = remotePort === 0 ? Number(r.stdout.trim()) : remotePort
    if (r.code !== 0 || !Number.isInteger(port) || port < 1 || port > 65535)
      throw new Error(
        `ssh could not forward a port of ${this.host.target.destination} to this machine: ${r.stderr.trim() || r.stdout.trim()}`,
      )
    return port
  }

  private runLine(line: string, opts: RemoteRunOptions): Promise<RunResult> {
    return runProcess(this.ssh, commandArgv(this.paths, this.host, line), {
      timeoutMs: opts.timeoutMs ?? REMOTE_CALL_TIMEOUT_MS,
      maxOutputBytes: Math.min(
        opts.maxOutputBytes ?? MAX_REMOTE_OUTPUT_BYTES,
        MAX_REMOTE_OUTPUT_BYTES,
      ),
      ...(opts.input !== undefined ? { input: opts.input } : {}),
    })
  }
}
