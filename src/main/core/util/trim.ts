/**
 * Bounds the size of arbitrary JSON (tool inputs/outputs) kept per event. A string cut short
 * ends with a marker carrying its full size (shared/truncation.ts), which the feed shows.
 */
import { truncationMarker } from '@shared/truncation'

function cut(text: string, keep: number): string {
  return text.slice(0, keep) + truncationMarker(Buffer.byteLength(text, 'utf8'))
}

/** Returns a copy of `value` whose strings together stay within about `budgetChars`. */
export function trimJson(value: unknown, budgetChars: number): unknown {
  let remaining = budgetChars
  const MAX_DEPTH = 8
  const MAX_KEYS = 200
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') {
      if (v.length <= remaining) {
        remaining -= v.length
        return v
      }
      const keep = Math.max(0, remaining)
      remaining = 0
      return cut(v, keep)
    }
    if (v === null || typeof v !== 'object') return v
    if (depth >= MAX_DEPTH) return '[nested too deep]'
    if (Array.isArray(v)) {
      const out: unknown[] = []
      for (const item of v.slice(0, MAX_KEYS)) out.push(walk(item, depth + 1))
      if (v.length > MAX_KEYS) out.push(`[${v.length - MAX_KEYS} more items]`)
      return out
    }
    const out: Record<string, unknown> = {}
    let n = 0
    for (const [k, item] of Object.entries(v)) {
      if (n++ >= MAX_KEYS) break
      out[k] = walk(item, depth + 1)
    }
    return out
  }
  return walk(value, 0)
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : cut(text, max)
}
