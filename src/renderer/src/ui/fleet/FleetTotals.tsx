/** The top bar's running total: what all sessions used today (tokens, cost). */
import { useAppStore } from '../../store'
import { formatCost } from '../common/format'
import { tokensLabel } from './fleet-format'

export function FleetTotals() {
  const today = useAppStore((s) => s.usage?.today)
  if (!today || (today.tokens === 0 && today.costUsd === 0)) return null
  return (
    <span className="totals" title="All sessions, today" data-testid="fleet-totals">
      Today {tokensLabel(today.tokens)} · {formatCost(today.costUsd)}
    </span>
  )
}
