/** Display formats shared by the feed, the cards and the dialogs. */

export function timeOfDay(ts: number): string {
  return new Date(ts).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
}

/** Under this, "just now" (the original's threshold). */
const JUST_NOW_MS = 30_000

/** "just now", "45s ago", "12m ago", "3h ago", "2d ago". */
export function timeAgo(ts: number, now = Date.now()): string {
  const ms = Math.max(0, now - ts)
  if (ms < JUST_NOW_MS) return 'just now'
  const s = Math.floor(ms / 1000)
  if (s < 60) return `${s}s ago`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m ago`
  const h = Math.floor(m / 60)
  if (h < 24) return `${h}h ago`
  return `${Math.floor(h / 24)}d ago`
}

/** 950 → "950", 12_345 → "12.3k", 2_500_000 → "2.5M". */
export function compactNumber(n: number): string {
  if (n < 1000) return String(Math.round(n))
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`
  return `${(n / 1_000_000).toFixed(1)}M`
}

export function formatCost(usd: number): string {
  return usd < 0.01 && usd > 0 ? '<$0.01' : `$${usd.toFixed(2)}`
}

/** "/home/ana/src/app" → "~/src/app". */
export function tildePath(path: string): string {
  return path.replace(/^\/(home|Users)\/[^/]+/, '~')
}
