/**
 * State at time: the fleet rebuilt from the stored history at an instant equals the state the
 * live app had at that instant. A generated history of several concurrent sessions (hook payloads
 * in Claude Code's shapes, test/support/replay-stream.ts) goes through the real hook intake; a
 * probe records every session's live lifecycle after each applied event; then the replay API
 * rebuilds random recorded instants, by seq and by time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FleetAt } from '@shared/contract/replay'
import { startTestCore, type TestCore } from '../../support/core'
import { fleetPayloads, prng } from '../../support/replay-stream'
import {
  comparable,
  liveRecorder,
  seekableInstants,
  type LiveInstant,
} from '../../support/replay-recording'

let t: TestCore
const recorder = liveRecorder()
const live = recorder.live

beforeAll(async () => {
  t = await startTestCore({ probe: recorder.probe })
  // One hook at a time, as each session's Claude sends them: the live order is the stored order.
  for (const payload of fleetPayloads(6, 6, 21)) {
    const res = await t.hook(payload)
    expect(res.status).toBe(200)
  }
})
afterAll(async () => {
  await t?.close()
})

function rebuilt(fleet: FleetAt): LiveInstant['sessions'] {
  const out: LiveInstant['sessions'] = {}
  for (const s of fleet.sessions) out[s.sessionId] = comparable(s)
  return out
}

describe('state at time', () => {
  it('recorded a history with every kind of moment', () => {
    const states = new Set(live.flatMap((i) => Object.values(i.sessions).map((s) => s.state)))
    // The sample is worth checking: turns running, waiting on a decision, finished and failed.
    for (const s of ['working', 'permission', 'finished', 'failed']) expect(states).toContain(s)
    expect(live.some((i) => Object.values(i.sessions).some((s) => s.tools.length > 1))).toBe(true)
    expect(
      live.some((i) => Object.values(i.sessions).some((s) => Object.keys(s.subagents).length > 0)),
    ).toBe(true)
  })

  it('rebuilds the live state at random instants of the history', async () => {
    const rand = prng(5)
    // An instant between two arrivals: the last event received in its millisecond.
    const instants = seekableInstants(live)
    expect(instants.length).toBeGreaterThan(50)
    for (let n = 0; n < 60; n++) {
      const instant = instants[Math.floor(rand() * instants.length)]
      const fleet = await t.api<FleetAt>('replay.stateAt', { at: instant.ts })
      expect(fleet.seq).toBe(instant.seq)
      expect(rebuilt(fleet)).toEqual(instant.sessions)
    }
  })

  it('has nothing before the first event and the final state after the last', async () => {
    const before = await t.api<FleetAt>('replay.stateAt', { at: live[0].ts - 1 })
    expect(before).toMatchObject({ seq: 0, sessions: [] })
    const end = live[live.length - 1]
    const after = await t.api<FleetAt>('replay.stateAt', { at: end.ts + 1 })
    expect(rebuilt(after)).toEqual(end.sessions)
  })
})
