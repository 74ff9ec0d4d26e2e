/**
 * The replay timeline's model, shared by the core (which answers it from the store) and the
 * window (which builds it from an opened export file): what kind of mark an event makes, and how
 * marks fall into pixel-sized buckets, one lane per session. A bucket keeps counts per kind, so
 * an answer's size depends on the buckets asked for, never on how many events a stretch holds.
 */
import type { CanonicalEvent } from './events'
import { summarizeEvent } from './event-summary'
import { STATION_IDS, stationForTool, type StationId } from './stations'

/**
 * What a mark on a lane says. `turn`: a prompt (a turn starts); `tool`: a tool call (coloured by
 * its station); `fail`: a failed tool call, a failed turn, an interrupt or a process that ended;
 * `wait`: a permission request (or the notice that Claude waits for one); `sub`: a subagent
 * started, finished or reported; `end`: a turn finished; `other`: everything else.
 */
export const TIMELINE_KINDS = ['turn', 'tool', 'fail', 'wait', 'sub', 'end', 'other'] as const
export type TimelineKind = (typeof TIMELINE_KINDS)[number]

/** When a bucket holds several kinds, the first of these names its colour: the telling ones. */
const KIND_PRIORITY: readonly TimelineKind[] = [
  'fail',
  'wait',
  'sub',
  'tool',
  'turn',
  'end',
  'other',
]

/** The few fields of an event its mark depends on (a stored row's columns, or a parsed event). */
export interface MarkableEvent {
  type: string
  tool?: unknown
  success?: unknown
  /** A notification's kind. */
  kind?: unknown
}

export interface TimelineMark {
  kind: TimelineKind
  station?: StationId
}

export function timelineMark(e: MarkableEvent): TimelineMark {
  switch (e.type) {
    case 'prompt':
      return { kind: 'turn' }
    case 'tool.start':
      return { kind: 'tool', station: stationForTool(String(e.tool ?? '')) }
    case 'tool.end':
      // A call's end is drawn only when it failed; its start already marked the call.
      return e.success === false || e.success === 0
        ? { kind: 'fail', station: stationForTool(String(e.tool ?? '')) }
        : { kind: 'other' }
    case 'stop.failure':
    case 'interrupt':
    case 'process.exit':
      return { kind: 'fail' }
    case 'permission.request':
      return { kind: 'wait' }
    case 'notification':
      return e.kind === 'permission_prompt' || e.kind === 'elicitation_dialog'
        ? { kind: 'wait' }
        : { kind: 'other' }
    case 'subagent.start':
    case 'subagent.stop':
    case 'subagent.result':
      return { kind: 'sub' }
    case 'stop':
      return { kind: 'end' }
    default:
      return { kind: 'other' }
  }
}

/** One event shown alone in its bucket: enough for the tooltip without asking again. */
export interface TimelineEventDetail {
  seq: number
  type: string
  /** The feed's words for it (src/shared/event-summary.ts). */
  text: string
  tool?: string
  /** A tool call's outcome when its end is the event. */
  ok?: boolean
}

/** An event's detail as the tooltip shows it. */
export function eventDetail(e: CanonicalEvent): TimelineEventDetail {
  return {
    seq: e.seq ?? 0,
    type: e.type,
    text: summarizeEvent(e).text,
    ...('tool' in e ? { tool: e.tool } : {}),
    ...(e.type === 'tool.end' ? { ok: e.success } : {}),
  }
}

/** Marks of one session that fall together: one event, or a stored minute of them. */
export interface TimelineInput {
  sessionId: string
  /** First and last event time, ms since the epoch. */
  first: number
  last: number
  kind: TimelineKind
  station?: StationId
  count: number
  /** The event's seq when the input is a single event (for its detail). */
  seq?: number
}

export interface TimelineCell {
  /** Bucket index from the answer's `from`. */
  b: number
  /** The kind that colours it (KIND_PRIORITY), and the station of its most frequent tool. */
  kind: TimelineKind
  station?: StationId
  /** Events per kind, in TIMELINE_KINDS order. */
  n: number[]
  /** First and last event time in the bucket. */
  at: number
  last: number
  /** Set when the bucket holds exactly one event and its detail is known. */
  event?: TimelineEventDetail
}

export interface TimelineLane {
  sessionId: string
  cells: TimelineCell[]
}

