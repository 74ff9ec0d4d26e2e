/** Small display helpers for the git panel. */

const SHORT_HASH_LENGTH = 7
const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS

export function shortHash(hash: string): string {
  return hash.slice(0, SHORT_HASH_LENGTH)
}

/** "just now", "5 min ago", "3 h ago", "2 d ago". */
export function relativeAge(timeMs: number, nowMs: number): string {
  const age = Math.max(0, nowMs - timeMs)
  if (age < MINUTE_MS) return 'just now'
  if (age < HOUR_MS) return `${Math.floor(age / MINUTE_MS)} min ago`
  if (age < DAY_MS) return `${Math.floor(age / HOUR_MS)} h ago`
  return `${Math.floor(age / DAY_MS)} d ago`
}

/** Splits `src/a/b.ts` into `src/a/` and `b.ts` so the name can stand out. */
export function splitPath(path: string): { dir: string; name: string } {
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path
  const slash = trimmed.lastIndexOf('/')
  const suffix = path.endsWith('/') ? '/' : ''
  return { dir: trimmed.slice(0, slash + 1), name: trimmed.slice(slash + 1) + suffix }
}
