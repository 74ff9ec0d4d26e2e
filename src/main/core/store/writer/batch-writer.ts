/**
 * Every write to the events table, synchronous, on one connection: a batch of rows in one
 * transaction (dedup by the UNIQUE id), then housekeeping after the commit — deferred FTS
 * indexing and retention in chunks. It runs on the event-writer thread (worker.ts), so
 * commits and checkpoints never hold the request thread, or in-thread where a database cannot be
 * shared (`:memory:`) and in tests that need a fake clock.
 */
import type { Db } from '../db'
import type { Statement } from 'better-sqlite3'
import { FtsIndexer } from '../fts-indexer'

export const RETENTION_CHUNK = 2_000
/** Age-based retention has day granularity; checking it after every batch would be waste. */
export const RETENTION_AGE_CHECK_MS = 1_000
const DAY_MS = 86_400_000

/** One event, already serialised by the request thread (structured clone of plain strings). */
export interface EventRow {
  id: string
  sessionId: string
  type: string
  ts: number
  /** The stored JSON (the canonical event without its seq). */
  data: string
  /** Full-text body; empty when the event has nothing searchable. */
  text: string
}

export interface AppendResult {
  seq: number
  duplicate: boolean
}

export interface RetentionPolicy {
  maxEvents: number
  maxAgeDays: number
}

/** Lowest and highest stored seq (0 when empty): what the request thread shows as counts. */
export interface SeqBounds {
  minSeq: number
  maxSeq: number
}

export class EventWriter {
  private readonly insert: Statement
  private readonly fts: FtsIndexer
  private readonly findById: Statement
  private readonly selectOldest: Statement
  private readonly selectMinSeq: Statement
  private readonly selectAgeCutoff: Statement
  private readonly deleteFtsBefore: Statement
  private readonly deleteEventsBefore: Statement
  private readonly writeRows: (rows: EventRow[]) => AppendResult[]
  private lastAgeCheck = -Infinity
  private minSeq = 0
  private maxSeq = 0

  constructor(
    private readonly db: Db,
    private retention: RetentionPolicy,
    private readonly now: () => number = Date.now,
  ) {
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO events (id, session_id, type, ts, data) VALUES (?, ?, ?, ?, ?)',
    )
    this.fts = new FtsIndexer(db)
    this.findById = db.prepare('SELECT seq FROM events WHERE id = ?')
    this.selectOldest = db.prepare('SELECT seq, ts FROM events ORDER BY seq LIMIT 1')
    this.selectMinSeq = db.prepare('SELECT min(seq) AS lo FROM events')
    this.selectAgeCutoff = db.prepare(
      'SELECT max(seq) AS s FROM (SELECT seq FROM events WHERE ts < ? ORDER BY seq LIMIT ?)',
    )
    this.deleteFtsBefore = db.prepare('DELETE FROM events_fts WHERE rowid < ?')
    this.deleteEventsBefore = db.prepare('DELETE FROM events WHERE seq < ?')
    this.writeRows = db.transaction((rows: EventRow[]) => {
      const results = new Array<AppendResult>(rows.length)
      for (let i = 0; i < rows.length; i++) results[i] = this.writeRow(rows[i])
      return results
    })
    const b = readSeqBounds(db)
    this.minSeq = b.minSeq
    this.maxSeq = b.maxSeq
    this.fts.catchUp()
  }

  get bounds(): SeqBounds {
    return { minSeq: this.minSeq, maxSeq: this.maxSeq }
  }

  /** Rough row count, O(1): seqs are dense apart from retention, which deletes from the start. */
  get approximateCount(): number {
    return this.maxSeq === 0 ? 0 : this.maxSeq - this.minSeq + 1
  }

  /** Search rows not yet indexed (deferred FTS). */
  get ftsBacklog(): number {
    return this.fts.pendingCount
  }

  setRetention(policy: RetentionPolicy): void {
    this.retention = policy
  }

  /**
   * Commits `rows` in one transaction; on failure nothing of the batch is kept and the error
   * propagates. Housekeeping after the commit never fails the (already durable) batch.
   */
  write(rows: EventRow[]): AppendResult[] {
    const before = { minSeq: this.minSeq, maxSeq: this.maxSeq, fts: this.fts.mark }
    let results: AppendResult[]
    try {
      results = this.writeRows(rows)
    } catch (err) {
      // Rolled back: forget the seqs and search text this batch had claimed.
      this.minSeq = before.minSeq
      this.maxSeq = before.maxSeq
      this.fts.rollbackTo(before.fts.pendingLength, before.fts.queuedThrough)
      throw err
    }
    try {
      this.fts.flushIfFull()
      const now = this.now()
      const checkAge = now - this.lastAgeCheck >= RETENTION_AGE_CHECK_MS
      if (checkAge) this.lastAgeCheck = now
      // Hysteresis: let the table run one chunk over the limit, then delete a whole chunk, so a
      // full store pays for one delete per RETENTION_CHUNK events instead of one per commit.
      if (checkAge || this.approximateCount >= this.retention.maxEvents + RETENTION_CHUNK)
        this.enforceRetentionStep()
    } catch (err) {
      // Disk full, busy…: the next batch retries.
      console.error('[store] indexing or retention after a commit failed', err)
    }
    return results
  }

  private writeRow(row: EventRow): AppendResult {
    const info = this.insert.run(row.id, row.sessionId, row.type, row.ts, row.data)
    if (info.changes === 0) {
      const found = this.findById.get(row.id) as { seq: number } | undefined
      return { seq: found?.seq ?? 0, duplicate: true }
    }
    const seq = Number(info.lastInsertRowid)
    if (this.minSeq === 0) this.minSeq = seq
    this.maxSeq = seq
    this.fts.queue(seq, row.text)
    return { seq, duplicate: false }
  }

  /** Deletes at most RETENTION_CHUNK of the oldest rows over the limits. */
  enforceRetentionStep(): number {
    if (this.maxSeq === 0) return 0
    const overCount = this.approximateCount - this.retention.maxEvents
    let cutoffSeq = 0
    if (overCount > 0) cutoffSeq = this.minSeq + Math.min(overCount, RETENTION_CHUNK)
    const oldest = this.selectOldest.get() as { seq: number; ts: number } | undefined
    if (!oldest) return 0
    this.minSeq = oldest.seq
    const maxAgeCutoff = this.now() - this.retention.maxAgeDays * DAY_MS
    if (cutoffSeq === 0 && oldest.ts < maxAgeCutoff) {
      const row = this.selectAgeCutoff.get(maxAgeCutoff, RETENTION_CHUNK) as { s: number | null }
      cutoffSeq = (row.s ?? 0) + 1
    }
    if (cutoffSeq <= this.minSeq) return 0
    // Index what is pending first, so no FTS row for a deleted event is written afterwards.
    this.fts.flush()
    const deleted = this.db.transaction(() => {
      this.deleteFtsBefore.run(cutoffSeq)
      return this.deleteEventsBefore.run(cutoffSeq).changes
    })()
    const next = this.selectMinSeq.get() as { lo: number | null }
    this.minSeq = next.lo ?? this.maxSeq
    return deleted
  }

  /** Makes every committed event searchable now (before a search). */
  flushIndex(): void {
    this.fts.flush()
  }

  close(): void {
    this.fts.close()
  }
}

export function readSeqBounds(db: Db): SeqBounds {
  const row = db.prepare('SELECT min(seq) AS lo, max(seq) AS hi FROM events').get() as {
    lo: number | null
    hi: number | null
  }
  return { minSeq: row.lo ?? 0, maxSeq: row.hi ?? 0 }
}
