/**
 * Records the commits made during sessions, for the timeline's markers.
 *
 * Every git status carries the repository's HEAD. When a session's HEAD moves, the commits HEAD
 * gained (`previous..head`) are read, and kept for that session when it ran a turn since the
 * previous observation — the commits its agent made (or the user made beside it while it worked);
 * a HEAD that moved while the session sat idle was someone else's doing and is not recorded. Of
 * the new commits, only those committed after the previous observation are the session's: a pull
 * or a checkout of another branch brings older commits, which are not.
 *
 * The first HEAD seen for a session is only remembered: its history was made before the app saw it.
 */
import type { GitStatus } from '@shared/git'
import type { Logger } from '../log/logger'
import type { NewCommit } from './read-commits'

/** Clocks differ a little between git's committer date and this process. */
export const COMMIT_CLOCK_SLACK_MS = 2_000

export interface CommitRecorderDeps {
  /** Commits reachable from `head` but not from `previous` (read-commits.ts), where the session's repository is. */
  readNewCommits(
    sessionId: string,
    root: string,
    previous: string,
    head: string,
  ): Promise<NewCommit[]>
  record(commits: { sessionId: string; hash: string; subject: string; ts: number }[]): void
  now(): number
  log: Logger
}

interface Seen {
  head: string
  at: number
  /** A turn ran since `at` (or runs now). */
  worked: boolean
}

export class CommitRecorder {
  private readonly seen = new Map<string, Seen>()
  private readonly working = new Set<string>()
  /** The last read per session, so statuses arriving quickly are handled in order. */
  private readonly pending = new Map<string, Promise<void>>()
  private closed = false

  constructor(private readonly deps: CommitRecorderDeps) {}

  /** Takes no more statuses and waits for the reads begun to be recorded (the store closes next). */
  async close(): Promise<void> {
    this.closed = true
    await Promise.all([...this.pending.values()])
  }

  /** Whether the session is running a turn now (the registry's state changes). */
  setWorking(sessionId: string, working: boolean): void {
    if (working) {
      this.working.add(sessionId)
      const seen = this.seen.get(sessionId)
      if (seen) seen.worked = true
    } else this.working.delete(sessionId)
  }

  /** A session's git status, as the git service publishes it. */
  observe(sessionId: string, status: GitStatus): Promise<void> {
    if (this.closed) return Promise.resolve()
    const run = (this.pending.get(sessionId) ?? Promise.resolve()).then(() =>
      this.handle(sessionId, status).catch((err: unknown) =>
        this.deps.log.error('reading new commits', err),
      ),
    )
    this.pending.set(sessionId, run)
    void run.finally(() => {
      if (this.pending.get(sessionId) === run) this.pending.delete(sessionId)
    })
    return run
  }

  private async handle(sessionId: string, status: GitStatus): Promise<void> {
    if (!status.isRepo || !status.root || !status.head) return
    const now = this.deps.now()
    const working = this.working.has(sessionId)
    const previous = this.seen.get(sessionId)
    if (previous?.head === status.head) {
      // HEAD confirmed where it was: later commits are newer than this, and only a turn from
      // now on makes them the session's.
      this.seen.set(sessionId, { head: status.head, at: now, worked: working })
      return
    }
    this.seen.set(sessionId, { head: status.head, at: now, worked: working })
    if (!previous || (!previous.worked && !working)) return
    const commits = await this.deps.readNewCommits(
      sessionId,
      status.root,
      previous.head,
      status.head,
    )
    const made = commits.filter((c) => c.ts >= previous.at - COMMIT_CLOCK_SLACK_MS)
    this.deps.record(made.map((c) => ({ sessionId, ...c })))
  }
}
