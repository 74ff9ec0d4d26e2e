/**
 * The top bar's running total: what all sessions used today (tokens, cost), beside the quota chip
 * when that shows a rate-limit window. Without a window the chip itself says today's figures, so
 * this stays away rather than say them twice.
 */
import { useAppStore } from '../../store'
import { formatCost } from '../common/format'
import { tokensLabel } from './fleet-format'

export function FleetTotals() {
  const today = useAppStore((s) => s.usage?.today)
  const chipSaysToday = useAppStore((s) => (s.usage?.quota.windows.length ?? 0) === 0)
  if (chipSaysToday || !today || (today.tokens === 0 && today.costUsd === 0)) return null
  return (
    <span className="totals" title="All sessions, today" data-testid="fleet-totals">
      Today {tokensLabel(today.tokens)} · {formatCost(today.costUsd)}
    </span>
  )
}
