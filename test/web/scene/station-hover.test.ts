import { afterEach, describe, expect, it } from 'vitest'
import { stationAt, STATION_HOVER_UNITS } from '@renderer/scene/world/station-hover'
import { setPlacedZones, type PlacedZone } from '@renderer/scene/zone-registry'
import { STATIONS } from '@renderer/scene/stations/station-table'
import { hexToWorld } from '@renderer/scene/hex'

function zone(id: string, q: number, r: number): PlacedZone {
  return { sessionId: id, hex: { q, r }, ...hexToWorld({ q, r }), hue: 0, hotkey: 1, elevation: 0 }
}

afterEach(() => setPlacedZones([], []))

describe('station under the pointer', () => {
  it('finds the station of the zone under the point, and nothing between stations', () => {
    const a = zone('a', 1, 0)
    setPlacedZones([zone('c', 0, 0), a], [])
    const [sx, sz] = STATIONS.terminal.position
    expect(stationAt(a.x + sx + 0.5, a.z + sz)).toEqual({ sessionId: 'a', station: 'terminal' })
    expect(stationAt(a.x + sx + STATION_HOVER_UNITS + 0.1, a.z + sz)).toBeNull()
    // The centre dais is where the robot stands, not a station with a label.
    expect(stationAt(a.x, a.z)).toBeNull()
  })

  it('finds nothing on empty floor', () => {
    setPlacedZones([zone('c', 0, 0)], [])
    const far = hexToWorld({ q: 3, r: 0 })
    expect(stationAt(far.x, far.z)).toBeNull()
  })
})
