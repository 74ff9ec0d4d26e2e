/**
 * Draw-mode painting rules (docs/original.md#draw-mode-labels-and-the-floor-menu), pure: what a brush stroke on a hex does to the
 * painted-hex list. Heights are stack layers (1–100), each PAINT_LAYER_UNITS tall.
 */
import { HEX_STACK_MAX, type PaintedHex } from '@shared/world'
import { hexKey, hexesWithin, type Hex } from './hex'

export interface PaintChange {
  q: number
  r: number
  color: string
  /** 0 clears the hex. */
  height: number
}

/**
 * One stroke at `center`: every hex under the brush (radius 1–4 covers 1, 7, 19, 37 hexes) gets
 * the colour; with stacking on, the same colour again adds a layer. `color` null is the eraser.
 */
export function strokeChanges(
  existing: readonly PaintedHex[],
  center: Hex,
  brush: number,
  color: string | null,
  stack: boolean,
  skip: ReadonlySet<string> = new Set(),
): PaintChange[] {
  const byKey = new Map(existing.map((h) => [hexKey(h), h]))
  const out: PaintChange[] = []
  for (const hex of hexesWithin(center, brush - 1)) {
    const key = hexKey(hex)
    if (skip.has(key)) continue
    const prev = byKey.get(key)
    if (color === null) {
      if (prev) out.push({ q: hex.q, r: hex.r, color: prev.color, height: 0 })
      continue
    }
    const sameColor = prev?.color.toLowerCase() === color.toLowerCase()
    const height = prev
      ? sameColor && stack
        ? Math.min(HEX_STACK_MAX, prev.height + 1)
        : prev.height
      : 1
    if (prev && sameColor && height === prev.height) continue
    out.push({ q: hex.q, r: hex.r, color, height })
  }
  return out
}

/** Applies changes to the list (optimistic local update before the server's push). */
export function applyPaint(
  existing: readonly PaintedHex[],
  changes: readonly PaintChange[],
): PaintedHex[] {
  const byKey = new Map(existing.map((h) => [hexKey(h), h]))
  for (const c of changes) {
    const key = hexKey(c)
    if (c.height <= 0) byKey.delete(key)
    else byKey.set(key, { q: c.q, r: c.r, color: c.color, height: c.height })
  }
  return [...byKey.values()]
}
