/**
 * Where every zone is right now (world centre, elevation, hotkey, colour slot): read by camera,
 * sound, labels and debug. `placedZones` holds every placed session (the camera frames them);
 * the scene store's `zones` lists those already built, which the label overlay follows.
 */
import type { ZonePlacement } from './layout'
import { useSceneStore } from './scene-store'

export interface PlacedZone extends ZonePlacement {
  elevation: number
}

export const placedZones = new Map<string, PlacedZone>()

export function setPlacedZones(zones: readonly PlacedZone[], built: readonly PlacedZone[]): void {
  placedZones.clear()
  for (const z of zones) placedZones.set(z.sessionId, z)
  const prev = useSceneStore.getState().zones
  const same =
    prev.length === built.length &&
    prev.every((p, i) => {
      const b = built[i]
      return (
        p.sessionId === b.sessionId &&
        p.x === b.x &&
        p.z === b.z &&
        p.elevation === b.elevation &&
        p.hotkey === b.hotkey &&
        p.hue === b.hue
      )
    })
  if (!same) useSceneStore.setState({ zones: built })
}

export function zoneByHotkey(hotkey: number): PlacedZone | undefined {
  for (const z of placedZones.values()) if (z.hotkey === hotkey) return z
  return undefined
}
