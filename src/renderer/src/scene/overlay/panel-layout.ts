/**
 * Station panels (P) beside their zone (docs/workshop-style.md#labels-and-type): two columns,
 * left and right of the zone, each panel in the column on its station's side, ordered by the
 * station's height on screen and stacked so that no two panels overlap. If the two columns would
 * collide (a narrow pane), everything goes into one column. Pure.
 */
import type { Rect } from './label-layout'

export interface PanelRequest {
  id: string
  /** The station's point on screen (where the connector line ends). */
  x: number
  y: number
  w: number
  h: number
}

export interface PlacedPanel {
  id: string
  rect: Rect
  /** The connector: from this point on the panel's edge to the station. */
  from: { x: number; y: number }
  to: { x: number; y: number }
}

export const PANEL_GAP_PX = 8
const MARGIN_PX = 8
const SIDE_GAP_PX = 20

function stack(
  items: PanelRequest[],
  x: number,
  view: { w: number; h: number },
): { id: string; rect: Rect }[] {
  const sorted = [...items].sort((a, b) => a.y - b.y)
  const rects = sorted.map((p) => ({
    id: p.id,
    rect: { x, y: p.y - p.h / 2, w: p.w, h: p.h },
  }))
  // Push down past the previous panel, then pull the whole column back up if it runs off the
  // bottom, then push down again from the top edge (a column taller than the pane overflows
  // downward, still without overlaps).
  let y = MARGIN_PX
  for (const r of rects) {
    r.rect.y = Math.max(r.rect.y, y)
    y = r.rect.y + r.rect.h + PANEL_GAP_PX
  }
  let bottom = view.h - MARGIN_PX
  for (let i = rects.length - 1; i >= 0; i--) {
    const r = rects[i].rect
    r.y = Math.min(r.y, bottom - r.h)
    bottom = r.y - PANEL_GAP_PX
  }
  y = MARGIN_PX
  for (const r of rects) {
    r.rect.y = Math.max(r.rect.y, y)
    y = r.rect.y + r.rect.h + PANEL_GAP_PX
  }
  return rects
}

export function layoutPanels(
  panels: readonly PanelRequest[],
  zone: Rect,
  view: { w: number; h: number },
): PlacedPanel[] {
  if (panels.length === 0) return []
  const width = Math.max(...panels.map((p) => p.w))
  const centre = zone.x + zone.w / 2
  const leftX = Math.max(MARGIN_PX, zone.x - width - SIDE_GAP_PX)
  const rightX = Math.min(view.w - width - MARGIN_PX, zone.x + zone.w + SIDE_GAP_PX)
  const twoColumns = leftX + width + PANEL_GAP_PX <= rightX
  const left = twoColumns ? panels.filter((p) => p.x < centre) : []
  const right = twoColumns ? panels.filter((p) => p.x >= centre) : [...panels]
  const byId = new Map(panels.map((p) => [p.id, p]))
  const placed = [...stack(left, leftX, view), ...stack(right, rightX, view)]
  return placed.map(({ id, rect }) => {
    const p = byId.get(id)!
    const onLeft = rect.x + rect.w / 2 < p.x
    return {
      id,
      rect,
      from: { x: onLeft ? rect.x + rect.w : rect.x, y: rect.y + rect.h / 2 },
      to: { x: p.x, y: p.y },
    }
  })
}
