/**
 * The rules that hold a session's prompts, as pure functions of its policy, its usage, the
 * 5-hour window and the time (docs/fleet.md): a budget that is used up with "stop" on, and the
 * parking rule for low-priority sessions while the window is past the threshold. An override
 * from the card lifts both.
 */
import type { Budget, BudgetState, FleetSettings, Hold, SessionPolicy } from '@shared/fleet'
import { totalTokens, type RateWindow, type UsageFigures } from '@shared/usage'

export function budgetState(budget: Budget | null, usage: UsageFigures): BudgetState | null {
  if (!budget) return null
  const spent = budget.kind === 'cost' ? usage.costUsd : totalTokens(usage.tokens)
  const level =
    spent >= budget.limit
      ? 'over'
      : spent >= (budget.limit * budget.warnPercent) / 100
        ? 'warn'
        : 'ok'
  return { spent, limit: budget.limit, level }
}

export interface HoldInput {
  policy: SessionPolicy
  budget: BudgetState | null
  parking: FleetSettings['parking']
  /** The 5-hour window, while its reset time has not passed. */
  fiveHour: RateWindow | undefined
  now: number
}

export function holdFor(i: HoldInput): Hold | null {
  if (i.policy.override) return null
  if (i.policy.budget?.stop && i.budget?.level === 'over') return { reason: 'budget' }
  const w = i.fiveHour
  if (
    i.parking.enabled &&
    i.policy.priority === 'low' &&
    w &&
    w.resetsAt > i.now &&
    w.usedPercent >= i.parking.fiveHourPercent
  )
    return { reason: 'parked', until: w.resetsAt, usedPercent: w.usedPercent }
  return null
}
