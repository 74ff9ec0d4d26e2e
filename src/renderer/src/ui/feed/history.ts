/**
 * Paging the feed through stored history: older pages when the user scrolls up, and the page
 * around a search hit that is not in memory.
 */
import type { CanonicalEvent } from '@shared/events'
import { INITIAL_EVENT_PAGE } from '../../store/sync'
import { core } from '../../transport'
import { useAppStore } from '../../store'
import { attempt } from '../commands'

/** Events fetched per "load older" page. */
export const OLDER_PAGE_SIZE = 500
/** A hit at most this many events older than memory is loaded contiguously; further back, as a window. */
export const MAX_CONTIGUOUS_GAP = 5_000
/** Events loaded on each side of a far-away search hit. */
const HIT_WINDOW_HALF = 200

const store = useAppStore.getState

/** An opened replay file fills the feed: this machine's stored history must not mix into it. */
const showingFile = () => store().replay?.file != null

function oldestSeq(
  events: readonly CanonicalEvent[],
  sessionId: string | null,
): number | undefined {
  for (const e of events) {
    if (e.seq === undefined) continue
    if (!sessionId || e.sessionId === sessionId) return e.seq
  }
  return undefined
}

/** Loads one older page; resolves to whether more remain. */
export async function loadOlder(sessionId: string | null): Promise<boolean> {
  if (showingFile()) return false
  const before = oldestSeq(store().events, sessionId) ?? oldestSeq(store().events, null)
  if (before === undefined) return false
  const page = await attempt('Could not load older events', () =>
    core().invoke('events.list', {
      before,
      limit: OLDER_PAGE_SIZE,
      ...(sessionId ? { sessionId } : {}),
    }),
  )
  if (!page) return false
  store().mergeEvents(page.events)
  return page.hasMore
}

/** Makes sure `event` is in memory, then asks the feed to scroll to it and highlight it. */
export async function jumpToEvent(event: CanonicalEvent): Promise<void> {
  const s = store()
  if (showingFile()) {
    s.toast('info', "Search covers this machine's history: back to live to open a result")
    return
  }
  if (s.feedFilter && s.feedFilter !== event.sessionId) s.setFeedFilter(null)
  if (!s.eventIds.has(event.id) && event.seq !== undefined) {
    const oldest = oldestSeq(s.events, null)
    if (oldest !== undefined && oldest - event.seq <= MAX_CONTIGUOUS_GAP) {
      const page = await attempt('Could not load that event', () =>
        core().invoke('events.list', {
          before: oldest,
          limit: Math.min(5000, oldest - event.seq! + 20),
        }),
      )
      if (!page) return
      store().mergeEvents(page.events)
    } else {
      const page = await attempt('Could not load that event', () =>
        core().invoke('events.list', {
          before: event.seq! + HIT_WINDOW_HALF,
          limit: HIT_WINDOW_HALF * 2,
        }),
      )
      if (!page) return
      store().replaceEvents([...page.events].reverse())
      store().setFeedHistoryMode(true)
    }
  }
  if (!store().eventIds.has(event.id)) store().mergeEvents([event])
  store().focusEvent(event.id)
}

/** Leaves a far-back history window and shows the latest events again. */
export async function backToLatest(): Promise<void> {
  const page = await attempt('Could not load the latest events', () =>
    core().invoke('events.list', { limit: INITIAL_EVENT_PAGE }),
  )
  if (!page) return
  store().replaceEvents([...page.events].reverse())
  store().setFeedHistoryMode(false)
}