interface Acc {
  n: number[]
  stations: Map<StationId, number>
  at: number
  last: number
  /** The one event's seq while the bucket holds exactly one event. */
  seq: number | undefined
}

const KIND_INDEX = new Map(TIMELINE_KINDS.map((k, i) => [k, i]))

/**
 * Accumulates marks into buckets of `bucketMs` from `from`, per session. `coarsen` halves the
 * resolution exactly (buckets 2i and 2i+1 become i), so a caller can bound the answer's size
 * after seeing how many cells the marks fill.
 */
export class TimelineBuckets {
  private readonly lanes = new Map<string, Map<number, Acc>>()
  private cellCount = 0

  constructor(
    readonly from: number,
    public bucketMs: number,
    public buckets: number,
  ) {}

  get cells(): number {
    return this.cellCount
  }

  add(m: TimelineInput): void {
    const b = Math.min(
      this.buckets - 1,
      Math.max(0, Math.floor((m.first - this.from) / this.bucketMs)),
    )
    let lane = this.lanes.get(m.sessionId)
    if (!lane) {
      lane = new Map()
      this.lanes.set(m.sessionId, lane)
    }
    let acc = lane.get(b)
    if (!acc) {
      acc = {
        n: TIMELINE_KINDS.map(() => 0),
        stations: new Map(),
        at: m.first,
        last: m.last,
        seq: m.count === 1 ? m.seq : undefined,
      }
      lane.set(b, acc)
      this.cellCount++
    } else {
      acc.at = Math.min(acc.at, m.first)
      acc.last = Math.max(acc.last, m.last)
      acc.seq = undefined
    }
    acc.n[KIND_INDEX.get(m.kind)!] += m.count
    if (m.kind === 'tool' && m.station) {
      acc.stations.set(m.station, (acc.stations.get(m.station) ?? 0) + m.count)
    }
  }

  /** Halves the resolution: each pair of buckets becomes one. */
  coarsen(): void {
    this.bucketMs *= 2
    this.buckets = Math.ceil(this.buckets / 2)
    this.cellCount = 0
    for (const [id, lane] of this.lanes) {
      const merged = new Map<number, Acc>()
      for (const [b, acc] of lane) {
        const into = merged.get(b >> 1)
        if (!into) {
          merged.set(b >> 1, acc)
          continue
        }
        for (let i = 0; i < into.n.length; i++) into.n[i] += acc.n[i]
        for (const [s, c] of acc.stations) into.stations.set(s, (into.stations.get(s) ?? 0) + c)
        into.at = Math.min(into.at, acc.at)
        into.last = Math.max(into.last, acc.last)
        into.seq = undefined
      }
      this.lanes.set(id, merged)
      this.cellCount += merged.size
    }
  }

  /** Seqs of the buckets that hold one event alone (whose detail a caller may look up). */
  singleSeqs(): number[] {
    const seqs: number[] = []
    for (const lane of this.lanes.values())
      for (const acc of lane.values()) if (acc.seq !== undefined) seqs.push(acc.seq)
    return seqs
  }

  /** The lanes, in the order sessions were first seen, their cells in time order. */
  lanesOut(
    detail: (seq: number) => TimelineEventDetail | undefined = () => undefined,
  ): TimelineLane[] {
    return [...this.lanes].map(([sessionId, lane]) => ({
      sessionId,
      cells: [...lane]
        .sort((a, b) => a[0] - b[0])
        .map(([b, acc]) => {
          const kind = KIND_PRIORITY.find((k) => acc.n[KIND_INDEX.get(k)!] > 0) ?? 'other'
          const station = kind === 'tool' ? mostFrequent(acc.stations) : undefined
          const event = acc.seq !== undefined ? detail(acc.seq) : undefined
          return {
            b,
            kind,
            ...(station ? { station } : {}),
            n: acc.n,
            at: acc.at,
            last: acc.last,
            ...(event ? { event } : {}),
          }
        }),
    }))
  }
}

function mostFrequent(stations: Map<StationId, number>): StationId | undefined {
  let best: StationId | undefined
  let count = 0
  for (const [s, c] of stations) if (c > count) [best, count] = [s, c]
  return best
}

/** Whether a string names a station (a stored row's column, checked before it is trusted). */
export function isStationId(s: unknown): s is StationId {
  return typeof s === 'string' && (STATION_IDS as readonly string[]).includes(s)
}
