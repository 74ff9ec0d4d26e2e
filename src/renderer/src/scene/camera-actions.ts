/**
 * Camera actions for the whole app (keybindings, session list, menus): focus a zone, overview,
 * follow-active. The CameraRig inside the canvas registers how to fly; these compute where.
 */
import {
  CAMERA_FOCUS_OFFSET,
  OVERVIEW_DISTANCE_FACTOR,
  OVERVIEW_MARGIN_UNITS,
  OVERVIEW_MIN_EXTENT_UNITS,
} from './constants'
import { useSceneStore, type CameraMode } from './scene-store'
import { placedZones, zoneByHotkey } from './zone-registry'

export interface Vec3 {
  x: number
  y: number
  z: number
}

type Flyer = (target: Vec3, position: Vec3) => void
let flyer: Flyer | null = null
const focusListeners = new Set<(sessionId: string) => void>()

/** Registered by the CameraRig while the canvas is mounted. */
export function registerFlyer(f: Flyer | null): void {
  flyer = f
}

/** Called when a zone gets focus (selection, sound, greeting live elsewhere). */
export function onZoneFocus(cb: (sessionId: string) => void): () => void {
  focusListeners.add(cb)
  return () => focusListeners.delete(cb)
}

export function setCameraMode(mode: CameraMode): void {
  useSceneStore.setState({ cameraMode: mode })
}

/** Camera target and position for looking at one zone (target + (8, 6, 8)). */
export function focusView(
  x: number,
  elevation: number,
  z: number,
): { target: Vec3; position: Vec3 } {
  const target = { x, y: elevation, z }
  const [ox, oy, oz] = CAMERA_FOCUS_OFFSET
  return { target, position: { x: x + ox, y: elevation + oy, z: z + oz } }
}

/** The view over every zone: their bounding box ±10, extent at least 30. */
export function overviewView(points: readonly { x: number; z: number }[]): {
  target: Vec3
  position: Vec3
} {
  const xs = points.length ? points.map((p) => p.x) : [0]
  const zs = points.length ? points.map((p) => p.z) : [0]
  const minX = Math.min(...xs) - OVERVIEW_MARGIN_UNITS
  const maxX = Math.max(...xs) + OVERVIEW_MARGIN_UNITS
  const minZ = Math.min(...zs) - OVERVIEW_MARGIN_UNITS
  const maxZ = Math.max(...zs) + OVERVIEW_MARGIN_UNITS
  const cx = (minX + maxX) / 2
  const cz = (minZ + maxZ) / 2
  const extent = Math.max(maxX - minX, maxZ - minZ, OVERVIEW_MIN_EXTENT_UNITS)
  return {
    target: { x: cx, y: 0, z: cz },
    position: {
      x: cx,
      y: 0.8 * extent * OVERVIEW_DISTANCE_FACTOR,
      z: cz + 0.3 * extent * OVERVIEW_DISTANCE_FACTOR,
    },
  }
}

function flyToZone(sessionId: string): boolean {
  const zone = placedZones.get(sessionId)
  if (!zone || !flyer) return false
  const v = focusView(zone.x, zone.elevation, zone.z)
  flyer(v.target, v.position)
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
  if (!flyer) return
  const v = overviewView([...placedZones.values()])
  flyer(v.target, v.position)
}

/** Follow-active: the camera flies to each zone that starts a tool or gets a prompt. */
export function followActive(on = true): void {
  setCameraMode(on ? 'follow-active' : 'focused')
}

/** From the simulation: a zone became active. */
export function noteZoneActivity(sessionId: string): void {
  if (useSceneStore.getState().cameraMode === 'follow-active') flyToZone(sessionId)
}
