/**
 * The microphone level (0–1, RMS of the last 50 ms) for the meter. It changes 20 times a second,
 * so it lives outside the store: only the meter subscribes and re-renders.
 */
import { useSyncExternalStore } from 'react'

let level = 0
const listeners = new Set<() => void>()

export function setMicLevel(next: number): void {
  if (next === level) return
  level = next
  for (const l of listeners) l()
}

function subscribe(l: () => void): () => void {
  listeners.add(l)
  return () => listeners.delete(l)
}

export function useMicLevel(): number {
  return useSyncExternalStore(subscribe, () => level)
}
