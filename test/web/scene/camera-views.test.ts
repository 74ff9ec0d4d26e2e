import { describe, expect, it } from 'vitest'
import { PerspectiveCamera, Vector3 } from 'three'
import {
  CLOSEUP_MARGINS,
  OVERVIEW_MARGINS,
  OVERVIEW_PITCH_RAD,
  closeUpView,
  overviewView,
  type View,
} from '@renderer/scene/camera-views'
import { hexCorners, hexToWorld, hexesWithin } from '@renderer/scene/hex'
import { HEX_RADIUS_UNITS, ZONE_LABEL_ANCHOR } from '@renderer/scene/constants'

function camera(view: View, aspect: number): PerspectiveCamera {
  const c = new PerspectiveCamera(50, aspect, 0.1, 5000)
  c.position.set(view.position.x, view.position.y, view.position.z)
  c.lookAt(view.target.x, view.target.y, view.target.z)
  c.updateMatrixWorld()
  return c
}

function ndc(c: PerspectiveCamera, x: number, y: number, z: number) {
  return new Vector3(x, y, z).project(c)
}

const zonesOf = (n: number) =>
  hexesWithin({ q: 0, r: 0 }, 3)
    .slice(0, n)
    .map((h) => ({ ...hexToWorld(h), elevation: 0 }))

describe('camera views', () => {
  for (const aspect of [0.8, 1.2, 1.6, 2.4])
    for (const count of [1, 3, 12, 30])
      it(`overview frames all ${count} zones at aspect ${aspect}`, () => {
        const zones = zonesOf(count)
        const c = camera(overviewView(zones, { fovDeg: 50, aspect }), aspect)
        for (const z of zones)
          for (const k of hexCorners(HEX_RADIUS_UNITS)) {
            const p = ndc(c, z.x + k.x, 0, z.z + k.z)
            expect(p.x).toBeGreaterThanOrEqual(-1 + OVERVIEW_MARGINS.left - 1e-3)
            expect(p.x).toBeLessThanOrEqual(1 - OVERVIEW_MARGINS.right + 1e-3)
            expect(p.y).toBeGreaterThanOrEqual(-1 + OVERVIEW_MARGINS.bottom - 1e-3)
            expect(p.y).toBeLessThanOrEqual(1 - OVERVIEW_MARGINS.top + 1e-3)
          }
      })

  it('looks down on the overview from high above, not straight down', () => {
    const v = overviewView(zonesOf(7), { fovDeg: 50, aspect: 1.5 })
    const dy = v.position.y - v.target.y
    const dz = v.position.z - v.target.z
    const pitch = Math.atan2(dy, dz)
    expect(pitch).toBeCloseTo(OVERVIEW_PITCH_RAD, 5)
    expect(pitch).toBeLessThan((70 * Math.PI) / 180)
    expect(pitch).toBeGreaterThan((40 * Math.PI) / 180)
    expect(v.position.x).toBeCloseTo(v.target.x, 5)
  })

  for (const aspect of [0.9, 1.5, 2.2])
    it(`close-up keeps the whole zone and its label anchor on screen at aspect ${aspect}`, () => {
      const zone = { x: 25.98, z: 15, elevation: 1 }
      const c = camera(closeUpView(zone, { fovDeg: 50, aspect }), aspect)
      const label = ndc(
        c,
        zone.x + ZONE_LABEL_ANCHOR[0],
        zone.elevation + ZONE_LABEL_ANCHOR[1],
        zone.z + ZONE_LABEL_ANCHOR[2],
      )
      // The label stands above its anchor: the top margin keeps room for it.
      expect(label.y).toBeLessThanOrEqual(1 - CLOSEUP_MARGINS.top + 1e-3)
      let minX = Infinity
      let maxX = -Infinity
      let minY = Infinity
      let maxY = -Infinity
      for (const k of hexCorners(HEX_RADIUS_UNITS)) {
        const p = ndc(c, zone.x + k.x, zone.elevation, zone.z + k.z)
        expect(Math.abs(p.x)).toBeLessThanOrEqual(1)
        expect(Math.abs(p.y)).toBeLessThanOrEqual(1)
        minX = Math.min(minX, p.x)
        maxX = Math.max(maxX, p.x)
        minY = Math.min(minY, p.y)
        maxY = Math.max(maxY, p.y)
      }
      // A close-up: the zone fills most of the width or of the height.
      expect(Math.max(maxX - minX, maxY - minY)).toBeGreaterThan(1.2)
    })
})
