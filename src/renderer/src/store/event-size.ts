/**
 * What an event holds in memory, roughly: the characters of its strings and keys. Most of an
 * event's weight is tool input and output text, which the core caps per field but not per event,
 * so the feed's window is bounded by this as well as by a count.
 */
import type { CanonicalEvent } from '@shared/events'

/** Characters counted for a number, boolean or null (about its size on the heap). */
const SCALAR_CHARS = 8

/** Computed once per event: the window adds it when the event arrives and drops it when it leaves. */
const sizes = new WeakMap<CanonicalEvent, number>()

function textChars(value: unknown): number {
  let total = 0
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const v = stack.pop()
    if (typeof v === 'string') total += v.length
    else if (Array.isArray(v)) for (const item of v) stack.push(item)
    else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        total += key.length
        stack.push(item)
      }
    } else total += SCALAR_CHARS
  }
  return total
}

export function eventTextChars(event: CanonicalEvent): number {
  let size = sizes.get(event)
  if (size === undefined) {
    size = textChars(event)
    sizes.set(event, size)
  }
  return size
}

export function totalTextChars(events: readonly CanonicalEvent[]): number {
  let total = 0
  for (const e of events) total += eventTextChars(e)
  return total
}
