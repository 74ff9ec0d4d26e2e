/**
 * Event persistence with group commit: appends queue up and are written many per transaction,
 * flushed once per event-loop turn (setImmediate: every request parsed in this turn shares one
 * commit, and nothing waits on a timer) or once MAX_BATCH is reached. An append resolves only
 * after its transaction committed, so an acknowledged event survives a crash. A UNIQUE event id
 * makes retries idempotent. Retention runs in small chunks after flushes, so no delete holds a
 * long lock; its count check is O(1) and its age check runs at most every RETENTION_AGE_CHECK_MS.
 */
import { CanonicalEventSchema, type CanonicalEvent } from '@shared/events'
import type { Db } from './db'
import type { Statement } from 'better-sqlite3'
import { searchableText, toFtsQuery } from '../events/searchable'
import { FtsIndexer } from './fts-indexer'

export const MAX_BATCH = 1_000
export const RETENTION_CHUNK = 2_000
/** Age-based retention has day granularity; checking it after every flush would be waste. */
export const RETENTION_AGE_CHECK_MS = 1_000
const DAY_MS = 86_400_000

export interface AppendResult {
  seq: number
  duplicate: boolean
}

export interface RetentionPolicy {
  maxEvents: number
  maxAgeDays: number
}

interface Pending {
  event: CanonicalEvent
  resolve: (r: AppendResult) => void
  reject: (e: unknown) => void
}

export interface ListQuery {
  sessionId?: string
  limit?: number
  before?: number
  types?: string[]
}

