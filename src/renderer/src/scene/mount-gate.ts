/**
 * Lets new zones into the scene a few at a time, each batch only after the browser has painted
 * the previous frame: the event that created a session reaches the feed (and is painted) first,
 * and building the zone — its React tree, its GPU buffers — happens in the frames after.
 */
import { useEffect, useMemo, useState } from 'react'

/** A burst of new zones (a reload, a bench) is let in within about this many frames. */
const SPREAD_OVER_FRAMES = 8

export function admitBatch(waiting: number): number {
  return Math.max(1, Math.ceil(waiting / SPREAD_OVER_FRAMES))
}

/** The subset of `ids` admitted so far (in their order). */
export function useMountGate(ids: readonly string[]): readonly string[] {
  const [admitted, setAdmitted] = useState<ReadonlySet<string>>(() => new Set())
  const waiting = useMemo(() => ids.filter((id) => !admitted.has(id)), [ids, admitted])
  const stale = admitted.size + waiting.length > ids.length

  useEffect(() => {
    if (waiting.length === 0 && !stale) return
    let timer: ReturnType<typeof setTimeout> | undefined
    // rAF runs just before the next paint; a task queued from it runs after that paint.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        const current = new Set(ids)
        setAdmitted((prev) => {
          const next = new Set([...prev].filter((id) => current.has(id)))
          for (const id of waiting.slice(0, admitBatch(waiting.length))) next.add(id)
          return next
        })
      }, 0)
    })
    return () => {
      cancelAnimationFrame(frame)
      if (timer) clearTimeout(timer)
    }
  }, [ids, waiting, stale])

  return useMemo(() => ids.filter((id) => admitted.has(id)), [ids, admitted])
}
