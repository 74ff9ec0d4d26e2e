/**
 * The timeline's index: for every session and minute (and every session and hour), how many
 * events of each kind (and tool calls per station) it holds, and the first and last event's time.
 * A window too dense to read event by event (weeks of a busy fleet) is answered from these rows
 * instead: a few per session and hour or minute, whatever the number of events.
 *
 * Written in the background beside the replay checkpoints, a bounded number of events per step;
 * `indexedSeq` says how far it got, and the query reads the events after it directly. Rows of
 * minutes that retention emptied are dropped as it catches up.
 */
import type { Statement } from 'better-sqlite3'
import { isStationId, timelineMark, type TimelineInput, type TimelineKind } from '@shared/timeline'
import type { Db } from '../../store/db'

export const TIMELINE_MINUTE_MS = 60_000
export const TIMELINE_HOUR_MS = 60 * TIMELINE_MINUTE_MS
/**
 * Bumped when the marks an event makes change (src/shared/timeline.ts): rows of another version
 * are dropped and the index is rebuilt, so it never mixes two classifications.
 */
export const TIMELINE_INDEX_VERSION = '2'

/** The columns an event's mark is read from, without parsing its whole JSON in JS. */
export const MARK_COLUMNS = `seq, session_id AS sessionId, ts, type,
  json_extract(data, '$.tool') AS tool, json_extract(data, '$.success') AS success,
  json_extract(data, '$.kind') AS kind`

export interface MarkRow {
  seq: number
  sessionId: string
  ts: number
  type: string
  tool: string | null
  success: number | null
  kind: string | null
}

/** A stored event as one mark of the timeline. */
export function markInput(row: MarkRow): TimelineInput {
  const mark = timelineMark({
    type: row.type,
    tool: row.tool ?? undefined,
    success: row.success ?? undefined,
    kind: row.kind ?? undefined,
  })
  return {
    sessionId: row.sessionId,
    first: row.ts,
    last: row.ts,
    kind: mark.kind,
    ...(mark.station ? { station: mark.station } : {}),
    count: 1,
    seq: row.seq,
  }
}

interface IndexRow {
  sessionId: string
  kind: string
  station: string
  count: number
  first: number
  last: number
}

/**
 * The index's three levels, written together: a window's buckets are counted from the coarsest
 * level no wider than one of them (hours for weeks, ten minutes for days, minutes for hours).
 */
const LEVELS = [
  { table: 'timeline_hours', column: 'hour', ms: TIMELINE_HOUR_MS },
  { table: 'timeline_tens', column: 'ten', ms: 10 * TIMELINE_MINUTE_MS },
  { table: 'timeline_minutes', column: 'minute', ms: TIMELINE_MINUTE_MS },
] as const

/**
 * A level's rows may be up to this many buckets wide: a row is counted in the bucket of its first
 * event, so its later events may show one bucket (about a pixel) early — for a tenth of the rows
 * read (five-minute buckets from ten-minute rows, half-hour buckets from hours).
 */
export const ROW_SPAN_BUCKETS = 2

/**
 * Bucket widths a dense window is counted in, aligned to them: each a whole number of minutes,
 * so a minute row never straddles two buckets, and a bucket sums few rows of its level.
 */
