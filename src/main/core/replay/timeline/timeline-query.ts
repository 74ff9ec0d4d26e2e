/**
 * Answers the timeline's question — a window at a resolution — from the store, bounded in size:
 *
 * - A window of at most MAX_EXACT_EVENTS events is read event by event (one index range of
 *   `events_by_ts`, only the columns a mark needs), each placed at its own time; a bucket that
 *   holds one event alone carries its detail (the feed's words for it) for the tooltip.
 * - A denser window is read from the per-minute index (timeline-index.ts) plus the events past
 *   what it has indexed; its buckets are then at least a minute wide.
 * - Either way the cells are counted and the resolution halved until they fit MAX_TIMELINE_CELLS.
 */
import type { Statement } from 'better-sqlite3'
import {
  MAX_TIMELINE_CELLS,
  MAX_TIMELINE_COMMITS,
  type SessionCommit,
  type TimelineAnswer,
} from '@shared/contract/replay'
import { eventDetail, TimelineBuckets, type TimelineEventDetail } from '@shared/timeline'
import type { CanonicalEvent } from '@shared/events'
import type { Db } from '../../store/db'
import { rowToEvent } from '../../store/event-store'
import {
  indexBucketMs,
  MARK_COLUMNS,
  markInput,
  type MarkRow,
  TimelineIndex,
} from './timeline-index'

/** The most events a window is read event by event; denser windows use the per-minute index. */
export const MAX_EXACT_EVENTS = 20_000
/**
 * The most buckets whose one event's words are looked up (a stored row parsed each): past it a
 * sparse window's cells say their kind and time only.
 */
export const MAX_DETAILED_CELLS = 3_000
/** The most not-yet-indexed events a dense window reads directly; past it the answer is partial. */
export const MAX_UNINDEXED_EVENTS = 50_000

export interface TimelineLimits {
  exactEvents: number
  unindexedEvents: number
  detailedCells: number
  cells: number
}

export const TIMELINE_LIMITS: TimelineLimits = {
  exactEvents: MAX_EXACT_EVENTS,
  unindexedEvents: MAX_UNINDEXED_EVENTS,
  detailedCells: MAX_DETAILED_CELLS,
  cells: MAX_TIMELINE_CELLS,
}

export interface TimelineRequest {
  from: number
  to: number
  buckets: number
}

export class TimelineQuery {
  private readonly countUpTo: Statement
  private readonly exact: Statement
  private readonly unindexed: Statement
  private readonly eventAt: Statement
  private readonly commits: Statement

  constructor(
    db: Db,
    private readonly index: TimelineIndex,
    private readonly nameOf: (sessionId: string) => string | undefined,
    private readonly limits: TimelineLimits = TIMELINE_LIMITS,
  ) {
    this.countUpTo = db.prepare(
      'SELECT count(*) AS n FROM (SELECT 1 FROM events WHERE ts >= ? AND ts <= ? LIMIT ?)',
    )
    this.exact = db.prepare(
      `SELECT ${MARK_COLUMNS} FROM events WHERE ts >= ? AND ts <= ? ORDER BY ts, seq`,
    )
    // Read along the primary key from the indexed seq (`+ts`: not through the time index, which
    // would walk every event of a dense window).
    this.unindexed = db.prepare(
      `SELECT ${MARK_COLUMNS} FROM events WHERE seq > ? AND +ts >= ? AND +ts <= ? ORDER BY seq LIMIT ?`,
    )
    this.eventAt = db.prepare('SELECT seq, data FROM events WHERE seq = ?')
    this.commits = db.prepare(
      `SELECT session_id AS sessionId, hash, subject, ts FROM session_commits
       WHERE ts >= ? AND ts <= ? ORDER BY ts LIMIT ?`,
    )
  }

  answer(req: TimelineRequest): TimelineAnswer {
    const { from, to } = req
    const span = to - from
    const exact =
      (this.countUpTo.get(from, to, this.limits.exactEvents + 1) as { n: number }).n <=
      this.limits.exactEvents
    let bucketMs = Math.max(1, span / req.buckets)
    let complete = true
    let start = from
    if (!exact) {
      // Buckets of the index's widths, aligned to them: each sums whole rows of one level.
      bucketMs = indexBucketMs(bucketMs)
      start = Math.floor(from / bucketMs) * bucketMs
    }
    const grid = new TimelineBuckets(
      start,
      bucketMs,
      Math.max(1, Math.ceil((to - start) / bucketMs)),
    )
    if (exact) {
      for (const row of this.exact.iterate(from, to) as Iterable<MarkRow>) grid.add(markInput(row))
    } else {
      for (const m of this.index.window(start, to, grid.bucketMs)) grid.add(m)
      const rows = this.unindexed.all(
        this.index.indexedSeq(),
        from,
        to,
        this.limits.unindexedEvents + 1,
      ) as MarkRow[]
      if (rows.length > this.limits.unindexedEvents) {
        complete = false
        rows.length = this.limits.unindexedEvents
      }
      for (const row of rows) grid.add(markInput(row))
    }
    while (grid.cells > this.limits.cells) grid.coarsen()
    let detailed = 0
    const lanes = grid.lanesOut((seq) =>
      ++detailed <= this.limits.detailedCells ? this.detail(seq) : undefined,
    )
    return {
      from: start,
      bucketMs: grid.bucketMs,
      buckets: grid.buckets,
      resolution: exact ? 'events' : 'minutes',
      complete,
      lanes: lanes.map((lane) => {
        const name = this.nameOf(lane.sessionId)
        return name === undefined ? lane : { ...lane, name }
      }),
      commits: this.commits.all(from, to, MAX_TIMELINE_COMMITS) as SessionCommit[],
    }
  }

  /**
   * The feed's words for one stored event (only buckets holding one event alone ask). The store
   * holds events it validated, so the row is read as it is; one an older or newer schema wrote
   * (which the words cannot be made of) goes through the store's tolerant reader.
   */
  private detail(seq: number): TimelineEventDetail | undefined {
    const row = this.eventAt.get(seq) as { seq: number; data: string } | undefined
    if (!row) return undefined
    try {
      return eventDetail({ ...(JSON.parse(row.data) as CanonicalEvent), seq: row.seq })
    } catch {
      return eventDetail(rowToEvent(row))
    }
  }
}
