/** The last 7 days as bars: cost when any day has one, else tokens. Today is the last bar. */
import type { DayTotal } from '@shared/usage'
import { formatCost } from '../common/format'
import { tokensLabel } from './fleet-format'

const WIDTH = 420
const HEIGHT = 120
const LABEL_H = 18
const VALUE_H = 14
const GAP = 10

function weekday(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(y, m - 1, d).toLocaleDateString([], { weekday: 'short' })
}

export function WeekChart({ days }: { days: DayTotal[] }) {
  const byCost = days.some((d) => d.costUsd > 0)
  const value = (d: DayTotal) => (byCost ? d.costUsd : d.tokens)
  const max = Math.max(...days.map(value), 0)
  const barW = (WIDTH - GAP * (days.length - 1)) / days.length
  const plotH = HEIGHT - LABEL_H - VALUE_H
  return (
    <svg
      className="week-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`Last 7 days by ${byCost ? 'cost' : 'tokens'}`}
      data-testid="week-chart"
    >
      {days.map((d, i) => {
        const v = value(d)
        const h = max > 0 ? Math.max(v > 0 ? 2 : 0, (v / max) * plotH) : 0
        const x = i * (barW + GAP)
        const today = i === days.length - 1
        return (
          <g key={d.day}>
            <title>{`${d.day}: ${formatCost(d.costUsd)} · ${tokensLabel(d.tokens)}`}</title>
            <rect
              className={`week-bar-track${today ? ' is-today' : ''}`}
              x={x}
              y={VALUE_H}
              width={barW}
              height={plotH}
              rx={3}
            />
            <rect
              className={`week-bar${today ? ' is-today' : ''}`}
              x={x}
              y={VALUE_H + plotH - h}
              width={barW}
              height={h}
              rx={3}
            />
            {v > 0 && (
              <text className="week-value" x={x + barW / 2} y={VALUE_H + plotH - h - 3}>
                {byCost ? formatCost(v) : tokensLabel(v).replace(' tok', '')}
              </text>
            )}
            <text className="week-label" x={x + barW / 2} y={HEIGHT - 4}>
              {today ? 'Today' : weekday(d.day)}
            </text>
          </g>
        )
      })}
    </svg>
  )
}