const INDEX_BUCKETS_MS = [1, 2, 5, 10, 20, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map(
  (minutes) => minutes * TIMELINE_MINUTE_MS,
)

/** The narrowest index bucket at least `ms` wide (the widest past the ladder's end). */
export function indexBucketMs(ms: number): number {
  return (
    INDEX_BUCKETS_MS.find((b) => b >= ms) ?? Math.ceil(ms / TIMELINE_HOUR_MS) * TIMELINE_HOUR_MS
  )
}

interface Level {
  ms: number
  upsert: Statement
  /** The level's rows of a window, summed per session, kind, station and bucket. */
  window: Statement
  prune: Statement
}

export class TimelineIndex {
  private readonly progress: Statement
  private readonly setProgress: Statement
  private readonly after: Statement
  private readonly oldestTs: Statement
  private readonly levels: Level[]

  constructor(private readonly db: Db) {
    const row = db.prepare('SELECT seq, version FROM timeline_progress WHERE id = 1').get() as
      { seq: number; version: string } | undefined
    if (!row || row.version !== TIMELINE_INDEX_VERSION) {
      db.transaction(() => {
        for (const level of LEVELS) db.prepare(`DELETE FROM ${level.table}`).run()
        db.prepare(
          'INSERT OR REPLACE INTO timeline_progress (id, seq, version) VALUES (1, 0, ?)',
        ).run(TIMELINE_INDEX_VERSION)
      })()
    }
    this.progress = db.prepare('SELECT seq FROM timeline_progress WHERE id = 1')
    this.setProgress = db.prepare('UPDATE timeline_progress SET seq = ? WHERE id = 1')
    this.after = db.prepare(`SELECT ${MARK_COLUMNS} FROM events WHERE seq > ? ORDER BY seq LIMIT ?`)
    this.oldestTs = db.prepare('SELECT min(ts) AS ts FROM events')
    this.levels = LEVELS.map(({ table, column, ms }) => ({
      ms,
      upsert: db.prepare(
        `INSERT INTO ${table} (${column}, session_id, kind, station, count, first_ts, last_ts)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (${column}, session_id, kind, station) DO UPDATE SET
           count = count + excluded.count,
           first_ts = min(first_ts, excluded.first_ts),
           last_ts = max(last_ts, excluded.last_ts)`,
      ),
      // Summed here rather than in JS: the answer's rows are bounded by its buckets, not by the
      // rows the window covers. A row is placed at its first event inside the window.
      window: db.prepare(
        `SELECT session_id AS sessionId, kind, station, sum(count) AS count,
                max(min(first_ts), @from) AS first, min(max(last_ts), @to) AS last
         FROM ${table}
         WHERE ${column} >= @start AND ${column} <= @to AND last_ts >= @from AND first_ts <= @to
         GROUP BY session_id, kind, station,
                  CAST((max(first_ts, @from) - @from) / @bucketMs AS INTEGER)`,
      ),
      prune: db.prepare(`DELETE FROM ${table} WHERE ${column} < ?`),
    }))
  }

  /** Every stored event with seq <= this is in the index. */
  indexedSeq(): number {
    return (this.progress.get() as { seq: number }).seq
  }

  /**
   * Indexes up to `maxEvents` events past `indexedSeq`, in one transaction (rows and progress
   * move together, so no event is ever counted twice); answers how many it indexed.
   */
  catchUp(maxEvents: number): number {
    const rows = this.after.all(this.indexedSeq(), maxEvents) as MarkRow[]
    if (rows.length === 0) return 0
    const oldest = (this.oldestTs.get() as { ts: number | null }).ts
    const sums = this.levels.map((level) => ({ level, sums: sumsOf(rows, level.ms) }))
    this.db.transaction(() => {
      for (const { level, sums: byKey } of sums) {
        for (const { at, m } of byKey.values()) {
          level.upsert.run(at, m.sessionId, m.kind, m.station ?? '', m.count, m.first, m.last)
        }
        // Rows wholly before the oldest stored event were emptied by retention.
        if (oldest !== null) level.prune.run(Math.floor(oldest / level.ms) * level.ms)
      }
      this.setProgress.run(rows[rows.length - 1].seq)
    })()
    return rows.length
  }

  /**
   * A window's marks from the index, summed per bucket of `bucketMs` from `from`: from the
   * coarsest level whose rows span at most ROW_SPAN_BUCKETS buckets.
   */
  window(from: number, to: number, bucketMs: number): TimelineInput[] {
    const level =
      this.levels.find((l) => l.ms <= bucketMs * ROW_SPAN_BUCKETS) ??
      this.levels[this.levels.length - 1]
    const rows = level.window.all({
      start: Math.floor(from / level.ms) * level.ms,
      from,
      to,
      bucketMs,
    }) as IndexRow[]
    return rows.map((r) => ({
      sessionId: r.sessionId,
      first: r.first,
      last: r.last,
      kind: r.kind as TimelineKind,
      ...(isStationId(r.station) ? { station: r.station } : {}),
      count: r.count,
    }))
  }
}

/** Rows summed per level-aligned instant, session, kind and station. */
function sumsOf(
  rows: readonly MarkRow[],
  ms: number,
): Map<string, { at: number; m: TimelineInput }> {
  const sums = new Map<string, { at: number; m: TimelineInput }>()
  for (const row of rows) {
    const m = markInput(row)
    const at = Math.floor(row.ts / ms) * ms
    const key = `${at}\u0000${m.sessionId}\u0000${m.kind}\u0000${m.station ?? ''}`
    const sum = sums.get(key)
    if (!sum) sums.set(key, { at, m })
    else {
      sum.m.count++
      sum.m.first = Math.min(sum.m.first, m.first)
      sum.m.last = Math.max(sum.m.last, m.last)
    }
  }
  return sums
}
