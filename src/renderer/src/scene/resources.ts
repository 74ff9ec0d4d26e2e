/**
 * Geometries and materials shared by every zone, robot and station. They live as long as the app
 * (a bounded set: a few shapes, one material per palette colour), so removing a zone frees only
 * what that zone owned alone (its label textures), and a thousand zones cost no extra buffers.
 */
import {
  AdditiveBlending,
  BoxGeometry,
  BufferGeometry,
  CircleGeometry,
  ConeGeometry,
  CylinderGeometry,
  DoubleSide,
  Float32BufferAttribute,
  MeshBasicMaterial,
  MeshStandardMaterial,
  RingGeometry,
  SphereGeometry,
  TorusGeometry,
  type Material,
} from 'three'
import { hexCorners } from './hex'

/**
 * Sides around a torus tube. Every torus here is a thin ring (tube ≤ 0.1 units): six sides look
 * round at any workshop distance and cost 40 % fewer triangles than ten in software GL.
 */
const TORUS_TUBE_SIDES = 6

const geometries = new Map<string, BufferGeometry>()
const materials = new Map<string, Material>()

/** The value cached under `key`, made on first use. */
function cached<V, T extends V>(cache: Map<string, V>, key: string, make: () => T): T {
  let value = cache.get(key)
  if (value === undefined) {
    value = make()
    cache.set(key, value)
  }
  return value as T
}

const memo = <T extends BufferGeometry>(key: string, make: () => T): T =>
  cached(geometries, key, make)
const memoMat = <T extends Material>(key: string, make: () => T): T => cached(materials, key, make)

export const geo = {
  box: (w: number, h: number, d: number) =>
    memo(`box:${w}:${h}:${d}`, () => new BoxGeometry(w, h, d)),
  sphere: (r: number, seg = 16) =>
    memo(`sphere:${r}:${seg}`, () => new SphereGeometry(r, seg, Math.max(8, seg >> 1))),
  cylinder: (rt: number, rb: number, h: number, seg = 16) =>
    memo(`cyl:${rt}:${rb}:${h}:${seg}`, () => new CylinderGeometry(rt, rb, h, seg)),
  cone: (r: number, h: number, seg = 12) =>
    memo(`cone:${r}:${h}:${seg}`, () => new ConeGeometry(r, h, seg)),
  torus: (r: number, tube: number, seg = 32, sides = TORUS_TUBE_SIDES) =>
    memo(`torus:${r}:${tube}:${seg}:${sides}`, () => new TorusGeometry(r, tube, sides, seg)),
  circle: (r: number, seg = 24) => memo(`circle:${r}:${seg}`, () => new CircleGeometry(r, seg)),
  /** Flat ring in the XZ plane. Six segments with this start angle give a pointy-top hex. */
  ring: (inner: number, outer: number, seg = 32) =>
    memo(`ring:${inner}:${outer}:${seg}`, () => {
      const g = new RingGeometry(inner, outer, seg, 1, seg === 6 ? Math.PI / 6 : 0)
      g.rotateX(-Math.PI / 2)
      return g
    }),
  /** Solid pointy-top hex prism, base at y=0. */
  hexPrism: (radius: number, height: number) =>
    memo(`hexprism:${radius}:${height}`, () => {
      const g = new CylinderGeometry(radius, radius, height, 6)
      g.translate(0, height / 2, 0)
      return g
    }),
  /** The zone's hex outline as a closed line loop, y=0. */
  hexOutline: (radius: number) =>
    memo(`hexoutline:${radius}`, () => {
      const pts = hexCorners(radius)
      const arr: number[] = []
      for (let i = 0; i <= 6; i++) {
        const p = pts[i % 6]
        arr.push(p.x, 0, p.z)
      }
      const g = new BufferGeometry()
      g.setAttribute('position', new Float32BufferAttribute(arr, 3))
      return g
    }),
}

/**
 * The station kit: unit shapes scaled into place. Parts that share a shape and a material kind
 * are one instanced draw call for the whole workshop, whatever their size and colour, so the
 * stations get their detail from many scaled copies of these few shapes.
 */
export const kit = {
  /** 1 × 1 × 1, centred. */
  box: () => geo.box(1, 1, 1),
  /** Radius 0.5, height 1, centred; 12 sides. */
  cylinder: () => geo.cylinder(0.5, 0.5, 1, 12),
  /** Radius 0.5, height 1, six sides (hex pedestals, lattice struts). */
  hexPrism: () => geo.cylinder(0.5, 0.5, 1, 6),
  sphere: () => geo.sphere(0.5, 12),
  /** Base radius 0.5, height 1. */
  cone: () => geo.cone(0.5, 1, 12),
  /** Ring of radius 0.5 with a tube of 0.06 (thin rims and trims). */
  thinTorus: () => geo.torus(0.5, 0.06, 24),
  /** Ring of radius 0.5 with a hairline tube of 0.02 (plinth and dais trims). */
  hairTorus: () => geo.torus(0.5, 0.02, 32, 3),
  /** Ring of radius 0.5 with a tube of 0.14 (gears, the portal). */
  thickTorus: () => geo.torus(0.5, 0.14, 24),
  /** Flat disc of radius 0.5 facing +z. */
  disc: () => geo.circle(0.5, 20),
}

export const mat = {
  standard: (
    color: string,
    opts: {
      emissive?: string
      emissiveIntensity?: number
      metalness?: number
      roughness?: number
    } = {},
  ) =>
    memoMat(
      `std:${color}:${opts.emissive ?? ''}:${opts.emissiveIntensity ?? 0}:${opts.metalness ?? 0.2}:${opts.roughness ?? 0.6}`,
      () =>
        new MeshStandardMaterial({
          color,
          emissive: opts.emissive ?? '#000000',
          emissiveIntensity: opts.emissiveIntensity ?? 0,
          metalness: opts.metalness ?? 0.2,
          roughness: opts.roughness ?? 0.6,
        }),
    ),
  /** Matte painted or wooden bodies: every station body is this kind, coloured per instance. */
  body: (color: string) => mat.standard(color, { metalness: 0.15, roughness: 0.75 }),
  /** Brushed metal fittings. */
  metal: (color: string) => mat.standard(color, { metalness: 0.7, roughness: 0.35 }),
  /** Unlit, for LEDs, screens and glows. */
  glow: (color: string, opacity = 1) =>
    memoMat(
      `glow:${color}:${opacity}`,
      () =>
        new MeshBasicMaterial({
          color,
          transparent: opacity < 1,
          opacity,
          side: DoubleSide,
          toneMapped: false,
        }),
    ),
  /**
   * A station's indicator ring: transparent, its opacity set per part (PartSlot.opacity) so each
   * station pulses on its own while every ring shares one instanced draw call.
   */
  pulse: (color: string) =>
    memoMat(`pulse:${color}`, () => {
      const m = new MeshBasicMaterial({
        color,
        transparent: true,
        depthWrite: false,
        toneMapped: false,
      })
      m.userData.perInstanceOpacity = true
      return m
    }),
  additive: (color: string, opacity: number) =>
    memoMat(
      `add:${color}:${opacity}`,
      () =>
        new MeshBasicMaterial({
          color,
          transparent: true,
          opacity,
          blending: AdditiveBlending,
          depthWrite: false,
          side: DoubleSide,
          toneMapped: false,
        }),
    ),
}
