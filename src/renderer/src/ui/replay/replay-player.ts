/**
 * Plays history forward from the replay clock: pages of events fetched ahead, applied as the
 * clock passes them, at 1×–64×; "skip idle" jumps over silent stretches; step applies one event.
 * Seeking asks the source for the fleet at the instant: the core (rebuilt from its checkpoints)
 * for this machine's history, the opened file's frames for an imported one (replay-source.ts).
 */
import type { ImportedReplay } from '@shared/contract/replay'
import type { CanonicalEvent } from '@shared/events'
import { useAppStore } from '../../store'
import { eventBus } from '../../store/event-bus'
import { importedFile, storedHistory, type ReplaySource } from './replay-source'

/** How often the clock advances while playing. */
export const REPLAY_FRAME_MS = 100
/**
 * The most wall time one step of the clock may cover. A step covers the time since the last one,
 * so a page busy drawing a fast replay still plays at the chosen speed; after a stall (a hidden
 * window) playback resumes instead of leaping ahead.
 */
const MAX_STEP_WALL_MS = 1_000
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

/** The opened file's source, built once per file (it indexes the file's frames). */
let fileSource: { file: ImportedReplay; source: ReplaySource } | null = null

function sourceFor(file: ImportedReplay | null | undefined): ReplaySource {
  if (!file) return storedHistory
  if (fileSource?.file !== file) fileSource = { file, source: importedFile(file) }
  return fileSource.source
}

/** What is shown now: the opened file while one is replayed, else this machine's history. */
export function shownSource(): ReplaySource {
  return sourceFor(useAppStore.getState().replay?.file)
}

function fetchAhead(): Promise<void> {
  const replay = useAppStore.getState().replay
  if (!replay || !ahead.hasMore) return Promise.resolve()
  if (ahead.loading) return ahead.loading
  const mine = ahead
  mine.loading = sourceFor(replay.file)
    .events(mine.afterSeq, replay.span.lastTs, PAGE_EVENTS)
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

/** Enters replay of this machine's history at `at` (or moves there when already replaying). */
export async function seekReplay(at: number): Promise<void> {
  const store = useAppStore.getState()
  const source = sourceFor(store.replay?.file)
  const span = store.replay?.span ?? (await source.span())
  if (!span) {
    store.toast('info', 'Nothing recorded yet to replay')
    return
  }
  const clamped = Math.min(Math.max(at, span.firstTs), span.lastTs)
  const fleet = await source.stateAt(clamped)
  ahead = { events: [], afterSeq: fleet.seq, hasMore: true, loading: null }
  if (useAppStore.getState().replay) useAppStore.getState().seekReplay(fleet)
  else useAppStore.getState().enterReplay(span, fleet)
}

/**
 * Replays an opened export file from its first instant, read-only: whatever was shown before
 * (live, or this machine's replay) is left first, so the file never mixes with it.
 */
export async function enterFileReplay(file: ImportedReplay): Promise<void> {
  if (useAppStore.getState().replay) leaveReplay()
  // Just before its first instant: an event at the very start plays too, in the feed.
  const fleet = await sourceFor(file).stateAt(file.span.firstTs - 1)
  ahead = { events: [], afterSeq: fleet.seq, hasMore: true, loading: null }
  useAppStore.getState().enterReplay(file.span, fleet, file)
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

/**
 * Plays until the returned function is called: every REPLAY_FRAME_MS the clock advances by the
 * wall time since the last step at the chosen speed. A step still applying when the next is due
 * is not overtaken; the next one covers the time it took.
 */
export function startPlayback(): () => void {
  let busy = false
  let last = performance.now()
  const timer = window.setInterval(() => {
    if (busy) return
    busy = true
    const now = performance.now()
    const wallMs = Math.min(now - last, MAX_STEP_WALL_MS)
    last = now
    void replayFrame(wallMs).finally(() => {
      busy = false
    })
  }, REPLAY_FRAME_MS)
  return () => window.clearInterval(timer)
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

/**
 * Jumps to an event the timeline points at: the fleet just before it, then the event itself
 * applied alone, paused — so the scene shows the state right after it and the feed starts with
 * it. Live, this enters replay at that instant (the live feed holds only recent events; the past
 * is what replay shows, and Back to live returns with nothing lost).
 */
export async function jumpToEvent(at: number): Promise<void> {
  const store = useAppStore.getState()
  if (store.replay) store.setReplayControls({ playing: false })
  await seekReplay(at - 1)
  await stepReplay()
}

/** Back to live: the live events held meanwhile reach the scene too. */
export function leaveReplay(): void {
  ahead = { events: [], afterSeq: 0, hasMore: true, loading: null }
  fileSource = null
  const held = useAppStore.getState().leaveReplay()
  if (held.length > 0) eventBus.emit(held)
}
