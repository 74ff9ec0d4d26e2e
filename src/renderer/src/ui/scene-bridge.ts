/**
 * The 3D scene's imperative actions (camera moves, draw-mode tools), owned by the scene module.
 * Looked up through a glob so the window works — and this file compiles — before the scene
 * exports them; every call is optional and silently skipped when the scene lacks it.
 */
export interface SceneActions {
  focusSession?(index: number): void
  overview?(): void
  toggleFollow?(): void
  togglePanels?(): void
  setDrawColor?(slot: number): void
  setEraser?(): void
  changeBrush?(delta: number): void
  toggleStacking?(): void
  clearPaint?(): void
}

const modules = import.meta.glob('../scene/camera-actions.ts', { eager: true })

export function sceneActions(): SceneActions {
  return (Object.values(modules)[0] ?? {}) as SceneActions
}
