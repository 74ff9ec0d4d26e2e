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

/**
 * Moves the camera onto a session's zone for a move the app makes on its own (the zone in view
 * was deleted): none of what the user's own focus does (greeting, sound, outcome marked seen).
 * Follow-active stays on; otherwise the camera is focused there, and a rig mounted later starts
 * there.
 */
export function moveCameraTo(sessionId: string): void {
  flyToZone(sessionId)
  const { cameraMode } = useSceneStore.getState()
  useSceneStore.setState({
    cameraMode: cameraMode === 'follow-active' ? cameraMode : 'focused',
    focusedSessionId: sessionId,
  })
}

/** Hotkeys 1–9: focus the session shown with that number. */
export function focusSession(hotkey: number): void {
  const zone = zoneByHotkey(hotkey)
  if (zone) focusZone(zone.sessionId)
}

/**
 * Hotkey 0: see every zone. `only` leaves out zones whose session is gone but which the scene
 * has not yet taken off the registry (a delete, seen before the scene renders it).
 */
export function overview(only?: ReadonlySet<string>): void {
  useSceneStore.setState({ cameraMode: 'overview', focusedSessionId: null })
  if (!rig) return
  const zones = [...placedZones.values()].filter((z) => !only || only.has(z.sessionId))
  rig.fly(overviewView(zones, rig.lens()))
}

/**
 * The canvas changed shape (a panel opened, the attention bar appeared): the current view is
 * framed again for the new aspect. The camera only — not a focus by the user: no greeting, no
 * sound, and a finished turn of the zone in view is not marked seen (it stays in the queue).
 */
export function reframe(): void {
  const { cameraMode, focusedSessionId } = useSceneStore.getState()
  if (cameraMode === 'overview') overview()
  else if (focusedSessionId) flyToZone(focusedSessionId)
}

/** Follow-active: the camera flies to each zone that starts a tool or gets a prompt. */
export function followActive(on = true): void {
  setCameraMode(on ? 'follow-active' : 'focused')
}

/** From the simulation: a zone became active. */
export function noteZoneActivity(sessionId: string): void {
  if (useSceneStore.getState().cameraMode === 'follow-active') flyToZone(sessionId)
}
