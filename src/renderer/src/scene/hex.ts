/**
 * Pointy-top axial hex grid (q, r) with one zone per world hex. Pure math, no three.js.
 */
import { HEX_RADIUS_UNITS } from './constants'

export interface Hex {
  q: number
  r: number
}

const SQRT3 = Math.sqrt(3)

/** Neighbour directions, in the order a spiral ring walks them. */
export const HEX_DIRECTIONS: readonly Hex[] = [
  { q: 1, r: 0 },
  { q: 1, r: -1 },
  { q: 0, r: -1 },
  { q: -1, r: 0 },
  { q: -1, r: 1 },
  { q: 0, r: 1 },
]

export function hexKey(h: Hex): string {
  return `${h.q},${h.r}`
}

export function hexToWorld(h: Hex, radius = HEX_RADIUS_UNITS): { x: number; z: number } {
  return { x: radius * SQRT3 * (h.q + h.r / 2), z: radius * 1.5 * h.r }
}

export function worldToHex(x: number, z: number, radius = HEX_RADIUS_UNITS): Hex {
  const q = ((SQRT3 / 3) * x - z / 3) / radius
  const r = ((2 / 3) * z) / radius
  return roundHex(q, r)
}

function roundHex(fq: number, fr: number): Hex {
  const fs = -fq - fr
  let q = Math.round(fq)
  let r = Math.round(fr)
  const s = Math.round(fs)
  const dq = Math.abs(q - fq)
  const dr = Math.abs(r - fr)
  const ds = Math.abs(s - fs)
  if (dq > dr && dq > ds) q = -r - s
  else if (dr > ds) r = -q - s
  // `+ 0` turns -0 into 0 so keys and equality stay stable.
  return { q: q + 0, r: r + 0 }
}

export function hexDistance(a: Hex, b: Hex): number {
  const dq = a.q - b.q
  const dr = a.r - b.r
  return (Math.abs(dq) + Math.abs(dr) + Math.abs(dq + dr)) / 2
}

/** The cells of ring `k` around `center` (ring 0 is the centre itself). */
export function hexRing(center: Hex, k: number): Hex[] {
  if (k === 0) return [{ ...center }]
  const out: Hex[] = []
  let cur = { q: center.q + HEX_DIRECTIONS[4].q * k, r: center.r + HEX_DIRECTIONS[4].r * k }
  for (let side = 0; side < 6; side++) {
    for (let step = 0; step < k; step++) {
      out.push(cur)
      cur = { q: cur.q + HEX_DIRECTIONS[side].q, r: cur.r + HEX_DIRECTIONS[side].r }
    }
  }
  return out
}

/** Every cell within `radius` steps of `center`: 1, 7, 19, 37… cells for radius 0, 1, 2, 3. */
export function hexesWithin(center: Hex, radius: number): Hex[] {
  const out: Hex[] = []
  for (let k = 0; k <= radius; k++) out.push(...hexRing(center, k))
  return out
}

/** Search limit of the spiral (the original searched 50 rings around a hint). */
export const SPIRAL_MAX_RINGS = 50

/** The nearest cell to `start` (spiral order) that `isFree` accepts. */
export function nearestFreeHex(start: Hex, isFree: (h: Hex) => boolean): Hex | null {
  for (let k = 0; k <= SPIRAL_MAX_RINGS; k++) {
    for (const h of hexRing(start, k)) if (isFree(h)) return h
  }
  return null
}

/** Six corner points of a pointy-top hex in the XZ plane, starting at the top (−z). */
export function hexCorners(radius: number): { x: number; z: number }[] {
  const pts: { x: number; z: number }[] = []
  for (let i = 0; i < 6; i++) {
    const a = (Math.PI / 3) * i - Math.PI / 2
    pts.push({ x: radius * Math.cos(a), z: radius * Math.sin(a) })
  }
  return pts
}
