/**
 * Runs `run` `delayMs` after the last change of `deps` (typing into a search or a path field).
 * `stale()` turns true once a newer run is scheduled or the component is gone, so a late answer
 * is dropped instead of shown.
 */
import { useEffect, type DependencyList } from 'react'

export function useDebouncedEffect(
  run: (stale: () => boolean) => void,
  delayMs: number,
  deps: DependencyList,
): void {
  useEffect(
    () => {
      let stale = false
      const timer = window.setTimeout(() => run(() => stale), delayMs)
      return () => {
        stale = true
        window.clearTimeout(timer)
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what `run` reads
    [...deps, delayMs],
  )
}
