/**
 * A session card's usage, each figure saying what it counts (docs/usage.md):
 * - "session": everything the session used so far (tokens and cost, "≈" for an estimate); it only
 *   ever rises, across /compact, /clear and resume;
 * - "turn" / "last turn": what the running turn (or the last one, once it ended) added;
 * - "ctx": the context of the last model call, as a share of the model's window when known.
 */
import { memo } from 'react'
import { Coins, Gauge } from 'lucide-react'
import { totalTokens, type SessionUsageReport } from '@shared/usage'
import { useAppStore } from '../../store'
import { compactNumber, formatCost } from '../common/format'
import { costLabel, tokensLabel, tokensTitle, usageFigureLabel } from './fleet-format'

/** The context share from which the card warns (compaction is near). */
export const CONTEXT_WARN_PERCENT = 80

/** "turn $0.02" while it runs, "last turn $0.02" once it ended; tokens where no cost is known. */
export function turnUsageLabel(turn: NonNullable<SessionUsageReport['turn']>): string {
  const which = turn.endedAt === undefined ? 'turn' : 'last turn'
  return `${which} ${usageFigureLabel(turn.usage)}`
}

export const CardUsage = memo(function CardUsage({ sessionId }: { sessionId: string }) {
  const r = useAppStore((s) => s.usage?.sessions.find((x) => x.sessionId === sessionId))
  if (!r) return null
  const tokens = totalTokens(r.total.tokens)
  if (!tokens && !r.total.costUsd && !r.context) return null
  const turn = r.turn
  const turnUsed = turn && (turn.usage.costUsd > 0 || totalTokens(turn.usage.tokens) > 0)
  return (
    <div className="card-usage">
      {(r.total.costUsd > 0 || tokens > 0) && (
        <span
          className="card-usage-session"
          title={`This session so far (it only rises): ${tokensTitle(r.total.tokens)}${
            r.total.costEstimated ? ' · cost estimated from published prices' : ''
          }`}
        >
          <Coins size={12} aria-hidden /> session {costLabel(r.total)}
          {tokens > 0 && ` · ${tokensLabel(tokens)}`}
        </span>
      )}
      {turn && turnUsed && (
        <span
          className="card-usage-turn"
          title={`${turn.endedAt === undefined ? 'The running turn' : 'The last turn'}: ${formatCost(
            turn.usage.costUsd,
          )} · ${tokensTitle(turn.usage.tokens)}`}
        >
          {turnUsageLabel(turn)}
        </span>
      )}
      {r.context && (
        <span
          title={`Context of the last model call: ${compactNumber(r.context.tokens)} tokens${
            r.context.windowSize ? ` of ${compactNumber(r.context.windowSize)}` : ''
          }`}
          className={(r.context.percent ?? 0) >= CONTEXT_WARN_PERCENT ? 'is-warn' : undefined}
        >
          <Gauge size={12} aria-hidden /> ctx{' '}
          {r.context.percent !== undefined
            ? `${Math.round(r.context.percent)}%`
            : compactNumber(r.context.tokens)}
        </span>
      )}
    </div>
  )
})
