/**
 * Positions the HTML overlay (zone labels, station labels, panels, the first-run card) after each
 * rendered frame: projects anchors and robot boxes with the frame's camera, lays labels out so
 * none covers a robot or another label (label-layout.ts), stacks panels beside their zone
 * (panel-layout.ts), and writes only the styles that changed. It runs inside the render, so an
 * idle workshop (no frames) costs nothing here either.
 */
import { useEffect } from 'react'
import { useThree } from '@react-three/fiber'
import { Vector3, type Camera, type Object3D } from 'three'
import { COMPACT_LABEL_ZONE_PX, HEX_RADIUS_UNITS } from '../constants'
import { hexCorners } from '../hex'
import { placedZones } from '../zone-registry'
import { aboveCandidates, layoutLabels, type LabelRequest, type Rect } from './label-layout'
import { layoutPanels, type PanelRequest, type PlacedPanel } from './panel-layout'
import {
  actors,
  connectorLayer,
  overlayEntries,
  type Actor,
  type OverlayEntry,
} from './overlay-registry'

export interface OverlayFrame {
  view: { w: number; h: number }
  robots: Rect[]
  labels: Map<string, Rect | null>
  panels: PlacedPanel[]
}

/** The last layout, for the debug hook. */
export const lastOverlayFrame: OverlayFrame = {
  view: { w: 0, h: 0 },
  robots: [],
  labels: new Map(),
  panels: [],
}

const v = new Vector3()
const w2 = new Vector3()
const corner = new Vector3()
const HEX = hexCorners(HEX_RADIUS_UNITS)

/** Screen point in px; null when behind the camera. */
function toScreen(
  p: Vector3,
  camera: Camera,
  w: number,
  h: number,
): { x: number; y: number } | null {
  v.copy(p).project(camera)
  if (v.z > 1 || v.z < -1) return null
  return { x: ((v.x + 1) / 2) * w, y: ((1 - v.y) / 2) * h }
}

function visibleInWorld(o: Object3D): boolean {
  for (let p: Object3D | null = o; p; p = p.parent) if (!p.visible) return false
  return true
}

/** Screen bounds of world points; null when any is behind the camera. */
function screenBounds(
  points: Iterable<Vector3>,
  camera: Camera,
  w: number,
  h: number,
): Rect | null {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const p of points) {
    const s = toScreen(p, camera, w, h)
    if (!s) return null
    minX = Math.min(minX, s.x)
    maxX = Math.max(maxX, s.x)
    minY = Math.min(minY, s.y)
    maxY = Math.max(maxY, s.y)
  }
  return minX === Infinity ? null : { x: minX, y: minY, w: maxX - minX, h: maxY - minY }
}

/** A robot's box on screen: its local bounds (wider and taller with bubbles) projected. */
export function actorRect(a: Actor, camera: Camera, w: number, h: number): Rect | null {
  const half = a.bubbles() ? 0.95 : 0.62
  const top = a.bubbles() ? 2.9 : 2.2
  function* corners() {
    for (const x of [-half, half])
      for (const y of [0, top])
        for (const z of [-half, half]) yield corner.set(x, y, z).applyMatrix4(a.object.matrixWorld)
  }
  return screenBounds(corners(), camera, w, h)
}

function zoneScreen(
  sessionId: string,
  camera: Camera,
  w: number,
  h: number,
): { rect: Rect; radius: number } | null {
  const z = placedZones.get(sessionId)
  if (!z) return null
  function* corners() {
    for (const c of HEX) yield corner.set(z!.x + c.x, z!.elevation, z!.z + c.z)
  }
  const rect = screenBounds(corners(), camera, w, h)
  return rect ? { rect, radius: rect.w / 2 } : null
}

function write(e: OverlayEntry, r: Rect | null): void {
  const shown = r !== null
  if (shown) {
    const x = Math.round(r.x)
    const y = Math.round(r.y)
    if (x !== e.last.x || y !== e.last.y) {
      e.el.style.transform = `translate3d(${x}px, ${y}px, 0)`
      e.last.x = x
      e.last.y = y
    }
  }
  if (shown !== e.last.shown) {
    e.el.style.visibility = shown ? 'visible' : 'hidden'
    e.last.shown = shown
  }
}

/** Compact zone label for a small zone (the element's size changes; its observer wakes a frame). */
function setCompact(e: OverlayEntry, compact: boolean): void {
  if (e.el.hasAttribute('data-compact') !== compact) e.el.toggleAttribute('data-compact', compact)
}

function stationCandidates(
  e: OverlayEntry,
  base: { x: number; y: number },
  top: { x: number; y: number } | null,
): Rect[] {
  const { w, h } = e
  const out: Rect[] = [{ x: base.x - w / 2, y: base.y + 6, w, h }]
  if (top) out.push({ x: top.x - w / 2, y: top.y - h - 6, w, h })
  const midY = top ? (base.y + top.y) / 2 : base.y
  out.push({ x: base.x + 24, y: midY - h / 2, w, h }, { x: base.x - w - 24, y: midY - h / 2, w, h })
  if (top) {
    out.push(
      { x: top.x + 16, y: top.y - h - 6, w, h },
      { x: top.x - w - 16, y: top.y - h - 6, w, h },
    )
    out.push({ x: top.x - w / 2, y: top.y - 2 * h - 10, w, h })
  }
  for (let k = 1; k <= 3; k++) out.push({ x: base.x - w / 2, y: base.y + 6 + k * (h + 4), w, h })
  return out
}

