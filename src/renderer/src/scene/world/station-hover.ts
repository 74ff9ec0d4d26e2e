/**
 * Which station of which zone is under a point of the floor: its label then shows at any
 * distance (docs/workshop-style.md#labels-and-type).
 */
import type { HoveredStation } from '../scene-store'
import { STATIONS, STATION_IDS } from '../stations/station-table'
import { worldToHex } from '../hex'
import { placedZones } from '../zone-registry'

/** The pointer is over a station when it is this close to its centre on the floor. */
export const STATION_HOVER_UNITS = 1.3

export function stationAt(x: number, z: number): HoveredStation | null {
  const hex = worldToHex(x, z)
  for (const zone of placedZones.values()) {
    if (zone.hex.q !== hex.q || zone.hex.r !== hex.r) continue
    for (const id of STATION_IDS) {
      if (id === 'center') continue
      const [sx, sz] = STATIONS[id].position
      if (Math.hypot(x - zone.x - sx, z - zone.z - sz) < STATION_HOVER_UNITS)
        return { sessionId: zone.sessionId, station: id }
    }
  }
  return null
}
