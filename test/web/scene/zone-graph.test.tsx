import { afterEach, describe, expect, it, vi } from 'vitest'
import ReactThreeTestRenderer from '@react-three/test-renderer'
import { act } from 'react'
import { workshopSim } from '@renderer/scene/sim/world-sim'
import { Zone } from '@renderer/scene/zone/Zone'
import { notifyZoneChanges } from '@renderer/scene/sim/zone-subscriptions'
import { STATION_IDS } from '@renderer/scene/stations/station-table'
import { FloorMaterial } from '@renderer/scene/zone/floor-material'
import { ATTENTION_PULSE, ATTENTION_PULSE_S } from '@renderer/scene/constants'
import type { Mesh } from 'three'

type Renderer = Awaited<ReturnType<typeof ReactThreeTestRenderer.create>>
let renderer: Renderer | null = null
afterEach(async () => {
  vi.restoreAllMocks()
  await renderer?.unmount()
  renderer = null
  workshopSim.retain([])
})

const props = {
  sessionId: 's1',
  status: 'working' as const,
  hue: 2,
  x: 17.32,
  z: 0,
  elevation: 0,
  exitingSince: null,
}

/** The zone's floor band pulse (the floor material's uniform). */
function bandPulse(r: Renderer): number {
  const floor = r.scene.instance
    .getObjectByName('zone:s1')!
    .getObjectsByProperty('type', 'Mesh')
    .find((m) => (m as Mesh).material instanceof FloorMaterial) as Mesh
  return (floor.material as FloorMaterial).floor.uPulse.value
}

function names(r: Renderer): string[] {
  const out: string[] = []
  r.scene.instance.traverse((o) => o.name && out.push(o.name))
  return out
}

describe('zone scene graph', () => {
  it('has the named zone, robot and nine stations', async () => {
    renderer = await ReactThreeTestRenderer.create(<Zone {...props} />)
    const all = names(renderer)
    expect(all).toContain('zone:s1')
    expect(all).toContain('robot:s1')
    for (const st of STATION_IDS) expect(all).toContain(`station:s1:${st}`)
    const zone = renderer.scene.instance.getObjectByName('zone:s1')!
    expect(zone.position.x).toBeCloseTo(17.32)
    expect(zone.userData.look).toBe('working')
  })

  it('renders subagents of this zone by subagent id and removes them on stop', async () => {
    renderer = await ReactThreeTestRenderer.create(<Zone {...props} />)
    await act(async () => {
      workshopSim.ingest(
        [
          {
            id: 'e1',
            agent: 'claude',
            ts: 0,
            sessionId: 's1',
            type: 'subagent.start',
            subagentId: 'ag-1',
            subagentType: 'Explore',
          },
          {
            id: 'e2',
            agent: 'claude',
            ts: 0,
            sessionId: 's1',
            type: 'subagent.start',
            subagentId: 'ag-2',
            subagentType: 'Plan',
          },
          {
            id: 'e3',
            agent: 'claude',
            ts: 0,
            sessionId: 'other',
            type: 'subagent.start',
            subagentId: 'ag-3',
            subagentType: 'Plan',
          },
        ],
        false,
      )
      notifyZoneChanges()
    })
    let all = names(renderer)
    expect(all.filter((n) => n.startsWith('subagent:')).sort()).toEqual([
      'subagent:ag-1',
      'subagent:ag-2',
    ])
    await act(async () => {
      workshopSim.ingest(
        [
          {
            id: 'e4',
            agent: 'claude',
            ts: 0,
            sessionId: 's1',
            type: 'subagent.stop',
            subagentId: 'ag-1',
            subagentType: 'Explore',
          },
        ],
        false,
      )
      notifyZoneChanges()
    })
    all = names(renderer)
    expect(all.filter((n) => n.startsWith('subagent:'))).toEqual(['subagent:ag-2'])
  })

  it('moves the robot toward its station as frames advance', async () => {
    renderer = await ReactThreeTestRenderer.create(<Zone {...props} />)
    workshopSim.ingest(
      [
        {
          id: 'e5',
          agent: 'claude',
          ts: 0,
          sessionId: 's1',
          type: 'tool.start',
          tool: 'Bash',
          input: { command: 'ls' },
          toolUseId: 't',
        },
      ],
      true,
    )
    await renderer.advanceFrames(2, 0.016)
    const robot = renderer.scene.instance.getObjectByName('robot:s1')!
    // Replayed history places the robot at the terminal's stand point (0, 2.8) at once.
    expect(robot.position.z).toBeCloseTo(2.8)
    expect(workshopSim.zone('s1').robot.state).toBe('working')
  })

  it('pulses the band when a screen starts waiting in the terminal, then holds', async () => {
    // A screen has no hook event of its own (the core's timer decides it), so the pulse must
    // start from the status change.
    let nowMs = 1_000_000
    vi.spyOn(performance, 'now').mockImplementation(() => nowMs)
    const pulseAt = async (seconds: number) => {
      nowMs = 1_000_000 + seconds * 1000
      await renderer!.advanceFrames(1, 0.016)
      return bandPulse(renderer!)
    }
    renderer = await ReactThreeTestRenderer.create(<Zone {...props} status="starting" />)
    expect(await pulseAt(0)).toBe(0)
    await act(async () => renderer!.update(<Zone {...props} status="screen" />))
    const during: number[] = []
    for (const t of [0.25, 0.5, 0.75]) during.push(await pulseAt(t))
    const { hold, depth } = ATTENTION_PULSE.strong
    expect(Math.max(...during)).toBeGreaterThan(hold + depth / 2)
    expect(await pulseAt(ATTENTION_PULSE_S + 1)).toBeCloseTo(hold)
  })

  it('holds without pulsing a status the zone opened with (the app starting on a waiting session)', async () => {
    let nowMs = 2_000_000
    vi.spyOn(performance, 'now').mockImplementation(() => nowMs)
    renderer = await ReactThreeTestRenderer.create(<Zone {...props} status="screen" />)
    for (const t of [0.25, 0.5, 0.75]) {
      nowMs = 2_000_000 + t * 1000
      await renderer.advanceFrames(1, 0.016)
      expect(bandPulse(renderer)).toBeCloseTo(ATTENTION_PULSE.strong.hold)
    }
  })
})
