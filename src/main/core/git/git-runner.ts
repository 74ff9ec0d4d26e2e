/**
 * Where git runs. The status, diff and commit readers only see a `GitRunner`: `LocalGitRunner`
 * runs git here; a host's runner (remote/host-git.ts) runs the same argv on a remote host over
 * its shared ssh connection, so the parsers exist once.
 */
import { runProcess, type RunResult } from '../process/spawn'
import { Semaphore } from './semaphore'

/**
 * GIT_OPTIONAL_LOCKS=0: reading status must never take index.lock, or a session's own
 * `git commit` could fail while we look. LC_ALL=C keeps messages parseable.
 * GIT_LITERAL_PATHSPECS=1: a file name such as `*` means that file, not a glob.
 * GIT_TERMINAL_PROMPT=0: never block on a credential prompt.
 */
export const GIT_ENV = {
  GIT_OPTIONAL_LOCKS: '0',
  LC_ALL: 'C',
  GIT_LITERAL_PATHSPECS: '1',
  GIT_TERMINAL_PROMPT: '0',
} as const

/**
 * Nice value of every git process: status reads run while a session's turn writes files, and on
 * a machine with few cores they must never take CPU from Claude Code itself.
 */
export const GIT_NICENESS = 10

export interface GitRunOptions {
  cwd: string
  timeoutMs: number
  maxOutputBytes: number
}

export interface GitRunner {
  /** Git processes started since construction. */
  readonly spawnCount: number
  /** Runs `git --no-optional-locks <args>` in `opts.cwd`; resolves for any exit code. */
  run(args: readonly string[], opts: GitRunOptions): Promise<RunResult>
}

/**
 * Runs git on this machine through the one spawn chokepoint, under a shared concurrency cap, and
 * counts every process it starts (the benchmark and /health read that count).
 */
export class LocalGitRunner implements GitRunner {
  private spawned = 0

  constructor(
    private readonly gitBin: string,
    private readonly limit: Semaphore,
  ) {}

  /** Git processes started since construction. */
  get spawnCount(): number {
    return this.spawned
  }

  /** Runs `git --no-optional-locks <args>`; resolves for any exit code, rejects if git cannot start. */
  run(args: readonly string[], opts: GitRunOptions): Promise<RunResult> {
    return this.limit.use(() => {
      this.spawned++
      return runProcess(this.gitBin, ['--no-optional-locks', ...args], {
        cwd: opts.cwd,
        timeoutMs: opts.timeoutMs,
        maxOutputBytes: opts.maxOutputBytes,
        env: GIT_ENV,
        niceness: GIT_NICENESS,
      })
    })
  }
}

/** First non-empty line of git's stderr, for error messages. */
export function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line.length > 0) ?? ''
  )
}
