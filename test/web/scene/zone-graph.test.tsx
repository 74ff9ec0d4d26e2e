import { afterEach, describe, expect, it } from 'vitest'
import ReactThreeTestRenderer from '@react-three/test-renderer'
import { act } from 'react'
import { workshopSim } from '@renderer/scene/sim/world-sim'
import { Zone } from '@renderer/scene/zone/Zone'
import { notifyZoneChanges } from '@renderer/scene/sim/zone-subscriptions'
import { STATION_IDS } from '@renderer/scene/stations/station-table'

type Renderer = Awaited<ReturnType<typeof ReactThreeTestRenderer.create>>
let renderer: Renderer | null = null
afterEach(async () => {
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
})
