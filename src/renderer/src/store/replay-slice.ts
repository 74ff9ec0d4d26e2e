/**
 * Replay mode in the store. While it is on, the session list, the feed and the scene show the
 * replay clock's instant; live pushes are held back (not lost) and applied on leaving, so the
 * live view catches up at once. An opened export file replays the same way, with its own
 * sessions in place of this machine's: nothing of it reaches the live lists.
 */
import type { FleetAt, HistorySpan, ImportedReplay } from '@shared/contract/replay'
import type { CanonicalEvent } from '@shared/events'
import type { Session } from '@shared/sessions'
import {
  advanceFleet,
  applyFileFrames,
  fleetFromSnapshot,
  sessionsAt,
  type ReplayFleet,
} from './replay-model'

export const REPLAY_SPEEDS = [1, 4, 16, 64] as const
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number]

export interface ReplayView {
  span: HistorySpan
  /** The replay clock (ms since the epoch). */
  clock: number
  /** Every stored event up to this seq is in `fleet`; playing goes on from the next one. */
  seq: number
  speed: ReplaySpeed
  playing: boolean
  /** Jump over stretches without events instead of waiting through them. */
  skipIdle: boolean
  fleet: ReplayFleet
  /** The newest live session list (pushed while replaying, or the one left behind). */
  liveSessions: Session[]
  /** The live feed as it was on entering, then the live events pushed since. */
  liveEvents: CanonicalEvent[]
  heldEvents: CanonicalEvent[]
  /** An opened export file being replayed (read-only); null: this machine's history. */
  file: ImportedReplay | null
}

export interface ReplaySlice {
  replay: ReplayView | null
  /** Enters replay of this machine's history, or of an opened file (`file`). */
  enterReplay(span: HistorySpan, at: FleetAt, file?: ImportedReplay): void
  /** Seeks: the fleet as the core rebuilt it at an instant; the feed starts over from there. */
  seekReplay(at: FleetAt): void
  /** Plays forward: events the clock reached (in seq order), then where the clock stands. */
  playReplay(events: readonly CanonicalEvent[], clock: number): void
  setReplayControls(patch: Partial<Pick<ReplayView, 'speed' | 'playing' | 'skipIdle'>>): void
  /** Live pushes that arrive while replaying. */
  holdLiveSessions(sessions: Session[]): void
  holdLiveEvents(events: CanonicalEvent[]): void
  /** Back to live; answers the live events held meanwhile (for the scene to catch up). */
  leaveReplay(): CanonicalEvent[]
}

interface StoreLike {
  sessions: Session[]
  events: CanonicalEvent[]
  replaceEvents(events: CanonicalEvent[]): void
  addEvents(events: CanonicalEvent[]): void
  setSessions(sessions: Session[]): void
}

type Set = (
  partial: Partial<ReplaySlice & { sessions: Session[]; feedFilter: string | null }>,
) => void
type Get = () => ReplaySlice & StoreLike

export function createReplaySlice(set: Set, get: Get): ReplaySlice {
  const kindOf = (live: Session[]) => (id: string) =>
    live.find((s) => s.id === id)?.kind ?? 'managed'
  /** The sessions the replay shows: the file's, or this machine's. */
  const shown = (r: ReplayView) => r.file?.sessions ?? r.liveSessions
  return {
    replay: null,
    enterReplay: (span, at, file) => {
      const { sessions, events, replay } = get()
      if (replay) return get().seekReplay(at)
      const fleet = fleetFromSnapshot(at)
      set({
        replay: {
          span,
          clock: at.at,
          seq: at.seq,
          speed: 1,
          playing: false,
          skipIdle: false,
          fleet,
          liveSessions: sessions,
          liveEvents: events,
          heldEvents: [],
          file: file ?? null,
        },
        sessions: sessionsAt(file?.sessions ?? sessions, fleet),
        // A filter names a live session: the file's feed would show nothing under it.
        ...(file ? { feedFilter: null } : {}),
      })
      get().replaceEvents([])
    },
    seekReplay: (at) => {
      const { replay } = get()
      if (!replay) return
      const fleet = fleetFromSnapshot(at)
      set({
        replay: { ...replay, clock: at.at, seq: at.seq, fleet },
        sessions: sessionsAt(shown(replay), fleet),
      })
      get().replaceEvents([])
    },
    playReplay: (events, clock) => {
      const { replay } = get()
      if (!replay) return
      const fresh = events.filter((e) => (e.seq ?? 0) > replay.seq)
      // A file gives each event's resulting state; this machine's history is folded here.
      const fleet =
        fresh.length === 0
          ? replay.fleet
          : replay.file
            ? applyFileFrames(replay.fleet, fresh, replay.file)
            : advanceFleet(replay.fleet, fresh, kindOf(replay.liveSessions))
      const seq = fresh.length > 0 ? (fresh[fresh.length - 1].seq ?? replay.seq) : replay.seq
      set({
        replay: { ...replay, clock, seq, fleet },
        ...(fresh.length > 0 ? { sessions: sessionsAt(shown(replay), fleet) } : {}),
      })
      if (fresh.length > 0) get().addEvents(fresh)
    },
    setReplayControls: (patch) => {
      const { replay } = get()
      if (replay) set({ replay: { ...replay, ...patch } })
    },
    holdLiveSessions: (sessions) => {
      const { replay } = get()
      if (!replay) return get().setSessions(sessions)
      const next = { ...replay, liveSessions: sessions }
      // An opened file shows its own sessions whatever this machine's do meanwhile.
      set({
        replay: next,
        ...(replay.file ? {} : { sessions: sessionsAt(shown(next), next.fleet) }),
      })
    },
    holdLiveEvents: (events) => {
      const { replay } = get()
      if (!replay) return get().addEvents(events)
      set({ replay: { ...replay, heldEvents: replay.heldEvents.concat(events) } })
    },
    leaveReplay: () => {
      const { replay } = get()
      if (!replay) return []
      set({ replay: null })
      get().setSessions(replay.liveSessions)
      get().replaceEvents(replay.liveEvents)
      get().addEvents(replay.heldEvents)
      return replay.heldEvents
    },
  }
}
