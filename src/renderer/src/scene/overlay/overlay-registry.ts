/**
 * What the HTML overlay positions each rendered frame: labels and panels (registered by the
 * overlay's React components with their element and world anchor) and the robots they must not
 * cover (registered by the Robot component). Module state shared by the DOM side and the canvas
 * side; the projector (OverlayProjector) reads it in the render loop.
 */
import type { Object3D, Vector3 } from 'three'
import { wake } from '../frame-demand'

export type OverlayKind = 'zone' | 'station' | 'panel' | 'placeholder'

export interface OverlayEntry {
  key: string
  kind: OverlayKind
  el: HTMLElement
  /** Zone the entry belongs to ('' for none). */
  sessionId: string
  /** Writes the world anchor into `out`; false hides the entry. */
  anchor(out: Vector3): boolean
  /** Station labels: the top of the model, to place the label above it. */
  top?(out: Vector3): boolean
  /** Shown only when the zone's projected radius is at least this many px (0: always). */
  minZonePx: number
  /** Border-box size in px, measured by a ResizeObserver; 0 until measured. */
  w: number
  h: number
  /** Last written position and visibility, to skip unchanged style writes. */
  last: { x: number; y: number; shown: boolean }
}

export const overlayEntries = new Map<string, OverlayEntry>()

export interface Actor {
  object: Object3D
  mini: boolean
  /** Thought bubbles float beside the head while the robot works or thinks. */
  bubbles: () => boolean
}
export const actors = new Set<Actor>()

/** The panels' connector lines are drawn into this element (an SVG) when present. */
export const connectorLayer: { el: SVGSVGElement | null } = { el: null }

let observer: ResizeObserver | null = null
function sizes(): ResizeObserver | null {
  if (!observer && typeof ResizeObserver !== 'undefined')
    observer = new ResizeObserver((records) => {
      for (const r of records) {
        const entry = (r.target as HTMLElement & { overlayKey?: string }).overlayKey
        const e = entry ? overlayEntries.get(entry) : undefined
        if (!e) continue
        const box = r.borderBoxSize?.[0]
        e.w = box ? box.inlineSize : (r.target as HTMLElement).offsetWidth
        e.h = box ? box.blockSize : (r.target as HTMLElement).offsetHeight
      }
      wake()
    })
  return observer
}

export function registerOverlay(entry: Omit<OverlayEntry, 'w' | 'h' | 'last'>): () => void {
  const full: OverlayEntry = { ...entry, w: 0, h: 0, last: { x: NaN, y: NaN, shown: true } }
  ;(entry.el as HTMLElement & { overlayKey?: string }).overlayKey = entry.key
  overlayEntries.set(entry.key, full)
  full.el.style.visibility = 'hidden'
  full.last.shown = false
  const ro = sizes()
  if (ro) ro.observe(entry.el, { box: 'border-box' })
  else {
    full.w = entry.el.offsetWidth
    full.h = entry.el.offsetHeight
  }
  wake()
  return () => {
    ro?.unobserve(entry.el)
    if (overlayEntries.get(entry.key) === full) overlayEntries.delete(entry.key)
    wake()
  }
}

export function registerActor(actor: Actor): () => void {
  actors.add(actor)
  return () => actors.delete(actor)
}
