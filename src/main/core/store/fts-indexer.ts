/**
 * Deferred full-text indexing. FTS5 writes a new index segment for every transaction, which at
 * group-commit batch sizes (tens of events) costs several times the event insert itself, mostly
 * in extra WAL pages and checkpoints. So event rows commit on the request path, and their search
 * text is indexed separately in bulk: every FTS_FLUSH_INTERVAL_MS, once FTS_MAX_PENDING rows are
 * waiting, before a search, and before retention deletes. The index is derived data: a watermark
 * (fts_progress.seq, the highest event seq whose text is indexed) lets startup re-index the short
 * tail a crash may have left, so acknowledged events are always searchable after a restart.
 */
import type { Statement } from 'better-sqlite3'
import type { CanonicalEvent } from '@shared/events'
import type { Db } from './db'
import { searchableText } from '../events/searchable'

export const FTS_FLUSH_INTERVAL_MS = 100
export const FTS_MAX_PENDING = 5_000
const CATCH_UP_PAGE = 1_000

export class FtsIndexer {
  private pending: { seq: number; body: string }[] = []
  /** Highest seq queued so far (every event up to it has been offered to the indexer). */
  private queuedThrough: number
  private timer: NodeJS.Timeout | null = null
  private readonly insert: Statement
  private readonly setWatermark: Statement
  private readonly write: (rows: { seq: number; body: string }[], through: number) => void

  constructor(private readonly db: Db) {
    this.insert = db.prepare('INSERT INTO events_fts (rowid, body) VALUES (?, ?)')
    this.setWatermark = db.prepare('UPDATE fts_progress SET seq = ? WHERE id = 1')
    this.write = db.transaction((rows: { seq: number; body: string }[], through: number) => {
      for (const r of rows) this.insert.run(r.seq, r.body)
      this.setWatermark.run(through)
    })
    this.queuedThrough = (
      db.prepare('SELECT seq FROM fts_progress WHERE id = 1').get() as { seq: number }
    ).seq
  }

  /** Indexes events committed after the watermark (a crash's unindexed tail). O(tail), not O(n). */
  catchUp(): number {
    const select = this.db.prepare(
      'SELECT seq, data FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
    )
    let indexed = 0
    for (;;) {
      const rows = select.all(this.queuedThrough, CATCH_UP_PAGE) as { seq: number; data: string }[]
      if (rows.length === 0) break
      for (const r of rows) {
        const body = searchableText(JSON.parse(r.data) as CanonicalEvent)
        this.queue(r.seq, body)
      }
      indexed += rows.length
      this.flush()
    }
    return indexed
  }

  /**
   * Offers an event's text (called inside the event transaction, so it never writes itself); an
   * empty body only advances the watermark.
   */
  queue(seq: number, body: string): void {
    if (body) this.pending.push({ seq, body })
    if (seq > this.queuedThrough) this.queuedThrough = seq
    if (!this.timer) {
      this.timer = setTimeout(() => this.flushQuietly(), FTS_FLUSH_INTERVAL_MS)
      this.timer.unref()
    }
  }

  /** After an event transaction committed: index now if enough text is waiting. */
  flushIfFull(): void {
    if (this.pending.length >= FTS_MAX_PENDING) this.flush()
  }

  private flushQuietly(): void {
    try {
      this.flush()
    } catch (err) {
      // Kept pending (flush restores it); the next flush or a restart's catch-up retries.
      console.error('[store] deferred FTS indexing failed', err)
    }
  }

  /** Marks rows of a rolled-back transaction as never queued. */
  rollbackTo(pendingLength: number, queuedThrough: number): void {
    this.pending.length = pendingLength
    this.queuedThrough = queuedThrough
  }

  get mark(): { pendingLength: number; queuedThrough: number } {
    return { pendingLength: this.pending.length, queuedThrough: this.queuedThrough }
  }

  get pendingCount(): number {
    return this.pending.length
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    const rows = this.pending
    this.pending = []
    try {
      this.write(rows, this.queuedThrough)
    } catch (err) {
      this.pending = rows.concat(this.pending)
      throw err
    }
  }

  close(): void {
    this.flush()
  }
}