export class EventStore {
  private queue: Pending[] = []
  private scheduled: NodeJS.Immediate | null = null
  private readonly insert: Statement
  private readonly fts: FtsIndexer
  private readonly findById: Statement
  private readonly selectOldest: Statement
  private readonly selectMinSeq: Statement
  private readonly selectAgeCutoff: Statement
  private readonly deleteFtsBefore: Statement
  private readonly deleteEventsBefore: Statement
  private readonly writeBatch: (batch: Pending[]) => AppendResult[]
  private lastAgeCheck = -Infinity
  private minSeq = 0
  private maxSeq = 0
  private closed = false
  /** Called after each committed batch with its size (metrics). */
  onBatch: (size: number, durationMs: number) => void = () => {}

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
    this.writeBatch = db.transaction((batch: Pending[]) => {
      const results = new Array<AppendResult>(batch.length)
      for (let i = 0; i < batch.length; i++) results[i] = this.write(batch[i].event)
      return results
    })
    const bounds = db.prepare('SELECT min(seq) AS lo, max(seq) AS hi FROM events').get() as {
      lo: number | null
      hi: number | null
    }
    this.minSeq = bounds.lo ?? 0
    this.maxSeq = bounds.hi ?? 0
    this.fts.catchUp()
  }

  setRetention(policy: RetentionPolicy): void {
    this.retention = policy
  }

  get lastSeq(): number {
    return this.maxSeq
  }

  /** Rough row count, O(1): seqs are dense apart from retention, which deletes from the start. */
  get approximateCount(): number {
    return this.maxSeq === 0 ? 0 : this.maxSeq - this.minSeq + 1
  }

  get queueDepth(): number {
    return this.queue.length
  }

  append(event: CanonicalEvent): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('event store is closed'))
    return new Promise((resolve, reject) => {
      this.queue.push({ event, resolve, reject })
      if (this.queue.length >= MAX_BATCH) this.flush()
      else if (!this.scheduled) this.scheduled = setImmediate(() => this.flush())
    })
  }

  /** Writes everything queued in one transaction. */
  flush(): void {
    if (this.scheduled) {
      clearImmediate(this.scheduled)
      this.scheduled = null
    }
    if (this.queue.length === 0) return
    const batch = this.queue
    this.queue = []
    const started = performance.now()
    const before = { minSeq: this.minSeq, maxSeq: this.maxSeq, fts: this.fts.mark }
    let results: AppendResult[]
    try {
      results = this.writeBatch(batch)
    } catch (err) {
      // Rolled back: forget the seqs and search text this batch had claimed.
      this.minSeq = before.minSeq
      this.maxSeq = before.maxSeq
      this.fts.rollbackTo(before.fts.pendingLength, before.fts.queuedThrough)
      for (const p of batch) p.reject(err)
      return
    }
    this.onBatch(batch.length, performance.now() - started)
    for (let i = 0; i < batch.length; i++) batch[i].resolve(results[i])
    // Housekeeping after the commit: the batch is acknowledged whatever happens here, and a
    // failure (disk full, busy) must not escape into the event loop; the next flush retries.
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
      console.error('[store] indexing or retention after a commit failed', err)
    }
  }

  private write(event: CanonicalEvent): AppendResult {
    const { seq: _omit, ...stored } = event
    const info = this.insert.run(
      event.id,
      event.sessionId,
      event.type,
      Math.round(event.ts),
      JSON.stringify(stored),
    )
    if (info.changes === 0) {
      const row = this.findById.get(event.id) as { seq: number } | undefined
      return { seq: row?.seq ?? 0, duplicate: true }
    }
    const seq = Number(info.lastInsertRowid)
    if (this.minSeq === 0) this.minSeq = seq
    this.maxSeq = seq
    this.fts.queue(seq, searchableText(event))
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

  /** Runs retention until within limits (startup, settings change); yields between chunks. */
  async enforceRetention(): Promise<number> {
    let total = 0
    for (;;) {
      const n = this.enforceRetentionStep()
      total += n
      if (n === 0) return total
      await new Promise((r) => setImmediate(r))
    }
  }

  list(q: ListQuery): { events: CanonicalEvent[]; hasMore: boolean } {
    const limit = q.limit ?? 200
    const where: string[] = []
    const params: unknown[] = []
    if (q.sessionId) {
      where.push('session_id = ?')
      params.push(q.sessionId)
    }
    if (q.before !== undefined) {
      where.push('seq < ?')
      params.push(q.before)
    }
    if (q.types && q.types.length > 0) {
      where.push(`type IN (${q.types.map(() => '?').join(',')})`)
      params.push(...q.types)
    }
    const sql = `SELECT seq, data FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`
    const rows = this.db.prepare(sql).all(...params, limit + 1) as { seq: number; data: string }[]
    const hasMore = rows.length > limit
    return { events: rows.slice(0, limit).map(rowToEvent), hasMore }
  }

  search(
    query: string,
    limit = 50,
    sessionId?: string,
  ): { event: CanonicalEvent; snippet: string }[] {
    const fts = toFtsQuery(query)
    if (!fts) return []
    this.flush()
    this.fts.flush()
    const rows = this.db
      .prepare(
        `SELECT e.seq AS seq, e.data AS data,
                snippet(events_fts, 0, '[', ']', '…', 12) AS snippet
           FROM events_fts f JOIN events e ON e.seq = f.rowid
          WHERE events_fts MATCH ? ${sessionId ? 'AND e.session_id = ?' : ''}
          ORDER BY f.rowid DESC LIMIT ?`,
      )
      .all(...(sessionId ? [fts, sessionId, limit] : [fts, limit])) as {
      seq: number
      data: string
      snippet: string
    }[]
    return rows.map((r) => ({ event: rowToEvent(r), snippet: r.snippet }))
  }

  /** Search rows not yet indexed (deferred FTS). */
  get ftsBacklog(): number {
    return this.fts.pendingCount
  }

  close(): void {
    this.flush()
    this.fts.close()
    this.closed = true
  }
}

function rowToEvent(row: { seq: number; data: string }): CanonicalEvent {
  const parsed = CanonicalEventSchema.safeParse({ ...JSON.parse(row.data), seq: row.seq })
  if (parsed.success) return parsed.data
  // A row written by a newer/older schema: show it as generic rather than failing the page.
  const raw = JSON.parse(row.data) as Record<string, unknown>
  return {
    id: String(raw.id ?? `row-${row.seq}`),
    seq: row.seq,
    sessionId: String(raw.sessionId ?? 'unknown'),
    agent: 'claude',
    ts: Number(raw.ts ?? 0),
    type: 'generic',
    hookEvent: String(raw.type ?? 'unknown'),
    raw,
  }
}
