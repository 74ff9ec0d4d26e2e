/**
 * The timeline's per-minute index: for every session and minute, how many events of each kind
 * (and tool calls per station) it holds, and the first and last event's time. A window too dense
 * to read event by event (weeks of a busy fleet) is answered from these rows instead: a few per
 * session and minute, whatever the number of events.
 *
 * Written in the background beside the replay checkpoints, a bounded number of events per step;
 * `indexedSeq` says how far it got, and the query reads the events after it directly. Rows of
 * minutes that retention emptied are dropped as it catches up.
 */
import type { Statement } from 'better-sqlite3'
import { isStationId, timelineMark, type TimelineInput, type TimelineKind } from '@shared/timeline'
import type { Db } from '../../store/db'

export const TIMELINE_MINUTE_MS = 60_000
/**
 * Bumped when the marks an event makes change (src/shared/timeline.ts): rows of another version
 * are dropped and the index is rebuilt, so it never mixes two classifications.
 */
export const TIMELINE_INDEX_VERSION = '1'

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

export interface MinuteRow {
  sessionId: string
  kind: string
  station: string
  count: number
  first: number
  last: number
}

export class TimelineIndex {
  private readonly progress: Statement
  private readonly setProgress: Statement
  private readonly after: Statement
  private readonly upsert: Statement
  private readonly inWindow: Statement
  private readonly oldestTs: Statement
  private readonly prune: Statement

  constructor(private readonly db: Db) {
    const row = db.prepare('SELECT seq, version FROM timeline_progress WHERE id = 1').get() as
      { seq: number; version: string } | undefined
    if (!row || row.version !== TIMELINE_INDEX_VERSION) {
      db.transaction(() => {
        db.prepare('DELETE FROM timeline_minutes').run()
        db.prepare(
          'INSERT OR REPLACE INTO timeline_progress (id, seq, version) VALUES (1, 0, ?)',
        ).run(TIMELINE_INDEX_VERSION)
      })()
    }
    this.progress = db.prepare('SELECT seq FROM timeline_progress WHERE id = 1')
    this.setProgress = db.prepare('UPDATE timeline_progress SET seq = ? WHERE id = 1')
    this.after = db.prepare(`SELECT ${MARK_COLUMNS} FROM events WHERE seq > ? ORDER BY seq LIMIT ?`)
    this.upsert = db.prepare(
      `INSERT INTO timeline_minutes (minute, session_id, kind, station, count, first_ts, last_ts)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (minute, session_id, kind, station) DO UPDATE SET
         count = count + excluded.count,
         first_ts = min(first_ts, excluded.first_ts),
         last_ts = max(last_ts, excluded.last_ts)`,
    )
    this.inWindow = db.prepare(
      `SELECT session_id AS sessionId, kind, station, count, first_ts AS first, last_ts AS last
       FROM timeline_minutes WHERE minute >= ? AND minute <= ? AND last_ts >= ? AND first_ts <= ?`,
    )
    this.oldestTs = db.prepare('SELECT min(ts) AS ts FROM events')
    this.prune = db.prepare('DELETE FROM timeline_minutes WHERE minute < ?')
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
    const from = this.indexedSeq()
    const rows = this.after.all(from, maxEvents) as MarkRow[]
    if (rows.length === 0) return 0
    const sums = new Map<string, { minute: number; m: TimelineInput }>()
    for (const row of rows) {
      const m = markInput(row)
      const minute = Math.floor(row.ts / TIMELINE_MINUTE_MS) * TIMELINE_MINUTE_MS
      const key = `${minute}\u0000${m.sessionId}\u0000${m.kind}\u0000${m.station ?? ''}`
      const sum = sums.get(key)
      if (!sum) sums.set(key, { minute, m })
      else {
        sum.m.count++
        sum.m.first = Math.min(sum.m.first, m.first)
        sum.m.last = Math.max(sum.m.last, m.last)
      }
    }
    const oldest = (this.oldestTs.get() as { ts: number | null }).ts
    this.db.transaction(() => {
      for (const { minute, m } of sums.values()) {
        this.upsert.run(minute, m.sessionId, m.kind, m.station ?? '', m.count, m.first, m.last)
      }
      this.setProgress.run(rows[rows.length - 1].seq)
      // Minutes wholly before the oldest stored event were emptied by retention.
      if (oldest !== null) {
        this.prune.run(Math.floor(oldest / TIMELINE_MINUTE_MS) * TIMELINE_MINUTE_MS)
      }
    })()
    return rows.length
  }

  /** The index's rows overlapping a window, as marks (each counted at its first event). */
  window(from: number, to: number): TimelineInput[] {
    const rows = this.inWindow.all(
      Math.floor(from / TIMELINE_MINUTE_MS) * TIMELINE_MINUTE_MS,
      to,
      from,
      to,
    ) as MinuteRow[]
    return rows.map((r) => ({
      sessionId: r.sessionId,
      // A minute cut by the window's edge is placed at its part inside the window.
      first: Math.max(r.first, from),
      last: Math.min(r.last, to),
      kind: r.kind as TimelineKind,
      ...(isStationId(r.station) ? { station: r.station } : {}),
      count: r.count,
    }))
  }
}
