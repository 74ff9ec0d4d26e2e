import type { Session } from '@shared/sessions'

/** Display order: the server's `order`, then creation time (stable for equal orders). */
export function orderedSessions(sessions: readonly Session[]): Session[] {
  return [...sessions].sort((a, b) => a.order - b.order || a.createdAt - b.createdAt)
}

/** Returns ids with `id` moved by `delta` places (clamped), for sessions.reorder. */
export function moveId(ids: readonly string[], id: string, delta: number): string[] {
  const from = ids.indexOf(id)
  if (from < 0) return [...ids]
  const to = Math.max(0, Math.min(ids.length - 1, from + delta))
  const next = [...ids]
  next.splice(from, 1)
  next.splice(to, 0, id)
  return next
}
