/**
 * Places labels on screen so that none overlaps a robot or another label (docs/workshop-style.md,
 * "Labels and type"). Pure: the projector gives each label its candidate rectangles in order of
 * preference, and the robots' projected boxes; labels are placed in the order given (zone labels
 * first), each at its first candidate that overlaps nothing placed so far, no robot and stays on
 * screen. A label with no free candidate is hidden, unless it is required: then it takes the
 * candidate that overlaps least. A candidate that runs off the screen is first pulled back onto it.
 */

export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

export interface LabelRequest {
  id: string
  /** Absolute screen rectangles, best first. */
  candidates: Rect[]
  /** Never hidden (zone labels): falls back to the least overlapping candidate. */
  required: boolean
}

/** Gap kept between a label and anything else, px. */
export const LABEL_GAP_PX = 3

export function intersects(a: Rect, b: Rect, gap = 0): boolean {
  return (
    a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap
  )
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

function inside(r: Rect, view: { w: number; h: number }): boolean {
  return r.x >= 0 && r.y >= 0 && r.x + r.w <= view.w && r.y + r.h <= view.h
}

/** The rectangle moved the least distance that puts it on screen (if it fits at all). */
function onScreen(r: Rect, view: { w: number; h: number }): Rect {
  return {
    ...r,
    x: Math.min(Math.max(r.x, 0), Math.max(0, view.w - r.w)),
    y: Math.min(Math.max(r.y, 0), Math.max(0, view.h - r.h)),
  }
}

export function layoutLabels(
  requests: readonly LabelRequest[],
  obstacles: readonly Rect[],
  view: { w: number; h: number },
): Map<string, Rect | null> {
  const placed: Rect[] = []
  const out = new Map<string, Rect | null>()
  for (const req of requests) {
    let chosen: Rect | null = null
    const candidates = req.candidates.map((c) => onScreen(c, view))
    for (const c of candidates) {
      if (!inside(c, view)) continue
      if (obstacles.some((o) => intersects(c, o, LABEL_GAP_PX))) continue
      if (placed.some((p) => intersects(c, p, LABEL_GAP_PX))) continue
      chosen = c
      break
    }
    if (!chosen && req.required && candidates.length > 0) {
      let best = Infinity
      for (const c of candidates) {
        const cost =
          placed.reduce((a, p) => a + overlapArea(c, p), 0) * 4 +
          obstacles.reduce((a, o) => a + overlapArea(c, o), 0) +
          (inside(c, view) ? 0 : c.w * c.h * 8)
        if (cost < best) {
          best = cost
          chosen = c
        }
      }
    }
    out.set(req.id, chosen)
    if (chosen) placed.push(chosen)
  }
  return out
}

/**
 * Candidate rectangles for a label whose bottom centre wants to sit at (x, y): there, then
 * stepped upward, then to either side — a quarter of its width first, so a label that only
 * needs to clear a robot's edge stays over its own zone, then clear of its own anchor.
 */
export function aboveCandidates(x: number, y: number, w: number, h: number): Rect[] {
  const out: Rect[] = []
  for (let k = 0; k <= 8; k++) out.push({ x: x - w / 2, y: y - h - k * 10, w, h })
  for (const shift of [w / 4, w / 2 + 12])
    for (const side of [1, -1])
      for (let k = 0; k <= 3; k++)
        out.push({ x: x - w / 2 + side * shift, y: y - h - k * 12, w, h })
  return out
}
