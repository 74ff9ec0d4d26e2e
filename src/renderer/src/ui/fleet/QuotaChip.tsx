/**
 * The top bar's usage chip: the 5-hour window's use and when it runs out (or resets), else
 * today's tokens and cost. Amber when the forecast warns. Opens the usage view.
 */
import { Gauge } from 'lucide-react'
import { useAppStore } from '../../store'
import { formatCost } from '../common/format'
import { useNow } from '../common/use-now'
import { duration, tokensLabel } from './fleet-format'
import './fleet.css'

const TICK_MS = 30_000

export function QuotaChip() {
  const usage = useAppStore((s) => s.usage)
  const open = useAppStore((s) => s.openDialog)
  const now = useNow(true, TICK_MS)
  if (!usage) return null
  const w =
    usage.quota.windows.find((x) => x.window === 'five_hour') ?? usage.quota.windows[0] ?? null
  const label = w
    ? `${w.window === 'five_hour' ? '5h' : '7d'} ${Math.round(w.usedPercent)}% · ${
        w.exhaustsAt !== null
          ? `out in ${duration(w.exhaustsAt - now)}`
          : `resets in ${duration(w.resetsAt - now)}`
      }`
    : `Today ${usage.today.tokens > 0 ? `${tokensLabel(usage.today.tokens)} · ` : ''}${formatCost(
        usage.today.costUsd,
      )}`
  const warning = usage.quota.windows.some((x) => x.warning)
  return (
    <button
      type="button"
      className={`quota-chip${warning ? ' is-warn' : ''}`}
      onClick={() => open({ kind: 'usage' })}
      title="Usage and quota (Alt+U)"
      data-testid="quota-chip"
    >
      <Gauge size={14} aria-hidden />
      {w && (
        <span className="quota-chip-bar" style={{ ['--used' as string]: `${w.usedPercent}%` }} />
      )}
      <span>{label}</span>
    </button>
  )
}
