/** How the fleet view writes durations, countdowns, tokens and rates. */
import type { TokenCounts, UsageFigures } from '@shared/usage'
import { totalTokens } from '@shared/usage'
import { compactNumber, formatCost } from '../common/format'

/** 4_530_000 → "1:15:30", 90_000 → "1:30": a countdown that ticks. */
export function countdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const two = (n: number) => String(n).padStart(2, '0')
  return h > 0 ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`
}

/** 4_200_000 → "1h 10m", 300_000 → "5m", 2.5 days → "2d 12h". */
export function duration(ms: number): string {
  const m = Math.max(0, Math.round(ms / 60_000))
  if (m < 60) return `${m}m`
  const h = Math.floor(m / 60)
  if (h < 24) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`
  return h % 24 ? `${Math.floor(h / 24)}d ${h % 24}h` : `${Math.floor(h / 24)}d`
}

/** "12.3k tok". */
export function tokensLabel(t: TokenCounts | number): string {
  return `${compactNumber(typeof t === 'number' ? t : totalTokens(t))} tok`
}

/** "$0.42", "≈$0.42" for an estimate. */
export function costLabel(u: Pick<UsageFigures, 'costUsd' | 'costEstimated'>): string {
  return `${u.costEstimated ? '≈' : ''}${formatCost(u.costUsd)}`
}

/** The hover text of a token count: each kind on its own. */
export function tokensTitle(t: TokenCounts): string {
  return `${t.input.toLocaleString()} in · ${t.output.toLocaleString()} out · ${t.cacheWrite.toLocaleString()} cache write · ${t.cacheRead.toLocaleString()} cache read`
}

/** A share of usage in one figure: its cost where one is known, else its tokens. */
export function usageFigureLabel(u: UsageFigures): string {
  return u.costUsd > 0 ? costLabel(u) : tokensLabel(u.tokens)
}
