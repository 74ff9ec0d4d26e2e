/**
 * Scene-only UI state (camera mode, station panels, draw mode, pending zones, floor menu), kept
 * apart from the app store so the scene owns it. Slow-changing: fine to drive React.
 */
import { create } from 'zustand'
import { BRUSH_MAX, BRUSH_MIN, PENDING_ZONE_TIMEOUT_MS } from './constants'
import type { Hex } from './hex'
import type { StationId } from './stations/station-table'
import type { PlacedZone } from './zone-registry'

export type CameraMode = 'focused' | 'overview' | 'follow-active'

export interface PendingZone {
  id: string
  hex: Hex
  name: string
  createdAt: number
  timedOut: boolean
}

export interface FloorMenu {
  hex: Hex
  /** Pixel position inside the scene pane. */
  x: number
  y: number
  tileId: string | null
}

export interface TileEditor {
  hex: Hex
  tileId: string | null
  text: string
}

export interface DrawState {
  enabled: boolean
  /** Palette index 0–5, or -1 for the eraser. */
  color: number
  brush: number
  stack: boolean
}

export interface HoveredStation {
  sessionId: string
  station: StationId
}

export interface SceneState {
  cameraMode: CameraMode
  focusedSessionId: string | null
  panelsVisible: boolean
  draw: DrawState
  pendingZones: PendingZone[]
  floorMenu: FloorMenu | null
  tileEditor: TileEditor | null
  /** Zones built in the scene, in creation order (the label overlay follows them). */
  zones: readonly PlacedZone[]
  /** The station under the pointer, whose label shows at any distance. */
  hoveredStation: HoveredStation | null
  /** Set by the app: opens its new-session dialog for a hex (the floor menu's "Create zone"). */
  createZoneHandler: ((hex: Hex) => void) | null
}

export const useSceneStore = create<SceneState>()(() => ({
  cameraMode: 'overview',
  focusedSessionId: null,
  panelsVisible: false,
  draw: { enabled: false, color: 0, brush: 1, stack: true },
  pendingZones: [],
  floorMenu: null,
  tileEditor: null,
  zones: [],
  hoveredStation: null,
  createZoneHandler: null,
}))

const pendingTimers = new Map<string, ReturnType<typeof setTimeout>>()
let pendingSeq = 1

/**
 * Shows the loading placeholder at `hex` while a session is being created. After 10 s without a
 * zone there it says the zone is not responding (the UI may also show its own dialog then:
 * `timedOut` turns true). Returns the id to pass to resolvePendingZone.
 */
export function addPendingZone(hex: Hex, name: string): string {
  const id = `pending-${pendingSeq++}`
  const zone: PendingZone = { id, hex, name, createdAt: Date.now(), timedOut: false }
  useSceneStore.setState((s) => ({ pendingZones: [...s.pendingZones, zone] }))
  pendingTimers.set(
    id,
    setTimeout(() => {
      pendingTimers.delete(id)
      useSceneStore.setState((s) => ({
        pendingZones: s.pendingZones.map((p) => (p.id === id ? { ...p, timedOut: true } : p)),
      }))
    }, PENDING_ZONE_TIMEOUT_MS),
  )
  return id
}

/** Removes a placeholder: the session was created (or creation failed). */
export function resolvePendingZone(id: string): void {
  const t = pendingTimers.get(id)
  if (t) clearTimeout(t)
  pendingTimers.delete(id)
  useSceneStore.setState((s) => ({ pendingZones: s.pendingZones.filter((p) => p.id !== id) }))
}

/** Registers the app's "create a session at this hex" dialog for the floor menu. */
export function setCreateZoneHandler(handler: ((hex: Hex) => void) | null): void {
  useSceneStore.setState({ createZoneHandler: handler })
}

export function togglePanels(): void {
  useSceneStore.setState((s) => ({ panelsVisible: !s.panelsVisible }))
}

export function toggleDrawMode(on?: boolean): void {
  useSceneStore.setState((s) => ({
    draw: { ...s.draw, enabled: on ?? !s.draw.enabled },
    floorMenu: null,
  }))
}

export function setDrawColor(index: number): void {
  useSceneStore.setState((s) => ({ draw: { ...s.draw, color: index } }))
}

export function changeBrush(delta: number): void {
  useSceneStore.setState((s) => ({
    draw: { ...s.draw, brush: Math.min(BRUSH_MAX, Math.max(BRUSH_MIN, s.draw.brush + delta)) },
  }))
}

export function toggleStacking(): void {
  useSceneStore.setState((s) => ({ draw: { ...s.draw, stack: !s.draw.stack } }))
}
