/**
 * Connects the workshop to sound: event sounds from the simulation, positioned at their zone
 * unless they are global (docs/original.md#sound lists which), and the focus sound. The two
 * attention cues both come from their session's zone (docs/fleet.md#the-attention-queue): the
 * needs-you sound ("notification") too, which the original played globally — with several
 * sessions, where it comes from says which one asks.
 */
import type { SoundName } from '../scene/mapping'
import { useSceneStore } from '../scene/scene-store'
import { placedZones } from '../scene/zone-registry'
import { useAppStore } from '../store'
import { playSound, spatialEnabled } from './sound-engine'
import { spatialize, type Listener } from './spatial'

const GLOBAL_SOUNDS = new Set<SoundName>([
  'git_commit',
  'intro',
  'clear',
  'focus',
  'click',
  'hover',
])

let listener: Listener = { x: 0, z: 0, yaw: 0 }

/**
 * The two attention cues, each switchable (Settings → Sound): a finished turn's sound and the
 * sound of a request or question that needs the user. They never share a sound.
 */
const CUE_OF: Partial<Record<SoundName, 'finishedCue' | 'needsYouCue'>> = {
  stop: 'finishedCue',
  notification: 'needsYouCue',
}

function cueAllowed(name: SoundName): boolean {
  const cue = CUE_OF[name]
  return !cue || (useAppStore.getState().settings?.sound[cue] ?? true)
}

/** The camera, updated by the scene (about every 100 ms while it moves). */
export function setListener(l: Listener): void {
  listener = l
}

export function playZoneSound(name: SoundName, sessionId: string): void {
  if (!cueAllowed(name)) return
  const zone = placedZones.get(sessionId)
  if (!zone || GLOBAL_SOUNDS.has(name) || !spatialEnabled()) {
    playSound(name)
    return
  }
  const focused = useSceneStore.getState().focusedSessionId === sessionId
  const { volume, pan } = spatialize(zone, listener, focused)
  playSound(name, { gain: volume, pan })
}
