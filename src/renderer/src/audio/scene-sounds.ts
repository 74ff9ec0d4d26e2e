/**
 * Connects the workshop to sound: event sounds from the simulation, positioned at their zone
 * unless they are global (docs/original.md#sound lists which), and the focus sound.
 */
import type { SoundName } from '../scene/mapping'
import { useSceneStore } from '../scene/scene-store'
import { placedZones } from '../scene/zone-registry'
import { playSound, spatialEnabled } from './sound-engine'
import { spatialize, type Listener } from './spatial'

const GLOBAL_SOUNDS = new Set<SoundName>([
  'git_commit',
  'intro',
  'notification',
  'clear',
  'focus',
  'click',
  'hover',
])

let listener: Listener = { x: 0, z: 0, yaw: 0 }

/** The camera, updated by the scene (about every 100 ms while it moves). */
export function setListener(l: Listener): void {
  listener = l
}

export function playZoneSound(name: SoundName, sessionId: string): void {
  const zone = placedZones.get(sessionId)
  if (!zone || GLOBAL_SOUNDS.has(name) || !spatialEnabled()) {
    playSound(name)
    return
  }
  const focused = useSceneStore.getState().focusedSessionId === sessionId
  const { volume, pan } = spatialize(zone, listener, focused)
  playSound(name, { gain: volume, pan })
}
