/**
 * The host link watcher (remote/host-link.ts) with its clock, timers and random draw injected:
 * the backoff schedule (full jitter below 0.5 s doubling to a 30 s cap), the heartbeat only while
 * sessions run, down → reconnecting with attempts counted → recovered, spools replayed before it
 * says connected, a failed recovery counted as a failed attempt.
 */
import { describe, expect, it } from 'vitest'
import {
  BACKOFF_CAP_MS,
  HEARTBEAT_MS,
  HEARTBEAT_TIMEOUT_MS,
  HostLink,
  reconnectDelayMs,
  type LinkState,
  type ProbeResult,
} from '../../../src/main/core/remote/host-link'

describe('reconnectDelayMs', () => {
  it('draws below 0.5 s, 1 s, 2 s … doubling, capped at 30 s', () => {
    const ceilings = [500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]
    ceilings.forEach((ceiling, i) => {
      expect(reconnectDelayMs(i + 1, () => 0)).toBe(0)
      expect(reconnectDelayMs(i + 1, () => 0.5)).toBe(ceiling / 2)
      expect(reconnectDelayMs(i + 1, () => 0.999_999)).toBe(Math.floor(ceiling * 0.999_999))
    })
    expect(reconnectDelayMs(1_000, () => 0.999_999)).toBeLessThan(BACKOFF_CAP_MS)
  })
})

/** Timers run by hand: `fire` runs the one due first. */
function fakeTimers() {
  let now = 0
  const timers = new Set<{ at: number; fn: () => void }>()
  const next = () => [...timers].sort((a, b) => a.at - b.at)[0]
  return {
    now: () => now,
    setTimer(fn: () => void, ms: number) {
      const entry = { at: now + ms, fn }
      timers.add(entry)
      return () => void timers.delete(entry)
    },
    /** The delay until the next timer, then runs it and lets what it started settle. */
    async fire(): Promise<number> {
      const t = next()
      if (!t) throw new Error('no timer set')
      const delay = t.at - now
      now = t.at
      timers.delete(t)
      t.fn()
      for (let i = 0; i < 20; i++) await Promise.resolve()
      return delay
    },
    get pendingDelay(): number | null {
      const t = next()
      return t ? t.at - now : null
    },
  }
}

function harness(answers: (ProbeResult | 'hang')[], opts: { recoverFails?: number } = {}) {
  const timers = fakeTimers()
  const states: LinkState[] = []
  const calls: string[] = []
  let active = true
  let recoverFails = opts.recoverFails ?? 0
  const link = new HostLink({
    active: () => active,
    probe: () => {
      calls.push('probe')
      const answer = answers.shift() ?? { ok: true, spools: [] }
      // A probe whose ssh client hangs on a stalled master: it never answers.
      return answer === 'hang' ? new Promise<ProbeResult>(() => {}) : Promise.resolve(answer)
    },
    recover: async () => {
      calls.push('recover')
      if (recoverFails-- > 0) throw new Error('the forward could not be made')
    },
    replay: async (spool) => {
      calls.push(`replay ${spool}`)
    },
    onChange: (s) => {
      calls.push(`state ${s.state}`)
      states.push(s)
    },
    log: () => {},
    now: timers.now,
    random: () => 0.5,
    setTimer: (fn, ms) => timers.setTimer(fn, ms),
  })
  return { link, timers, states, calls, setActive: (a: boolean) => (active = a) }
}

const down: ProbeResult = { ok: false, error: 'no answer within 5 s' }

describe('HostLink', () => {
  it('heartbeats only while sessions run, replaying the spools a heartbeat lists', async () => {
    const h = harness([{ ok: true, spools: ['a.jsonl'] }])
    h.setActive(false)
    h.link.start()
    expect(await h.timers.fire()).toBe(HEARTBEAT_MS)
    expect(h.calls).toEqual([])
    h.setActive(true)
    expect(await h.timers.fire()).toBe(HEARTBEAT_MS)
    expect(h.calls).toEqual(['probe', 'replay a.jsonl'])
    expect(h.link.state).toEqual({ state: 'connected' })
    expect(h.timers.pendingDelay).toBe(HEARTBEAT_MS)
  })

  it('goes reconnecting, retries with backoff counting attempts, recovers and replays before connected', async () => {
    const h = harness([down, down, down, { ok: true, spools: ['s1.jsonl', 's2.jsonl.replay'] }])
    h.link.start()
    await h.timers.fire()
    expect(h.link.state).toMatchObject({ state: 'reconnecting', attempt: 1, since: HEARTBEAT_MS })
    // random 0.5: half of 0.5 s, 1 s, 2 s.
    expect(h.timers.pendingDelay).toBe(250)
    await h.timers.fire()
    expect(h.link.state).toMatchObject({ state: 'reconnecting', attempt: 2, since: HEARTBEAT_MS })
    expect(h.timers.pendingDelay).toBe(500)
    await h.timers.fire()
    expect(h.link.state).toMatchObject({
      state: 'reconnecting',
      attempt: 3,
      nextTryAt: HEARTBEAT_MS + 250 + 500 + 1_000,
      error: 'no answer within 5 s',
    })
    expect(h.timers.pendingDelay).toBe(1_000)
    // Even with no session watched any more, a host found down is tried until it answers.
    h.setActive(false)
    await h.timers.fire()
    expect(h.calls.slice(-5)).toEqual([
      'probe',
      'recover',
      'replay s1.jsonl',
      'replay s2.jsonl.replay',
      'state connected',
    ])
    expect(h.link.state).toEqual({ state: 'connected' })
    expect(h.timers.pendingDelay).toBe(HEARTBEAT_MS)
  })

  it('counts a failed recovery as a failed attempt', async () => {
    const h = harness([down, { ok: true, spools: [] }, { ok: true, spools: [] }], {
      recoverFails: 1,
    })
    h.link.start()
    await h.timers.fire()
    await h.timers.fire()
    expect(h.link.state).toMatchObject({
      state: 'reconnecting',
      attempt: 2,
      error: 'the forward could not be made',
    })
    await h.timers.fire()
    expect(h.link.state).toEqual({ state: 'connected' })
  })

  it('counts a probe that never answers as down after HEARTBEAT_TIMEOUT_MS', async () => {
    const h = harness(['hang'])
    h.link.start()
    await h.timers.fire()
    expect(h.link.state.state).toBe('connected')
    expect(await h.timers.fire()).toBe(HEARTBEAT_TIMEOUT_MS)
    expect(h.link.state).toMatchObject({
      state: 'reconnecting',
      attempt: 1,
      since: HEARTBEAT_MS + HEARTBEAT_TIMEOUT_MS,
      error: 'no answer within 5 s',
    })
  })

  it('checks at once when asked (a stream ended), and stops for good', async () => {
    const h = harness([down])
    h.link.start()
    h.link.checkNow()
    for (let i = 0; i < 20; i++) await Promise.resolve()
    expect(h.link.state.state).toBe('reconnecting')
    h.link.stop()
    expect(h.timers.pendingDelay).toBeNull()
    h.link.checkNow()
    expect(h.calls.filter((c) => c === 'probe')).toHaveLength(1)
  })
})
