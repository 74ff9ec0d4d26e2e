/**
 * The events API of the core. Appends queue up and go to the writer as one batch per event-loop
 * turn (setImmediate: every request parsed in this turn shares one commit, and nothing waits on
 * a timer) or once MAX_BATCH is reached. An append resolves only after its transaction committed,
 * so an acknowledged event survives a crash; a UNIQUE event id makes retries idempotent.
 *
 * The writer (writer/batch-writer.ts: inserts, deferred search indexing, retention) runs on its own
 * thread for a database file, so commits and WAL checkpoints never stall the thread that parses
 * hooks; reads (history pages, search) run here on the app's connection, which WAL lets read
 * while the writer writes.
 */
import { createConsoleLogger, type Logger } from '../log/logger'
import { CanonicalEventSchema, type CanonicalEvent } from '@shared/events'
import { WAL_AUTOCHECKPOINT_PAGES, type Db } from './db'
import { searchableText, toFtsQuery } from '../events/searchable'
import {
  EventWriter,
  readSeqBounds,
  type AppendResult,
  type EventRow,
  type RetentionPolicy,
} from './writer/batch-writer'
import { InlineWriterLink, type WriterLink } from './writer/link'
import { ThreadWriterLink, type WriterEntry } from './writer/worker-link'

export { RETENTION_CHUNK, type AppendResult, type RetentionPolicy } from './writer/batch-writer'

export const MAX_BATCH = 1_000

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

export interface EventStoreOptions {
  /**
   * Where the writer runs: 'inline' on this thread, or a worker thread started from `entry`.
   * Defaults to a worker when the database is a file and an entry is known, else inline.
   */
  writer?: 'inline' | { entry: WriterEntry }
  /** Clock for retention by age (inline writer only; a writer thread uses the real clock). */
  now?: () => number
  log?: Logger
}

export class EventStore {
  private queue: Pending[] = []
  private scheduled: NodeJS.Immediate | null = null
  private readonly inFlight = new Set<Promise<unknown>>()
  private inFlightEvents = 0
  private link: WriterLink
  private closed = false
  /** Called after each committed batch with its size and commit round trip (metrics). */
  onBatch: (size: number, durationMs: number) => void = () => {}

  constructor(
    private readonly db: Db,
    private retention: RetentionPolicy,
    opts: EventStoreOptions = {},
  ) {
    const writer = opts.writer ?? 'inline'
    const log = opts.log ?? createConsoleLogger()
    if (writer === 'inline' || db.memory) {
      this.link = new InlineWriterLink(new EventWriter(db, retention, opts.now))
    } else {
      const thread = new ThreadWriterLink(
        writer.entry,
        { file: db.name, retention },
        readSeqBounds(db),
      )
      // A worker that cannot start at all (say, its script is missing from a package) must not
      // take ingest down with it: write in-thread instead, and say so once.
      thread.onStartFailure = (err) => {
        log.error('event writer thread failed to start; writing in-thread', err)
        db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`)
        this.link = new InlineWriterLink(new EventWriter(db, this.retention, opts.now))
      }
      // The writer's threads checkpoint; a commit on this connection must never do it here.
      db.pragma('wal_autocheckpoint = 0')
      this.link = thread
    }
  }

  async setRetention(policy: RetentionPolicy): Promise<void> {
    this.retention = policy
    await this.link.setRetention(policy)
  }

  get lastSeq(): number {
    return this.link.bounds.maxSeq
  }

  /** Rough row count, O(1): seqs are dense apart from retention, which deletes from the start. */
  get approximateCount(): number {
    const { minSeq, maxSeq } = this.link.bounds
    return maxSeq === 0 ? 0 : maxSeq - minSeq + 1
  }

  /** Events waiting to be written or committing now. */
  get queueDepth(): number {
    return this.queue.length + this.inFlightEvents
  }

  /** Search rows not yet indexed (deferred FTS). */
  get ftsBacklog(): number {
    return this.link.ftsBacklog
  }

  append(event: CanonicalEvent): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('event store is closed'))
    return new Promise((resolve, reject) => {
      this.queue.push({ event, resolve, reject })
      if (this.queue.length >= MAX_BATCH) this.flush()
      else if (!this.scheduled) this.scheduled = setImmediate(() => this.flush())
    })
  }

  /** Sends everything queued to the writer now, as one batch. */
  flush(): void {
    if (this.scheduled) {
      clearImmediate(this.scheduled)
      this.scheduled = null
    }
    if (this.queue.length === 0) return
    const batch = this.queue
    this.queue = []
    const rows = batch.map((p) => toRow(p.event))
    const started = performance.now()
    this.inFlightEvents += batch.length
    const done = this.link.write(rows).then(
      (results) => {
        this.onBatch(batch.length, performance.now() - started)
        for (let i = 0; i < batch.length; i++) batch[i].resolve(results[i])
      },
      (err: unknown) => {
        for (const p of batch) p.reject(err)
      },
    )
    this.inFlight.add(done)
    void done.finally(() => {
      this.inFlight.delete(done)
      this.inFlightEvents -= batch.length
    })
  }

  /**
   * Resolves once every append made before the call is committed (or failed). Appends made
   * meanwhile are not waited for, so a read never starves under sustained ingest.
   */
  async drain(): Promise<void> {
    this.flush()
    await Promise.all([...this.inFlight])
  }

  /** Deletes at most one chunk of the oldest rows over the limits; answers how many. */
  enforceRetentionStep(): Promise<number> {
    return this.link.retentionStep()
  }

  /** Runs retention until within limits (startup, settings change), one chunk at a time. */
  async enforceRetention(): Promise<number> {
    let total = 0
    for (;;) {
      const n = await this.link.retentionStep()
      total += n
      if (n === 0) return total
    }
  }

  /** A page of history, newest first; sees every event appended before the call. */
  async list(q: ListQuery): Promise<{ events: CanonicalEvent[]; hasMore: boolean }> {
    await this.drain()
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

  /** Full-text search; sees every event appended before the call. */
  async search(
    query: string,
    limit = 50,
    sessionId?: string,
  ): Promise<{ event: CanonicalEvent; snippet: string }[]> {
    const fts = toFtsQuery(query)
    if (!fts) return []
    await this.drain()
    await this.link.flushIndex()
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

  /** Commits what is queued, then stops the writer (its thread, if any). */
  async close(): Promise<void> {
    if (this.closed) return
    await this.drain()
    this.closed = true
    await this.link.close()
  }
}

function toRow(event: CanonicalEvent): EventRow {
  return {
    id: event.id,
    sessionId: event.sessionId,
    type: event.type,
    ts: Math.round(event.ts),
    data: storedJson(event),
    text: searchableText(event),
  }
}

/** The seq belongs to the row, not the stored JSON; fresh events have none (no copy needed). */
function storedJson(event: CanonicalEvent): string {
  if (event.seq === undefined) return JSON.stringify(event)
  const { seq: _seq, ...stored } = event
  return JSON.stringify(stored)
}

export function rowToEvent(row: { seq: number; data: string }): CanonicalEvent {
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
