/**
 * Lets React components follow a few slow-changing values of a zone's simulation (its subagents,
 * why it asks for attention, its station contexts) without re-rendering on every event: after
 * each event batch the scene calls notifyZoneChanges(), and each subscriber re-renders only when
 * the value it selects changed.
 */
import { useSyncExternalStore } from 'react'
import { workshopSim } from './world-sim'
import type { ZoneSim } from './zone-sim'

const listeners = new Set<() => void>()

function subscribe(cb: () => void): () => void {
  listeners.add(cb)
  return () => listeners.delete(cb)
}

/** Called by the scene after each event batch and after status reconciliation. */
export function notifyZoneChanges(): void {
  for (const cb of listeners) cb()
}

/**
 * A primitive value selected from a session's zone simulation (compared with Object.is);
 * `fallback` while the zone has none yet.
 */
export function useZoneValue<T extends string | number | boolean | null>(
  sessionId: string,
  select: (z: ZoneSim) => T,
  fallback: T,
): T {
  return useSyncExternalStore(subscribe, () => {
    const zone = workshopSim.zones.get(sessionId)
    return zone ? select(zone) : fallback
  })
}
