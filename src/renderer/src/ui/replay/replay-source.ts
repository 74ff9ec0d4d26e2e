/**
 * Where the replay player reads history from: this machine's store (through the core), or an
 * exported file opened read-only (replay.import answered it whole; it lives in the window only).
 * Both answer the same three questions, so one player plays either.
 */
import type { FleetAt, HistorySpan, ImportedReplay } from '@shared/contract/replay'
import type { CanonicalEvent } from '@shared/events'
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
}

export const storedHistory: ReplaySource = {
  span: async () => (await core().invoke('replay.span', {})).span,
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
