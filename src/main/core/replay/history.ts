/**
 * Reads for the timeline and the replay player: the span of the stored history, and the events
 * of a stretch of it in the order they were applied live (seq), page by page.
 */
import type { Statement } from 'better-sqlite3'
import type { CanonicalEvent } from '@shared/events'
import type { HistorySpan } from '@shared/contract/replay'
import type { Db } from '../store/db'
import { rowToEvent } from '../store/event-store'

export interface RangeQuery {
  /** Events after this seq (the player's position); 0 from the start of the stretch. */
  afterSeq: number
  /** The end of the stretch, ms since the epoch (inclusive). */
  to: number
  limit: number
  sessionIds?: readonly string[]
}

export class ReplayHistory {
  private readonly spanStatement: Statement
  private readonly cutStatement: Statement
  private readonly rangeStatement: Statement

  constructor(private readonly db: Db) {
    this.spanStatement = db.prepare(
      `SELECT (SELECT seq FROM events ORDER BY seq LIMIT 1) AS firstSeq,
              (SELECT seq FROM events ORDER BY seq DESC LIMIT 1) AS lastSeq,
              (SELECT ts FROM events ORDER BY ts LIMIT 1) AS firstTs,
              (SELECT ts FROM events ORDER BY ts DESC LIMIT 1) AS lastTs`,
    )
    this.cutStatement = db.prepare(
      'SELECT seq FROM events WHERE ts <= ? ORDER BY ts DESC, seq DESC LIMIT 1',
    )
    this.rangeStatement = db.prepare(
      'SELECT seq, data FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
    )
  }

  /** The stored history's extent, or null when nothing is stored. */
  span(): HistorySpan | null {
    const row = this.spanStatement.get() as Record<keyof HistorySpan, number | null>
    if (row.firstSeq === null) return null
    return {
      firstSeq: row.firstSeq,
      lastSeq: row.lastSeq!,
      firstTs: row.firstTs!,
      lastTs: row.lastTs!,
    }
  }

  /** Seq of the last event received at or before `at` (0: none). */
  cutAt(at: number): number {
    return (this.cutStatement.get(Math.floor(at)) as { seq: number } | undefined)?.seq ?? 0
  }

  /** One page of the stretch after `afterSeq` up to the instant `to`, in seq order. */
  range(q: RangeQuery): { events: CanonicalEvent[]; hasMore: boolean; nextSeq: number } {
    const end = this.cutAt(q.to)
    const wanted = q.sessionIds ? new Set(q.sessionIds) : null
    const events: CanonicalEvent[] = []
    let cursor = q.afterSeq
    // Session filtering happens here rather than in SQL so a page reads one contiguous seq
    // range through the primary key; pages of other sessions' events just advance the cursor.
    while (events.length < q.limit && cursor < end) {
      const rows = this.rangeStatement.all(cursor, end, q.limit) as { seq: number; data: string }[]
      if (rows.length === 0) break
      for (const row of rows) {
        cursor = row.seq
        const e = rowToEvent(row)
        if (!wanted || wanted.has(e.sessionId)) events.push(e)
        if (events.length >= q.limit) break
      }
    }
    return { events, hasMore: cursor < end, nextSeq: cursor }
  }
}
