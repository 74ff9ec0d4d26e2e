/**
 * Under a session card's main button: its fleet state — low priority, a parked countdown, the
 * budget, queued prompts — and the override of the rules, right there on the card.
 */
import { memo } from 'react'
import { ListOrdered, CirclePause, PiggyBank, ShieldOff, Snail } from 'lucide-react'
import type { SessionFleetState } from '@shared/fleet'
import { useAppStore } from '../../store'
import { formatCost } from '../common/format'
import { useNow } from '../common/use-now'
import { countdown, tokensLabel } from './fleet-format'
import { setPolicy } from './fleet-actions'
import './fleet.css'

function budgetText(s: SessionFleetState): string | null {
  const b = s.budget
  const policy = s.policy.budget
  if (!b || !policy || b.level === 'ok') return null
  const of = policy.kind === 'cost' ? formatCost(b.limit) : tokensLabel(b.limit)
  const pct = Math.round((b.spent / b.limit) * 100)
  return b.level === 'over' ? `Budget used up (${of})` : `Budget ${pct}% of ${of}`
}

export const CardFleetRow = memo(function CardFleetRow({
  sessionId,
  name,
}: {
  sessionId: string
  name: string
}) {
  const state = useAppStore((s) => s.fleet?.sessions.find((x) => x.sessionId === sessionId))
  const queued = useAppStore((s) => s.fleet?.queues[sessionId]?.length ?? 0)
  const parked = state?.hold?.reason === 'parked' ? state.hold : null
  const now = useNow(parked !== null, 1000)
  if (!state) return null
  const budget = budgetText(state)
  const low = state.policy.priority === 'low'
  if (!low && !state.hold && !state.policy.override && !budget && queued === 0) return null
  return (
    <div className="card-fleet" data-testid="card-fleet">
      {low && (
        <span
          className="badge fleet-low"
          title="Low priority: parked when the 5-hour window runs low"
        >
          <Snail size={11} aria-hidden /> low priority
        </span>
      )}
      {parked && (
        <span
          className="badge fleet-parked"
          title={`Parked: the 5-hour window is at ${Math.round(parked.usedPercent)}%. Prompts wait until it resets.`}
          data-testid="parked-badge"
        >
          <CirclePause size={11} aria-hidden /> Parked · resumes in {countdown(parked.until - now)}
        </span>
      )}
      {state.hold?.reason === 'budget' && (
        <span className="badge fleet-held" title="Its budget is used up: prompts wait">
          <CirclePause size={11} aria-hidden /> Held: budget
        </span>
      )}
      {budget && (
        <span className={`badge fleet-budget${state.budget?.level === 'over' ? ' is-over' : ''}`}>
          <PiggyBank size={11} aria-hidden /> {budget}
        </span>
      )}
      {queued > 0 && (
        <span className="badge" title="Prompts waiting for this session">
          <ListOrdered size={11} aria-hidden /> {queued} queued
        </span>
      )}
      {state.hold && (
        <button
          type="button"
          className="button small subtle fleet-override"
          onClick={() => void setPolicy(sessionId, { override: true })}
          aria-label={`Run ${name} anyway`}
        >
          Run anyway
        </button>
      )}
      {state.policy.override && (
        <>
          <span
            className="badge fleet-overridden"
            title="Runs regardless of the budget stop and parking"
          >
            <ShieldOff size={11} aria-hidden /> rules overridden
          </span>
          <button
            type="button"
            className="button small subtle fleet-override"
            onClick={() => void setPolicy(sessionId, { override: false })}
            aria-label={`${name}: follow the rules again`}
          >
            Follow rules
          </button>
        </>
      )}
    </div>
  )
})
