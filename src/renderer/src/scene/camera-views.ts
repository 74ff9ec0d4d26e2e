/**
 * Where the camera goes (docs/workshop-style.md#cameras). Pure math: for a viewing direction
 * (pitch above the horizon, looking north) and the camera's field of view and aspect ratio, find
 * the target and distance at which a set of points just fits the view inside given margins.
 * Overview frames every zone; close-up frames one zone, its tallest stations and its label.
 */
import { HEX_RADIUS_UNITS, ZONE_LABEL_ANCHOR } from './constants'
import { hexCorners } from './hex'

export interface Vec3 {
  x: number
  y: number
  z: number
}

export interface View {
  target: Vec3
  position: Vec3
}

/** Fractions of the half-screen kept free on each side (0.1: a tenth of the half-width). */
export interface Margins {
  top: number
  bottom: number
  left: number
  right: number
}

export interface Lens {
  fovDeg: number
  aspect: number
}

export const OVERVIEW_PITCH_RAD = (54 * Math.PI) / 180
export const CLOSEUP_PITCH_RAD = (40 * Math.PI) / 180
/** Zone labels stand above their anchor; these margins keep them (and chips) on screen. */
export const OVERVIEW_MARGINS: Margins = { top: 0.16, bottom: 0.06, left: 0.06, right: 0.06 }
export const CLOSEUP_MARGINS: Margins = { top: 0.2, bottom: 0.04, left: 0.04, right: 0.04 }
/** An overview of one zone is not a close-up: frame at least this much of the floor. */
export const OVERVIEW_MIN_SPAN_UNITS = 44
const MIN_DISTANCE_UNITS = 4
const MAX_DISTANCE_UNITS = 3000

interface Basis {
  back: Vec3
  right: Vec3
  up: Vec3
}

function basis(pitch: number): Basis {
  // Looking north (−z) and down by `pitch`; `back` points from the target to the camera.
  const back = { x: 0, y: Math.sin(pitch), z: Math.cos(pitch) }
  const right = { x: 1, y: 0, z: 0 }
  const up = { x: 0, y: Math.cos(pitch), z: -Math.sin(pitch) }
  return { back, right, up }
}

const dot = (a: Vec3, b: Vec3) => a.x * b.x + a.y * b.y + a.z * b.z

/** Projected extents (normalised device coordinates) of `points` from a camera. */
function extents(points: readonly Vec3[], camera: Vec3, b: Basis, lens: Lens) {
  const tanY = Math.tan((lens.fovDeg * Math.PI) / 360)
  const tanX = tanY * lens.aspect
  let minX = Infinity
  let maxX = -Infinity
  let minY = Infinity
  let maxY = -Infinity
  for (const p of points) {
    const v = { x: p.x - camera.x, y: p.y - camera.y, z: p.z - camera.z }
    const depth = -dot(v, b.back)
    if (depth <= 0.01) return null
    const x = dot(v, b.right) / (depth * tanX)
    const y = dot(v, b.up) / (depth * tanY)
    minX = Math.min(minX, x)
    maxX = Math.max(maxX, x)
    minY = Math.min(minY, y)
    maxY = Math.max(maxY, y)
  }
  return { minX, maxX, minY, maxY }
}

function fits(e: ReturnType<typeof extents>, m: Margins): boolean {
  return (
    e !== null &&
    e.minX >= -1 + m.left &&
    e.maxX <= 1 - m.right &&
    e.minY >= -1 + m.bottom &&
    e.maxY <= 1 - m.top
  )
}

const along = (t: Vec3, d: Vec3, k: number): Vec3 => ({
  x: t.x + d.x * k,
  y: t.y + d.y * k,
  z: t.z + d.z * k,
})

/** The closest view along the pitch that shows every point inside the margins. */
export function fitView(points: readonly Vec3[], pitch: number, lens: Lens, m: Margins): View {
  const b = basis(pitch)
  const n = Math.max(1, points.length)
  let target = points.reduce((a, p) => ({ x: a.x + p.x / n, y: a.y + p.y / n, z: a.z + p.z / n }), {
    x: 0,
    y: 0,
    z: 0,
  })
  let distance = MAX_DISTANCE_UNITS
  for (let round = 0; round < 4; round++) {
    let lo = MIN_DISTANCE_UNITS
    let hi = MAX_DISTANCE_UNITS
    for (let i = 0; i < 40; i++) {
      const mid = (lo + hi) / 2
      if (fits(extents(points, along(target, b.back, mid), b, lens), m)) hi = mid
      else lo = mid
    }
    distance = hi
    // Centre the points between the margins by sliding the target across the view.
    const e = extents(points, along(target, b.back, distance), b, lens)
    if (!e) break
    const tanY = Math.tan((lens.fovDeg * Math.PI) / 360)
    const dx = (e.minX + e.maxX) / 2 - (m.left - m.right) / 2
    const dy = (e.minY + e.maxY) / 2 - (m.bottom - m.top) / 2
    if (Math.abs(dx) < 1e-3 && Math.abs(dy) < 1e-3) break
    target = along(
      along(target, b.right, dx * distance * tanY * lens.aspect),
      b.up,
      dy * distance * tanY,
    )
  }
  return { target, position: along(target, b.back, distance) }
}

const CORNERS = hexCorners(HEX_RADIUS_UNITS)

export interface ZoneSpot {
  x: number
  z: number
  elevation: number
}

function zonePoints(z: ZoneSpot, height: number): Vec3[] {
  const out: Vec3[] = []
  for (const c of CORNERS) {
    out.push({ x: z.x + c.x, y: z.elevation, z: z.z + c.z })
    out.push({ x: z.x + c.x * 0.5, y: z.elevation + height, z: z.z + c.z * 0.5 })
  }
  out.push({
    x: z.x + ZONE_LABEL_ANCHOR[0],
    y: z.elevation + ZONE_LABEL_ANCHOR[1],
    z: z.z + ZONE_LABEL_ANCHOR[2],
  })
  return out
}

/** High oblique view of every zone (or of the centre when there is none). */
export function overviewView(zones: readonly ZoneSpot[], lens: Lens): View {
  const list = zones.length > 0 ? zones : [{ x: 0, z: 0, elevation: 0 }]
  const points = list.flatMap((z) => zonePoints(z, 3))
  // A small workshop still shows some floor around it: pad to the minimum span.
  const xs = points.map((p) => p.x)
  const zs = points.map((p) => p.z)
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2
  const cz = (Math.min(...zs) + Math.max(...zs)) / 2
  const half = OVERVIEW_MIN_SPAN_UNITS / 2
  points.push(
    { x: cx - half, y: 0, z: cz },
    { x: cx + half, y: 0, z: cz },
    { x: cx, y: 0, z: cz - half * 0.8 },
    { x: cx, y: 0, z: cz + half * 0.8 },
  )
  return fitView(points, OVERVIEW_PITCH_RAD, lens, OVERVIEW_MARGINS)
}

/** Lower oblique view of one zone: the whole hex, its tallest stations and its label. */
export function closeUpView(zone: ZoneSpot, lens: Lens): View {
  return fitView(zonePoints(zone, 3.1), CLOSEUP_PITCH_RAD, lens, CLOSEUP_MARGINS)
}
