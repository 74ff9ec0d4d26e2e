/**
 * Commits made during sessions (git/commit-recorder.ts), kept for the timeline's markers. Bounded:
 * the oldest go past MAX_STORED_COMMITS, and retention drops those older than the oldest event.
 */
import type { Statement } from 'better-sqlite3'
import type { Db } from './db'

export const MAX_STORED_COMMITS = 20_000
/** Subjects are cut to this many characters (a marker's tooltip shows one line). */
export const MAX_COMMIT_SUBJECT_CHARS = 300

export interface StoredCommit {
  sessionId: string
  hash: string
  subject: string
  ts: number
}

export class CommitStore {
  private readonly insert: Statement
  private readonly trim: Statement
  private readonly pruneOlder: Statement

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO session_commits (session_id, hash, subject, ts) VALUES (?, ?, ?, ?)',
    )
    this.trim = db.prepare(
      `DELETE FROM session_commits WHERE rowid IN (
         SELECT rowid FROM session_commits ORDER BY ts DESC LIMIT -1 OFFSET ?)`,
    )
    this.pruneOlder = db.prepare(
      'DELETE FROM session_commits WHERE ts < (SELECT min(ts) FROM events)',
    )
  }

  /** Records commits (a commit already recorded for the session is kept once). */
  add(commits: readonly StoredCommit[]): void {
    if (commits.length === 0) return
    this.db.transaction(() => {
      for (const c of commits) {
        this.insert.run(c.sessionId, c.hash, c.subject.slice(0, MAX_COMMIT_SUBJECT_CHARS), c.ts)
      }
      this.trim.run(MAX_STORED_COMMITS)
      this.pruneOlder.run()
    })()
  }
}
