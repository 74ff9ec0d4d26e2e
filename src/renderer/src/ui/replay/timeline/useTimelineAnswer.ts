/**
 * Asks the shown source (the store through the core, or an opened file) for the timeline of the
 * window, a little after it stops moving. The window asked for is one and a half times the
 * visible one (a quarter of a width on each side) and aligned to its buckets, so a short drag
 * shows marks at once and a pan at a fixed zoom asks for the same buckets again rather than
 * shifted ones.
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
/** The window asked for, in widths of the visible one. */
const ASKED_WIDTHS = 1.5

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
      Math.min(MAX_TIMELINE_BUCKETS, Math.round(ASKED_WIDTHS * trackPx * BUCKETS_PER_PX)),
    )
    const bucketMs = (ASKED_WIDTHS * length) / buckets
    const from = Math.floor((win.from - ((ASKED_WIDTHS - 1) / 2) * length) / bucketMs) * bucketMs
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
