/**
 * Raw event batches for fast consumers (the 3D scene, sounds): they subscribe here and update
 * their own mutable state in useFrame, instead of re-rendering React for every event.
 */
import type { CanonicalEvent } from '@shared/events'

type Listener = (events: CanonicalEvent[], replay: boolean) => void
const listeners = new Set<Listener>()

export const eventBus = {
  /** `replay` is true for history loaded at start (no sounds, no walk animations). */
  emit(events: CanonicalEvent[], replay = false): void {
    for (const l of listeners) l(events, replay)
  },
  subscribe(l: Listener): () => void {
    listeners.add(l)
    return () => listeners.delete(l)
  },
}
