/** The hold rules: budget stop, parking of low-priority sessions, and the override. */
import { describe, expect, it } from 'vitest'
import { budgetState, holdFor, type HoldInput } from '../../../src/main/core/fleet/holds'
import { DEFAULT_POLICY } from '@shared/fleet'

const usage = (costUsd: number, input = 0) => ({
  costUsd,
  costEstimated: false,
  tokens: { input, output: 0, cacheWrite: 0, cacheRead: 0 },
})
const NOW = 1_800_000_000_000
const base: HoldInput = {
  policy: DEFAULT_POLICY,
  budget: null,
  parking: { enabled: true, fiveHourPercent: 90 },
  fiveHour: { usedPercent: 95, resetsAt: NOW + 60_000, observedAt: NOW },
  now: NOW,
}

describe('budgets', () => {
  it('ok, warn and over, in dollars or tokens', () => {
    const b = { kind: 'cost' as const, limit: 2, warnPercent: 75, stop: true }
    expect(budgetState(b, usage(1))?.level).toBe('ok')
    expect(budgetState(b, usage(1.5))?.level).toBe('warn')
    expect(budgetState(b, usage(2))).toEqual({ spent: 2, limit: 2, level: 'over' })
    expect(budgetState({ ...b, kind: 'tokens', limit: 1000 }, usage(0, 1200))?.level).toBe('over')
    expect(budgetState(null, usage(5))).toBeNull()
  })
})

describe('holdFor', () => {
  it('parks only low-priority sessions, until the reset, past the threshold', () => {
    expect(holdFor(base)).toBeNull()
    const low = { ...base, policy: { ...DEFAULT_POLICY, priority: 'low' as const } }
    expect(holdFor(low)).toEqual({ reason: 'parked', until: NOW + 60_000, usedPercent: 95 })
    expect(holdFor({ ...low, now: NOW + 60_000 })).toBeNull()
    expect(holdFor({ ...low, fiveHour: { ...base.fiveHour!, usedPercent: 89 } })).toBeNull()
    expect(holdFor({ ...low, parking: { enabled: false, fiveHourPercent: 90 } })).toBeNull()
    expect(holdFor({ ...low, fiveHour: undefined })).toBeNull()
  })

  it('a used-up budget with stop holds; the override lifts every rule', () => {
    const budget = { kind: 'cost' as const, limit: 1, warnPercent: 80, stop: true }
    const over = {
      ...base,
      policy: { priority: 'low' as const, budget, override: false },
      budget: budgetState(budget, usage(1)),
    }
    expect(holdFor(over)).toEqual({ reason: 'budget' })
    expect(
      holdFor({ ...over, policy: { ...over.policy, budget: { ...budget, stop: false } } }),
    ).toMatchObject({ reason: 'parked' })
    expect(holdFor({ ...over, policy: { ...over.policy, override: true } })).toBeNull()
  })
})
