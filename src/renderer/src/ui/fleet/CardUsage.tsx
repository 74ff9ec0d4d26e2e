/**
 * A session card's usage: everything it used so far (tokens, cost; "≈" for an estimate), the
 * cost of its running or last turn, and the context of its last model call (docs/usage.md).
 */
import { memo } from 'react'
import { Coins, Cpu, Gauge } from 'lucide-react'
import { totalTokens } from '@shared/usage'
import { useAppStore } from '../../store'
import { compactNumber, formatCost } from '../common/format'
import { costLabel, tokensLabel, tokensTitle } from './fleet-format'

/** The context share from which the card warns (compaction is near). */
export const CONTEXT_WARN_PERCENT = 80

export const CardUsage = memo(function CardUsage({ sessionId }: { sessionId: string }) {
  const r = useAppStore((s) => s.usage?.sessions.find((x) => x.sessionId === sessionId))
  if (!r) return null
  const tokens = totalTokens(r.total.tokens)
  if (!tokens && !r.total.costUsd && !r.context) return null
  const turn = r.turn?.usage
  return (
    <div className="card-usage">
      {tokens > 0 && (
        <span title={`All tokens so far: ${tokensTitle(r.total.tokens)}`}>
          <Cpu size={12} aria-hidden /> {tokensLabel(tokens)}
        </span>
      )}
      {(r.total.costUsd > 0 || tokens > 0) && (
        <span
          title={`Cost so far${r.total.costEstimated ? ' (estimated from published prices)' : ''}${
            turn ? ` · this turn ${formatCost(turn.costUsd)}` : ''
          }`}
        >
          <Coins size={12} aria-hidden /> {costLabel(r.total)}
        </span>
      )}
      {r.context && (
        <span
          title={`Context of the last model call: ${compactNumber(r.context.tokens)} tokens`}
          className={(r.context.percent ?? 0) >= CONTEXT_WARN_PERCENT ? 'is-warn' : undefined}
        >
          <Gauge size={12} aria-hidden />{' '}
          {r.context.percent !== undefined
            ? `${Math.round(r.context.percent)}%`
            : compactNumber(r.context.tokens)}
        </span>
      )}
    </div>
  )
})
