/**
 * Plays the stored history forward from the replay clock: pages of events fetched ahead, applied
 * as the clock passes them, at 1×–64×; "skip idle" jumps over silent stretches; step applies one
 * event. Seeking asks the core for the fleet at the instant (rebuilt from its checkpoints).
 */
import type { CanonicalEvent } from '@shared/events'
import { core } from '../../transport'
import { useAppStore } from '../../store'
import { eventBus } from '../../store/event-bus'

/** How often the clock advances while playing. */
export const REPLAY_FRAME_MS = 100
/** With "skip idle", a gap longer than this (history time) is jumped over. */
export const SKIP_IDLE_GAP_MS = 5_000
/** Events fetched ahead of the clock per page. */
const PAGE_EVENTS = 500

interface Ahead {
  events: CanonicalEvent[]
  afterSeq: number
  hasMore: boolean
  loading: Promise<void> | null
}

let ahead: Ahead = { events: [], afterSeq: 0, hasMore: true, loading: null }

function fetchAhead(): Promise<void> {
  const replay = useAppStore.getState().replay
  if (!replay || !ahead.hasMore) return Promise.resolve()
  if (ahead.loading) return ahead.loading
  const mine = ahead
  mine.loading = core()
    .invoke('replay.events', {
      afterSeq: mine.afterSeq,
      to: replay.span.lastTs,
      limit: PAGE_EVENTS,
    })
    .then((page) => {
      if (ahead !== mine) return
      mine.events.push(...page.events)
      mine.afterSeq = page.nextSeq
      mine.hasMore = page.hasMore
    })
    .finally(() => {
      mine.loading = null
    })
  return mine.loading
}

function apply(events: CanonicalEvent[], clock: number): void {
  useAppStore.getState().playReplay(events, clock)
  if (events.length > 0) eventBus.emit(events)
}

/** Enters replay at `at` (or moves there when already replaying). */
export async function seekReplay(at: number): Promise<void> {
  const api = core()
  const store = useAppStore.getState()
  const span = store.replay?.span ?? (await api.invoke('replay.span', {})).span
  if (!span) {
    store.toast('info', 'Nothing recorded yet to replay')
    return
  }
  const clamped = Math.min(Math.max(at, span.firstTs), span.lastTs)
  const fleet = await api.invoke('replay.stateAt', { at: clamped })
  ahead = { events: [], afterSeq: fleet.seq, hasMore: true, loading: null }
  if (useAppStore.getState().replay) useAppStore.getState().seekReplay(fleet)
  else useAppStore.getState().enterReplay(span, fleet)
}

/** Advances the clock by one frame of wall time at the chosen speed. */
export async function replayFrame(wallMs = REPLAY_FRAME_MS): Promise<void> {
  const replay = useAppStore.getState().replay
  if (!replay?.playing) return
  if (ahead.events.length < PAGE_EVENTS / 2) await fetchAhead()
  let clock = replay.clock + wallMs * replay.speed
  const next = ahead.events[0]
  if (replay.skipIdle && next && next.ts - replay.clock > SKIP_IDLE_GAP_MS) clock = next.ts
  const due: CanonicalEvent[] = []
  while (ahead.events.length > 0 && ahead.events[0].ts <= clock) due.push(ahead.events.shift()!)
  const atEnd = ahead.events.length === 0 && !ahead.hasMore
  apply(due, atEnd ? Math.min(clock, replay.span.lastTs) : clock)
  if (atEnd && clock >= replay.span.lastTs)
    useAppStore.getState().setReplayControls({ playing: false })
}

/** Applies the next event alone and stops there (paused). */
export async function stepReplay(): Promise<void> {
  const store = useAppStore.getState()
  if (!store.replay) return
  store.setReplayControls({ playing: false })
  if (ahead.events.length === 0) await fetchAhead()
  const next = ahead.events.shift()
  if (next) apply([next], Math.max(next.ts, store.replay.clock))
}

/** Back to live: the live events held meanwhile reach the scene too. */
export function leaveReplay(): void {
  ahead = { events: [], afterSeq: 0, hasMore: true, loading: null }
  const held = useAppStore.getState().leaveReplay()
  if (held.length > 0) eventBus.emit(held)
}
