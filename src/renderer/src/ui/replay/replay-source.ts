/**
 * Where the replay player and the timeline read history from: this machine's store (through the
 * core), or an exported file opened read-only (replay.import answered it whole; it lives in the
 * window only). Both answer the same four questions, so one player and one timeline show either.
 */
import {
  MAX_TIMELINE_CELLS,
  type FleetAt,
  type HistorySpan,
  type ImportedReplay,
  type TimelineAnswer,
} from '@shared/contract/replay'
import type { CanonicalEvent } from '@shared/events'
import { eventDetail, timelineMark, TimelineBuckets } from '@shared/timeline'
import { core } from '../../transport'

export interface ReplayPage {
  events: CanonicalEvent[]
  hasMore: boolean
  nextSeq: number
}

export interface ReplaySource {
  span(): Promise<HistorySpan | null>
  /** The fleet at an instant and the seq it includes. */
  stateAt(at: number): Promise<FleetAt>
  /** Events after `afterSeq` up to the instant `to`, in seq order, at most `limit`. */
  events(afterSeq: number, to: number, limit: number): Promise<ReplayPage>
  /** The timeline of a window, `buckets` wide, one lane per session (src/shared/timeline.ts). */
  timeline(from: number, to: number, buckets: number): Promise<TimelineAnswer>
}

export const storedHistory: ReplaySource = {
  span: async () => (await core().invoke('replay.span', {})).span,
  timeline: (from, to, buckets) => core().invoke('replay.timeline', { from, to, buckets }),
  stateAt: (at) => core().invoke('replay.stateAt', { at }),
  events: (afterSeq, to, limit) => core().invoke('replay.events', { afterSeq, to, limit }),
}

/** Index of the first frame after `at` (frames are in time order): the count at or before it. */
function framesUpTo(file: ImportedReplay, at: number): number {
  let lo = 0
  let hi = file.frames.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (file.frames[mid].event.ts <= at) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Index of the first frame at or after `at`: the count of frames before it. */
function framesBefore(file: ImportedReplay, at: number): number {
  let lo = 0
  let hi = file.frames.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (file.frames[mid].event.ts < at) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The timeline of an opened file's window, built here from its frames with the same buckets the
 * core uses for the store (a file holds at most about 100,000 events, all in the window's memory
 * already). Every event is placed at its own time; a file carries no commits.
 */
export function fileTimeline(
  file: ImportedReplay,
  from: number,
  to: number,
  buckets: number,
): TimelineAnswer {
  const span = to - from
  const bucketMs = Math.max(1, span / buckets)
  const grid = new TimelineBuckets(from, bucketMs, Math.max(1, Math.ceil(span / bucketMs)))
  const end = framesUpTo(file, to)
  for (let i = framesBefore(file, from); i < end; i++) {
    const { event, state } = file.frames[i]
    const mark = timelineMark(event)
    grid.add({
      sessionId: state.sessionId,
      first: event.ts,
      last: event.ts,
      kind: mark.kind,
      ...(mark.station ? { station: mark.station } : {}),
      count: 1,
      // A frame's seq is its place in the file, from 1.
      seq: i + 1,
    })
  }
  while (grid.cells > MAX_TIMELINE_CELLS) grid.coarsen()
  const names = new Map(file.sessions.map((s) => [s.id, s.name]))
  return {
    from,
    bucketMs: grid.bucketMs,
    buckets: grid.buckets,
    resolution: 'events',
    complete: true,
    lanes: grid
      .lanesOut((seq) => eventDetail(file.frames[seq - 1].event))
      .map((lane) => ({ ...lane, name: names.get(lane.sessionId) })),
    commits: [],
  }
}

/**
 * An opened file as a source. A seek looks each session's newest frame up by binary search in
 * that session's own frame list, so scrubbing a long file stays cheap.
 */
export function importedFile(file: ImportedReplay): ReplaySource {
  const framesOf = new Map<string, number[]>()
  file.frames.forEach((f, i) => {
    const list = framesOf.get(f.state.sessionId) ?? []
    list.push(i)
    framesOf.set(f.state.sessionId, list)
  })
  const initial = new Map(file.initial.sessions.map((s) => [s.sessionId, s]))
  return {
    span: async () => file.span,
    timeline: async (from, to, buckets) => fileTimeline(file, from, to, buckets),
    stateAt: async (at) => {
      const cut = framesUpTo(file, at)
      const sessions = file.sessions.flatMap((session) => {
        const list = framesOf.get(session.id) ?? []
        // The last of this session's frames below the cut.
        let lo = 0
        let hi = list.length
        while (lo < hi) {
          const mid = (lo + hi) >>> 1
          if (list[mid] < cut) lo = mid + 1
          else hi = mid
        }
        const state = lo > 0 ? file.frames[list[lo - 1]].state : initial.get(session.id)
        return state ? [state] : []
      })
      return { at, seq: cut, sessions }
    },
    events: async (afterSeq, to, limit) => {
      const end = Math.min(framesUpTo(file, to), afterSeq + limit)
      const events = file.frames.slice(afterSeq, end).map((f) => f.event)
      return { events, hasMore: end < framesUpTo(file, to), nextSeq: Math.max(afterSeq, end) }
    },
  }
}