function connectorsSvg(panels: PlacedPanel[]): string {
  return panels
    .map(
      (p) =>
        `<line x1="${Math.round(p.from.x)}" y1="${Math.round(p.from.y)}" x2="${Math.round(p.to.x)}" y2="${Math.round(p.to.y)}" /><circle cx="${Math.round(p.to.x)}" cy="${Math.round(p.to.y)}" r="3" />`,
    )
    .join('')
}
let lastConnectors = { el: null as SVGSVGElement | null, svg: '' }

export function projectOverlay(camera: Camera, w: number, h: number): void {
  const view = { w, h }
  const robots: Rect[] = []
  for (const a of actors) {
    if (!visibleInWorld(a.object)) continue
    const r = actorRect(a, camera, w, h)
    if (r) robots.push(r)
  }
  const zoneInfo = new Map<string, { rect: Rect; radius: number } | null>()
  const zoneOf = (id: string) => {
    if (!zoneInfo.has(id)) zoneInfo.set(id, zoneScreen(id, camera, w, h))
    return zoneInfo.get(id)!
  }

  const requests: LabelRequest[] = []
  const hidden: OverlayEntry[] = []
  const panels: PanelRequest[] = []
  let panelZone: string | null = null
  const byKind = (kind: OverlayEntry['kind']) =>
    [...overlayEntries.values()].filter((e) => e.kind === kind)

  for (const e of byKind('placeholder')) {
    const s = e.anchor(w2) ? toScreen(w2, camera, w, h) : null
    write(e, s && e.w > 0 ? { x: s.x - e.w / 2, y: s.y - e.h / 2, w: e.w, h: e.h } : null)
  }
  for (const e of byKind('zone')) {
    const zone = zoneOf(e.sessionId)
    if (zone) setCompact(e, zone.radius < COMPACT_LABEL_ZONE_PX)
    const s = e.w > 0 && e.anchor(w2) ? toScreen(w2, camera, w, h) : null
    // A zone whose label anchor is off screen (a close-up's neighbours) shows no label.
    if (!s || s.x < 0 || s.y < 0 || s.x > w || s.y > h) hidden.push(e)
    else
      requests.push({ id: e.key, candidates: aboveCandidates(s.x, s.y, e.w, e.h), required: true })
  }
  for (const e of byKind('station')) {
    const zone = e.sessionId ? zoneOf(e.sessionId) : null
    const near = zone !== null && zone.radius >= e.minZonePx
    const base = near && e.w > 0 && e.anchor(w2) ? toScreen(w2, camera, w, h) : null
    if (!base) {
      hidden.push(e)
      continue
    }
    const top = e.top?.(w2) ? toScreen(w2, camera, w, h) : null
    requests.push({ id: e.key, candidates: stationCandidates(e, base, top), required: false })
  }
  for (const e of byKind('panel')) {
    const s = e.w > 0 && e.anchor(w2) ? toScreen(w2, camera, w, h) : null
    if (!s) {
      hidden.push(e)
      continue
    }
    panelZone = e.sessionId
    panels.push({ id: e.key, x: s.x, y: s.y, w: e.w, h: e.h })
  }

  const labels = layoutLabels(requests, robots, view)
  for (const [key, rect] of labels) {
    const e = overlayEntries.get(key)
    if (e) write(e, rect)
  }
  for (const e of hidden) write(e, null)

  const zone = panelZone ? zoneOf(panelZone) : null
  const placedPanels = zone ? layoutPanels(panels, zone.rect, view) : []
  const placedIds = new Set(placedPanels.map((p) => p.id))
  for (const p of placedPanels) {
    const e = overlayEntries.get(p.id)
    if (e) write(e, p.rect)
  }
  for (const p of panels) if (!placedIds.has(p.id)) write(overlayEntries.get(p.id)!, null)
  const svg = connectorsSvg(placedPanels)
  if (
    connectorLayer.el &&
    (svg !== lastConnectors.svg || connectorLayer.el !== lastConnectors.el)
  ) {
    connectorLayer.el.innerHTML = svg
    lastConnectors = { el: connectorLayer.el, svg }
  }

  lastOverlayFrame.view = view
  lastOverlayFrame.robots = robots
  lastOverlayFrame.labels = labels
  lastOverlayFrame.panels = placedPanels
}

export function OverlayProjector() {
  const scene = useThree((s) => s.scene)
  const gl = useThree((s) => s.gl)
  useEffect(() => {
    const previous = scene.onAfterRender
    scene.onAfterRender = function (renderer, s, camera, ...rest) {
      previous.call(this, renderer, s, camera, ...rest)
      const canvas = gl.domElement
      projectOverlay(camera, canvas.clientWidth, canvas.clientHeight)
    }
    return () => {
      scene.onAfterRender = previous
    }
  }, [scene, gl])
  return null
}
