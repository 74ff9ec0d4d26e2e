/**
 * The 3D scene's imperative actions (camera moves, draw-mode tools), owned by the scene module.
 * Looked up through globs so the window keeps working — and this file compiles — if the scene
 * renames or drops one; every call is optional.
 */
import type { HexCoord } from '@shared/sessions'
import { useAppStore } from '../store'

interface CameraModule {
  focusZone?(sessionId: string): void
  overview?(): void
  followActive?(on?: boolean): void
}

interface SceneStoreModule {
  useSceneStore?: {
    getState(): { draw?: { enabled?: boolean }; cameraMode?: string }
    subscribe(cb: () => void): () => void
  }
  togglePanels?(): void
  toggleDrawMode?(on?: boolean): void
  setDrawColor?(index: number): void
  changeBrush?(delta: number): void
  toggleStacking?(): void
  addPendingZone?(hex: HexCoord, name: string): string
  resolvePendingZone?(id: string): void
  setCreateZoneHandler?(handler: ((hex: HexCoord) => void) | null): void
}

interface DrawActionsModule {
  pickDrawColor?(index: number): void
  clearPaint?(): void
}

const first = <T>(mods: Record<string, unknown>): T => (Object.values(mods)[0] ?? {}) as T
const camera = first<CameraModule>(import.meta.glob('../scene/camera-actions.ts', { eager: true }))
const scene = first<SceneStoreModule>(import.meta.glob('../scene/scene-store.ts', { eager: true }))
const drawActions = first<DrawActionsModule>(
  import.meta.glob('../scene/draw-actions.ts', { eager: true }),
)

export const sceneBridge = {
  focusZone: (sessionId: string) => camera.focusZone?.(sessionId),
  overview: () => camera.overview?.(),
  toggleFollow: () => {
    const following = scene.useSceneStore?.getState().cameraMode === 'follow-active'
    camera.followActive?.(!following)
  },
  togglePanels: () => scene.togglePanels?.(),
  /** Draw mode lives in the scene's store when the scene has one, else in the app store. */
  isDrawMode: (): boolean =>
    scene.useSceneStore?.getState().draw?.enabled ?? useAppStore.getState().drawMode,
  setDrawMode: (on: boolean) => {
    useAppStore.getState().setDrawMode(on)
    scene.toggleDrawMode?.(on)
  },
  /** Keeps the app store's drawMode in step with the scene's (the draw hint reads it). */
  syncDrawMode: (): (() => void) => {
    const s = scene.useSceneStore
    if (!s) return () => {}
    const sync = () => {
      const on = Boolean(s.getState().draw?.enabled)
      if (useAppStore.getState().drawMode !== on) useAppStore.getState().setDrawMode(on)
    }
    sync()
    return s.subscribe(sync)
  },
  /** Palette slot 0–5, or -1 for the eraser. */
  setDrawColor: (slot: number) =>
    drawActions.pickDrawColor ? drawActions.pickDrawColor(slot) : scene.setDrawColor?.(slot),
  changeBrush: (delta: number) => scene.changeBrush?.(delta),
  toggleStacking: () => scene.toggleStacking?.(),
  clearPaint: () => drawActions.clearPaint?.(),
  addPendingZone: (hex: HexCoord, name: string): string | null =>
    scene.addPendingZone?.(hex, name) ?? null,
  resolvePendingZone: (id: string) => scene.resolvePendingZone?.(id),
  setCreateZoneHandler: (handler: ((hex: HexCoord) => void) | null) =>
    scene.setCreateZoneHandler?.(handler),
}
