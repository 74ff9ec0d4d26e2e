/** The forecast: burn rate over the recent readings, time to exhaustion, resets, warnings. */
import { describe, expect, it } from 'vitest'
import { BURN_HORIZON_MS, QuotaTracker } from '../../../src/main/core/usage/quota'
import { fakeClock } from '../../support/fake-clock'

const MIN = 60_000
const HOUR = 60 * MIN

describe('QuotaTracker', () => {
  it('time to exhaustion matches the hand computation', () => {
    const clock = fakeClock(1_800_000_000_000)
    const q = new QuotaTracker(clock)
    const resetsAt = clock.now() + 4 * HOUR
    q.observe('five_hour', 20, resetsAt)
    clock.advance(10 * MIN)
    q.observe('five_hour', 30, resetsAt)
    // 10 points in 10 minutes = 60 %/h; 70 points left → 70 minutes.
    const [f] = q.forecast(80)
    expect(f.burnPercentPerHour).toBeCloseTo(60, 6)
    expect(f.exhaustsAt).toBe(clock.now() + 70 * MIN)
    expect(f.warning).toBe(true)
  })

  it('a window that resets before it runs out has no exhaustion time', () => {
    const clock = fakeClock(1_800_000_000_000)
    const q = new QuotaTracker(clock)
    const resetsAt = clock.now() + 30 * MIN
    q.observe('five_hour', 10, resetsAt)
    clock.advance(10 * MIN)
    q.observe('five_hour', 12, resetsAt)
    const [f] = q.forecast(80)
    expect(f.burnPercentPerHour).toBeCloseTo(12, 6)
    expect(f.exhaustsAt).toBeNull()
    expect(f.warning).toBe(false)
  })

  it('a quiet fleet burns slower as time passes; old readings leave the horizon', () => {
    const clock = fakeClock(1_800_000_000_000)
    const q = new QuotaTracker(clock)
    const resetsAt = clock.now() + 4 * HOUR
    q.observe('five_hour', 20, resetsAt)
    clock.advance(10 * MIN)
    q.observe('five_hour', 30, resetsAt)
    clock.advance(10 * MIN)
    expect(q.burnPerHour('five_hour')).toBeCloseTo(30, 6)
    clock.advance(BURN_HORIZON_MS * 2)
    q.observe('five_hour', 30, resetsAt)
    // The readings inside the horizon did not move: nothing burns.
    expect(q.burnPerHour('five_hour')).toBe(0)
  })

  it('a new reset time starts a new window; a passed reset hides the window', () => {
    const clock = fakeClock(1_800_000_000_000)
    const q = new QuotaTracker(clock)
    q.observe('five_hour', 95, clock.now() + 10 * MIN)
    clock.advance(5 * MIN)
    q.observe('five_hour', 3, clock.now() + 5 * HOUR)
    expect(q.burnPerHour('five_hour')).toBeNull()
    clock.advance(5 * HOUR)
    expect(q.window('five_hour')).toBeUndefined()
    expect(q.forecast(80)).toEqual([])
  })

  it('warns at the threshold even without a burn rate', () => {
    const clock = fakeClock(1_800_000_000_000)
    const q = new QuotaTracker(clock)
    q.observe('seven_day', 85, clock.now() + 48 * HOUR)
    expect(q.forecast(80)).toEqual([
      {
        window: 'seven_day',
        usedPercent: 85,
        resetsAt: clock.now() + 48 * HOUR,
        burnPercentPerHour: null,
        exhaustsAt: null,
        warning: true,
      },
    ])
  })
})
