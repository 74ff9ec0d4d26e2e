/**
 * The events the feed shows. While a replay plays at FAST_REPLAY_SPEED or faster, new events
 * reach the feed at most every FAST_REPLAY_FEED_MS: rows then pass faster than anyone reads
 * them, and building, measuring and laying out the list on every replay step (ten a second, each
 * with dozens of events at 64×) would take the workshop half its frames. Live, paused, stepping
 * or at a slow speed, the feed follows every change at once.
 */
import { useEffect, useState } from 'react'
import type { CanonicalEvent } from '@shared/events'
import { useAppStore } from '../../store'

export const FAST_REPLAY_SPEED = 16
export const FAST_REPLAY_FEED_MS = 500
const NEVER = Number.NEGATIVE_INFINITY

export function usePacedFeedEvents(): CanonicalEvent[] {
  const events = useAppStore((s) => s.events)
  const fast = useAppStore((s) => s.replay?.playing === true && s.replay.speed >= FAST_REPLAY_SPEED)
  // `at`: when the shown events were taken (never: the next change is taken at once).
  const [paced, setPaced] = useState({ events, fast, at: NEVER })
  // Entering or leaving fast play starts from what is stored now (state adjusted in render).
  if (paced.fast !== fast) setPaced({ events, fast, at: NEVER })
  useEffect(() => {
    if (!fast || paced.events === events) return
    const wait = FAST_REPLAY_FEED_MS - (performance.now() - paced.at)
    const timer = window.setTimeout(
      () => setPaced({ events, fast: true, at: performance.now() }),
      Math.max(0, wait),
    )
    return () => window.clearTimeout(timer)
  }, [events, fast, paced])
  return fast ? paced.events : events
}
