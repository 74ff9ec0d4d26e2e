/**
 * The contract between the session manager and whatever actually runs a session's process
 * (a local pty, a tmux server here or on a remote host over ssh). Nothing outside `backends/` knows which
 * implementation is in use: it only sees these types.
 */
import type { BackendKind } from '@shared/sessions'

export interface BackendSpawnSpec {
  /** The app's session id; backends derive their own names (tmux session, container…) from it. */
  sessionKey: string
  /** The remote host the session runs on (the ssh backend); absent for this machine. */
  hostId?: string
  file: string
  args: string[]
  cwd: string
  /** Added to the allow-listed environment (process/env.ts); `undefined` removes a variable. */
  env: Record<string, string | undefined>
  cols: number
  rows: number
}

/** An exit code no process returns: the process ended but the backend cannot say how. */
export const UNKNOWN_EXIT_CODE = -1

export interface BackendExit {
  exitCode: number
  /** Signal number when the process was killed by a signal. */
  signal?: number
}

export interface BackendProcess {
  /** Raw bytes for the terminal's input (UTF-8 text, control characters, escape sequences). */
  write(data: string): void
  resize(cols: number, rows: number): void
  /** Ends the process (and its tmux session / container); resolves once it is gone. */
  kill(): Promise<void>
  /** Output is buffered until the first listener subscribes, so nothing printed at start is lost. */
  onData(listener: (data: string) => void): () => void
  /** Fires once. A listener added after the exit is called at once. */
  onEnd(listener: (exit: BackendExit) => void): () => void
  isAlive(): boolean | Promise<boolean>
  /**
   * Stops following a process that goes on running without the app (tmux at app shutdown): the
   * output stream is closed, the process is left alone.
   */
  release?(): Promise<void>
  pid?: number
}

export interface SessionBackend {
  readonly kind: BackendKind
  spawn(spec: BackendSpawnSpec): Promise<BackendProcess>
  /**
   * Re-attaches to a process that outlived a previous app run (tmux). Backends whose processes
   * die with the app return null.
   */
  adopt(sessionKey: string, hostId?: string): Promise<BackendProcess | null>
}
