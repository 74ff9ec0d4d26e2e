/** Parking and budget changes are announced once, as they happen. */
import { describe, expect, it } from 'vitest'
import { DEFAULT_POLICY, type FleetSnapshot, type SessionFleetState } from '@shared/fleet'
import { fleetNotices } from '../../../src/renderer/src/ui/fleet/fleet-notice'

const snap = (s: Partial<SessionFleetState>): FleetSnapshot => ({
  sessions: [{ sessionId: 'd', policy: DEFAULT_POLICY, hold: null, budget: null, ...s }],
  queues: {},
})
const names = () => 'docs'

describe('fleetNotices', () => {
  it('parked, unparked, budget warning, budget stop', () => {
    const free = snap({})
    const until = new Date(2026, 11, 1, 14, 5).getTime()
    const parked = snap({ hold: { reason: 'parked', until, usedPercent: 91.6 } })
    expect(fleetNotices(null, parked, names)).toEqual([])
    expect(fleetNotices(free, parked, names)[0]).toMatch(
      /^docs parked until .*: the 5-hour window is at 92%$/,
    )
    expect(fleetNotices(parked, parked, names)).toEqual([])
    expect(fleetNotices(parked, free, names)).toEqual(['docs is no longer parked'])
    const warn = snap({ budget: { spent: 4.1, limit: 5, level: 'warn' } })
    expect(fleetNotices(free, warn, names)).toEqual(['docs used 82% of its budget'])
    const over = snap({
      hold: { reason: 'budget' },
      budget: { spent: 5.2, limit: 5, level: 'over' },
    })
    expect(fleetNotices(warn, over, names)).toEqual([
      'docs reached its budget: stopped, its prompts wait',
    ])
  })
})
