import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import { WorkshopSim } from '@renderer/scene/sim/world-sim'
import { standPoint } from '@renderer/scene/stations/station-table'
import { openCallsAt } from '@renderer/scene/sim/zone-sim'
import { MAX_OPEN_CALLS, STAND_OFFSET_UNITS, PILL_MAX_STACKED } from '@renderer/scene/constants'
import { makeSession } from '../../support/session-fixture'

let clockMs = 0
beforeEach(() => {
  clockMs = 1_000_000
  vi.spyOn(performance, 'now').mockImplementation(() => clockMs)
})
afterEach(() => vi.restoreAllMocks())

function advance(sim: WorkshopSim, seconds: number, stepS = 1 / 60): void {
  for (let t = 0; t < seconds; t += stepS) {
    clockMs += stepS * 1000
    sim.step()
  }
}

const base = { agent: 'claude' as const, ts: 0 }
let n = 0
const ev = (e: Record<string, unknown>) => ({ ...base, id: `e${n++}`, ...e }) as CanonicalEvent

describe('workshop simulation', () => {
  it('walks to the station at 3 units/s and works there', () => {
    const sim = new WorkshopSim()
    sim.ingest(
      [ev({ type: 'tool.start', sessionId: 's1', tool: 'Read', input: {}, toolUseId: 't' })],
      false,
    )
    const r = sim.zone('s1').robot
    expect(r.state).toBe('walking')
    const target = standPoint('bookshelf', STAND_OFFSET_UNITS)
    const distance = Math.hypot(target.x, target.z)
    advance(sim, (distance / 3) * 0.5)
    expect(Math.hypot(r.x, r.z)).toBeCloseTo(distance / 2, 0)
    advance(sim, (distance / 3) * 0.6)
    expect(r.state).toBe('working')
    expect(r.x).toBeCloseTo(target.x)
    expect(r.z).toBeCloseTo(target.z)
    expect(sim.zone('s1').contexts.get('bookshelf')).toBe('')
  })

  it('history replay places the robot without walking or sounds', () => {
    const sounds: string[] = []
    const sim = new WorkshopSim()
    sim.setListeners({ sound: (s) => sounds.push(s) })
    sim.ingest(
      [
        ev({
          type: 'tool.start',
          sessionId: 's1',
          tool: 'Bash',
          input: { command: 'ls' },
          toolUseId: 't',
        }),
      ],
      true,
    )
    expect(sim.zone('s1').robot.state).toBe('working')
    expect(sim.zone('s1').robot.station).toBe('terminal')
    expect(sounds).toEqual([])
  })

  it('puts subagents in their own zone keyed by subagent id, and removes them on stop', () => {
    const sim = new WorkshopSim()
    sim.ingest(
      [
        ev({ type: 'subagent.start', sessionId: 's2', subagentId: 'a1', subagentType: 'Explore' }),
        ev({ type: 'subagent.start', sessionId: 's2', subagentId: 'a2', subagentType: 'Plan' }),
        ev({ type: 'subagent.start', sessionId: 's2', subagentId: 'a1', subagentType: 'Explore' }),
      ],
      false,
    )
    expect([...sim.zone('s2').subagents.keys()]).toEqual(['a1', 'a2'])
    expect(sim.zones.get('s1')).toBeUndefined()
    const [a, b] = [...sim.zone('s2').subagents.values()]
    expect(a.slot).not.toBe(b.slot)
    sim.ingest(
      [ev({ type: 'subagent.stop', sessionId: 's2', subagentId: 'a1', subagentType: 'Explore' })],
      false,
    )
    expect([...sim.zone('s2').subagents.keys()]).toEqual(['a2'])
  })

  it('lists open tool calls at their station until they end, a batch settles them or the turn ends', () => {
    const sim = new WorkshopSim()
    const start = (id: string, tool: string, input: object, agentId?: string) =>
      ev({ type: 'tool.start', sessionId: 's1', tool, input, toolUseId: id, agentId })
    sim.ingest(
      [
        ev({ type: 'prompt', sessionId: 's1', text: 'go' }),
        start('b1', 'Bash', { command: 'npm test' }),
        start('r1', 'Read', { file_path: '/x/a.ts' }),
        start('r2', 'Read', { file_path: '/x/b.ts' }, 'sub1'),
        start('q1', 'AskUserQuestion', { questions: [] }),
      ],
      false,
    )
    const z = sim.zone('s1')
    expect(openCallsAt(z, 'terminal')).toEqual(['npm test'])
    expect(openCallsAt(z, 'bookshelf')).toEqual(['b.ts', 'a.ts'])
    // A question is the user's to answer, not a station's work.
    expect([...z.openCalls.keys()]).toEqual(['b1', 'r1', 'r2'])
    const version = z.panelsVersion
    sim.ingest(
      [
        ev({
          type: 'tool.end',
          sessionId: 's1',
          tool: 'Read',
          input: { file_path: '/x/a.ts' },
          toolUseId: 'r1',
          success: true,
        }),
        ev({ type: 'tool.batch', sessionId: 's1', toolUseIds: ['r1', 'r2'] }),
      ],
      false,
    )
    expect(openCallsAt(z, 'bookshelf')).toEqual([])
    expect(z.panels.get('bookshelf')).toEqual([{ text: 'a.ts', success: true }])
    expect(z.panelsVersion).toBeGreaterThan(version)
    sim.ingest([ev({ type: 'stop', sessionId: 's1' })], false)
    expect(z.openCalls.size).toBe(0)
  })

  it('closes the open calls of a session whose turn is over by its status (an end never came)', () => {
    const sim = new WorkshopSim()
    sim.ingest(
      [ev({ type: 'tool.start', sessionId: 's1', tool: 'Bash', input: {}, toolUseId: 'b' })],
      false,
    )
    sim.reconcile([makeSession('s1', { status: 'working' })])
    expect(sim.zone('s1').openCalls.size).toBe(1)
    sim.reconcile([makeSession('s1', { status: 'offline' })])
    expect(sim.zone('s1').openCalls.size).toBe(0)
  })

  it('remembers at most MAX_OPEN_CALLS open calls, dropping the oldest', () => {
    const sim = new WorkshopSim()
    sim.ingest(
      Array.from({ length: MAX_OPEN_CALLS + 5 }, (_, i) =>
        ev({ type: 'tool.start', sessionId: 's1', tool: 'Read', input: {}, toolUseId: `t${i}` }),
      ),
      false,
    )
    const ids = [...sim.zone('s1').openCalls.keys()]
    expect(ids).toHaveLength(MAX_OPEN_CALLS)
    expect(ids[0]).toBe('t5')
  })

  it('keeps at most five pills, evicting the oldest', () => {
    const sim = new WorkshopSim()
    for (let i = 0; i < PILL_MAX_STACKED + 2; i++) {
      clockMs += 100
      sim.ingest(
        [
          ev({
            type: 'tool.end',
            sessionId: 's1',
            tool: 'Read',
            input: { file_path: `/f${i}` },
            toolUseId: `t${i}`,
            success: true,
          }),
        ],
        false,
      )
    }
    const texts = sim
      .zone('s1')
      .pills.map((p) => p.spec?.text)
      .sort()
    expect(texts).toEqual(['f2', 'f3', 'f4', 'f5', 'f6'])
  })

  it('comes to rest: after a turn ends nothing animates, so no frames are needed', () => {
    const sim = new WorkshopSim()
    sim.ingest(
      [
        ev({ type: 'prompt', sessionId: 's1', text: 'go' }),
        ev({ type: 'tool.start', sessionId: 's1', tool: 'Edit', input: {}, toolUseId: 't' }),
        ev({
          type: 'tool.end',
          sessionId: 's1',
          tool: 'Edit',
          input: {},
          toolUseId: 't',
          success: false,
        }),
        ev({ type: 'stop', sessionId: 's1' }),
      ],
      false,
    )
    expect(sim.step()).toBe(true)
    advance(sim, 60, 0.1)
    expect(sim.zone('s1').robot.state).toBe('idle')
    expect(sim.step()).toBe(false)
  })

  it('a failed tool queues a head shake after 300 ms', () => {
    const sim = new WorkshopSim()
    sim.ingest(
      [
        ev({
          type: 'tool.end',
          sessionId: 's1',
          tool: 'Bash',
          input: { command: 'false' },
          toolUseId: 't',
          success: false,
        }),
      ],
      false,
    )
    const r = sim.zone('s1').robot
    expect(r.reaction?.name).toBe('headShake')
    advance(sim, 0.35)
    expect(r.behavior?.name).toBe('headShake')
  })

  describe('idle means idle', () => {
    const turn = (sid: string) => [
      ev({ type: 'prompt', sessionId: sid, prompt: 'go' }),
      ev({ type: 'tool.start', sessionId: sid, tool: 'Read', input: {}, toolUseId: `${sid}-r` }),
      ev({
        type: 'tool.end',
        sessionId: sid,
        tool: 'Read',
        input: {},
        toolUseId: `${sid}-r`,
        success: true,
      }),
      ev({ type: 'stop', sessionId: sid }),
    ]
    const session = (id: string, status: 'finished' | 'working') =>
      ({ id, status }) as unknown as import('@shared/sessions').Session

    it('comes to rest 10 s after three sessions finished, pulses and all', () => {
      const sim = new WorkshopSim()
      sim.ingest([...turn('a'), ...turn('b'), ...turn('c')], false)
      sim.reconcile(['a', 'b', 'c'].map((id) => session(id, 'finished')))
      expect(sim.step()).toBe(true)
      advance(sim, 10, 0.05)
      expect(sim.step()).toBe(false)
    })

    it('lets idle robots play while another robot works, and stops them after', () => {
      const sim = new WorkshopSim()
      sim.ingest(turn('a'), false)
      sim.ingest(
        [ev({ type: 'tool.start', sessionId: 'b', tool: 'Bash', input: {}, toolUseId: 'b-1' })],
        false,
      )
      advance(sim, 30, 0.05)
      const a = sim.zone('a').robot
      expect(a.state).toBe('idle')
      expect(a.livelyUntil).toBeGreaterThan(clockMs / 1000)
      sim.ingest([ev({ type: 'stop', sessionId: 'b' })], false)
      sim.reconcile([session('a', 'finished'), session('b', 'finished')])
      advance(sim, 10, 0.05)
      expect(sim.step()).toBe(false)
    })

    it('stills subagents that outlive their session turn', () => {
      const sim = new WorkshopSim()
      sim.ingest(
        [
          ev({ type: 'subagent.start', sessionId: 'a', subagentId: 'x', subagentType: 'Explore' }),
          ev({ type: 'stop', sessionId: 'a' }),
        ],
        false,
      )
      sim.reconcile([session('a', 'finished')])
      expect(sim.zone('a').subagents.size).toBe(1)
      advance(sim, 10, 0.05)
      expect(sim.step()).toBe(false)
    })
  })
})
