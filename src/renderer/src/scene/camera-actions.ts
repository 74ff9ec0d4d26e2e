/**
 * Camera actions for the whole app (keybindings, session list, menus): focus a zone, overview,
 * follow-active. The CameraRig inside the canvas registers how to fly; camera-views.ts computes
 * where.
 */
import { closeUpView, overviewView, type Lens, type View } from './camera-views'
import { useSceneStore, type CameraMode } from './scene-store'
import { placedZones, zoneByHotkey } from './zone-registry'

/** The CameraRig inside the canvas: how to fly, and the camera's lens right now. */
export interface CameraRigHandle {
  fly(view: View): void
  lens(): Lens
}

let rig: CameraRigHandle | null = null
/** True while the CameraRig glides to a new view. */
export const cameraMotion = { moving: false }
const focusListeners = new Set<(sessionId: string) => void>()

/** Registered by the CameraRig while the canvas is mounted. */
export function registerCameraRig(r: CameraRigHandle | null): void {
  rig = r
}

/** Called when a zone gets focus (selection, sound, greeting live elsewhere). */
export function onZoneFocus(cb: (sessionId: string) => void): () => void {
  focusListeners.add(cb)
  return () => focusListeners.delete(cb)
}

export function setCameraMode(mode: CameraMode): void {
  useSceneStore.setState({ cameraMode: mode })
}

function flyToZone(sessionId: string): boolean {
  const zone = placedZones.get(sessionId)
  if (!zone || !rig) return false
  rig.fly(closeUpView(zone, rig.lens()))
  return true
}

/** Focus a zone by session id: the camera flies there and the session is selected. */
export function focusZone(sessionId: string): void {
  if (!flyToZone(sessionId)) return
  useSceneStore.setState({ cameraMode: 'focused', focusedSessionId: sessionId })
  for (const cb of focusListeners) cb(sessionId)
}

/** Hotkeys 1–9: focus the session shown with that number. */
export function focusSession(hotkey: number): void {
  const zone = zoneByHotkey(hotkey)
  if (zone) focusZone(zone.sessionId)
}

/** Hotkey 0: see every zone. */
export function overview(): void {
  useSceneStore.setState({ cameraMode: 'overview', focusedSessionId: null })
  if (!rig) return
  rig.fly(overviewView([...placedZones.values()], rig.lens()))
}

/** Follow-active: the camera flies to each zone that starts a tool or gets a prompt. */
export function followActive(on = true): void {
  setCameraMode(on ? 'follow-active' : 'focused')
}

/** From the simulation: a zone became active. */
export function noteZoneActivity(sessionId: string): void {
  if (useSceneStore.getState().cameraMode === 'follow-active') flyToZone(sessionId)
}
