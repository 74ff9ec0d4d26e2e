/**
 * Asks the shown source (the store through the core, or an opened file) for the timeline of the
 * window, a little after it stops moving. The window asked for is three times the visible one
 * (half a width on each side) and aligned to its buckets, so a drag shows marks at once and a
 * pan at a fixed zoom asks for the same buckets again rather than shifted ones.
 */
import { useEffect, useRef, useState } from 'react'
import { MAX_TIMELINE_BUCKETS, type TimelineAnswer } from '@shared/contract/replay'
import type { ReplaySource } from '../replay-source'
import type { TimelineWindow } from './timeline-view'

/** Quiet time after the window last moved before it is asked for. */
export const TIMELINE_ASK_DELAY_MS = 60
/** A partial answer (the core's index still catching up) is asked for again after this. */
export const TIMELINE_RETRY_MS = 1_000
/** Buckets per pixel of the track. */
const BUCKETS_PER_PX = 1

export function useTimelineAnswer(
  source: ReplaySource,
  win: TimelineWindow | null,
  trackPx: number,
  /** Changes when the history may have grown (live), to ask again. */
  refresh: number,
): { answer: TimelineAnswer | null; error: string | null } {
  const [answer, setAnswer] = useState<TimelineAnswer | null>(null)
  const [error, setError] = useState<string | null>(null)
  const asked = useRef(0)
  const [retry, setRetry] = useState(0)

  useEffect(() => {
    if (!win) return
    const length = win.to - win.from
    const buckets = Math.max(
      1,
      Math.min(MAX_TIMELINE_BUCKETS, Math.round(3 * trackPx * BUCKETS_PER_PX)),
    )
    const bucketMs = (3 * length) / buckets
    const from = Math.floor((win.from - length) / bucketMs) * bucketMs
    const to = from + buckets * bucketMs
    const mine = ++asked.current
    const timer = window.setTimeout(() => {
      source.timeline(from, to, buckets).then(
        (a) => {
          if (asked.current !== mine) return
          setAnswer(a)
          setError(null)
          if (!a.complete) window.setTimeout(() => setRetry((r) => r + 1), TIMELINE_RETRY_MS)
        },
        (err: unknown) => {
          if (asked.current === mine) setError((err as Error).message)
        },
      )
    }, TIMELINE_ASK_DELAY_MS)
    return () => window.clearTimeout(timer)
  }, [source, win, trackPx, refresh, retry])

  return { answer, error }
}
