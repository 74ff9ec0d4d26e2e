/**
 * The fleet's rules at work on a fake clock: parking starts when the 5-hour window passes the
 * threshold and ends when its reset time comes (never before); a used-up budget with "stop"
 * interrupts the running turn once and holds; the override lifts both.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_FLEET_SETTINGS, type FleetSettings } from '@shared/fleet'
import { openDatabase } from '../../../src/main/core/store/db'
import { UsageStore } from '../../../src/main/core/usage/usage-store'
import { UsageService } from '../../../src/main/core/usage/usage-service'
import { PolicyStore } from '../../../src/main/core/fleet/policy-store'
import { FleetService } from '../../../src/main/core/fleet/fleet-service'
import { fakeClock } from '../../support/fake-clock'
import { recordingLogger } from '../../support/recording-logger'

const MIN = 60_000

function setup(
  settings: FleetSettings = {
    ...DEFAULT_FLEET_SETTINGS,
    parking: { enabled: true, fiveHourPercent: 50 },
  },
) {
  const db = openDatabase(':memory:')
  const clock = fakeClock(1_800_000_000_000)
  const usage = new UsageService({
    store: new UsageStore(db),
    clock,
    log: recordingLogger(),
    repoOf: () => '/repo',
    sessionIds: () => ['a', 'b'],
    managed: () => true,
    claudeConfigDir: () => '/nonexistent',
    warnPercent: () => 80,
  })
  const interrupted: string[] = []
  const fleet = new FleetService({
    policies: new PolicyStore(db),
    usage,
    clock,
    settings: () => settings,
    sessionIds: () => ['a', 'b'],
    interrupt: async (id) => void interrupted.push(id),
    log: recordingLogger(),
  })
  usage.onChange(() => fleet.evaluate())
  usage.onWindows(() => fleet.evaluate())
  let changes = 0
  fleet.onChange(() => changes++)
  const window = (usedPercent: number, resetsAt: number) =>
    usage.statusReport('a', {
      agentSessionId: 'A',
      rateLimits: { five_hour: { usedPercent, resetsAt } },
    })
  return { clock, usage, fleet, interrupted, window, changes: () => changes }
}

describe('FleetService', () => {
  it('parks the low-priority session past the threshold, until the reset — never before', () => {
    const t = setup()
    t.fleet.setPolicy('b', { priority: 'low' })
    const resetsAt = t.clock.now() + 90 * MIN
    t.window(40, resetsAt)
    expect(t.fleet.hold('b')).toBeNull()
    t.window(55, resetsAt)
    expect(t.fleet.hold('b')).toEqual({ reason: 'parked', until: resetsAt, usedPercent: 55 })
    expect(t.fleet.hold('a')).toBeNull()
    t.clock.set(resetsAt - 1)
    expect(t.fleet.hold('b')).not.toBeNull()
    const before = t.changes()
    t.clock.set(resetsAt)
    // The timer at the reset time re-read the holds and announced the change.
    expect(t.fleet.hold('b')).toBeNull()
    expect(t.changes()).toBeGreaterThan(before)
    expect(t.clock.pending).toBe(0)
  })

  it('a used-up budget with stop interrupts once and holds; raising it or the override lifts it', () => {
    const t = setup()
    t.fleet.setPolicy('a', {
      budget: { kind: 'cost', limit: 1, warnPercent: 80, stop: true },
    })
    t.usage.statusReport('a', { agentSessionId: 'A', costUsd: 0.85, rateLimits: {} })
    expect(t.fleet.state('a').budget?.level).toBe('warn')
    expect(t.fleet.hold('a')).toBeNull()
    t.usage.statusReport('a', { agentSessionId: 'A', costUsd: 1.2, rateLimits: {} })
    t.usage.statusReport('a', { agentSessionId: 'A', costUsd: 1.3, rateLimits: {} })
    expect(t.fleet.hold('a')).toEqual({ reason: 'budget' })
    expect(t.interrupted).toEqual(['a'])
    t.fleet.setPolicy('a', { override: true })
    expect(t.fleet.hold('a')).toBeNull()
    t.fleet.setPolicy('a', {
      override: false,
      budget: { kind: 'cost', limit: 5, warnPercent: 80, stop: true },
    })
    expect(t.fleet.hold('a')).toBeNull()
    expect(t.interrupted).toEqual(['a'])
  })

  it('the override lifts parking; turning parking off does too', () => {
    const t = setup()
    t.fleet.setPolicy('b', { priority: 'low' })
    t.window(70, t.clock.now() + 60 * MIN)
    expect(t.fleet.hold('b')?.reason).toBe('parked')
    t.fleet.setPolicy('b', { override: true })
    expect(t.fleet.hold('b')).toBeNull()
    const off = setup({
      ...DEFAULT_FLEET_SETTINGS,
      parking: { enabled: false, fiveHourPercent: 50 },
    })
    off.fleet.setPolicy('b', { priority: 'low' })
    off.window(70, off.clock.now() + 60 * MIN)
    expect(off.fleet.hold('b')).toBeNull()
  })
})
