/**
 * Draw-mode actions with side effects beyond the scene store (sound, persistence), called by the
 * window's keybinding registry (keyboard/handlers.ts) and by the draw HUD.
 */
import { useAppStore } from '../store'
import { core } from '../transport'
import { playColorSelect, playSound } from '../audio/sound-engine'
import { setDrawColor } from './scene-store'

/** Paint hexes are cleared in batches of this many per request. */
const CLEAR_BATCH = 1000

/** Palette slot 0–5, or -1 for the eraser, with the original's selection chime. */
export function pickDrawColor(index: number): void {
  setDrawColor(index)
  playColorSelect(index)
}

/** Erases every painted hex (draw mode X). */
export function clearPaint(): void {
  const store = useAppStore.getState()
  if (store.hexes.length === 0) return
  const changes = store.hexes.map((h) => ({ q: h.q, r: h.r, color: h.color, height: 0 }))
  store.setHexes([])
  playSound('clear')
  for (let i = 0; i < changes.length; i += CLEAR_BATCH) {
    core()
      .invoke('hexes.paint', { hexes: changes.slice(i, i + CLEAR_BATCH) })
      .catch((err: unknown) =>
        store.toast(
          'error',
          `Could not clear: ${err instanceof Error ? err.message : String(err)}`,
        ),
      )
  }
}
