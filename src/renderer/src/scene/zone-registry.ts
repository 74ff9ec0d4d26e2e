/** Where every zone is right now (world centre, elevation, hotkey): read by camera, sound, debug. */
import type { ZonePlacement } from './layout'

export interface PlacedZone extends ZonePlacement {
  elevation: number
}

export const placedZones = new Map<string, PlacedZone>()

export function setPlacedZones(zones: readonly PlacedZone[]): void {
  placedZones.clear()
  for (const z of zones) placedZones.set(z.sessionId, z)
}

export function zoneByHotkey(hotkey: number): PlacedZone | undefined {
  for (const z of placedZones.values()) if (z.hotkey === hotkey) return z
  return undefined
}
