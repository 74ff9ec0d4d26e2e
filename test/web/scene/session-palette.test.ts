import { describe, expect, it } from 'vitest'
import { Color } from 'three'
import {
  SESSION_HUES,
  hueSlot,
  hueSlotOfHex,
  sessionColorCss,
  sessionColorVar,
} from '@renderer/theme/session-palette'
import { HEX_DIRECTIONS, hexesWithin } from '@renderer/scene/hex'

/** WCAG relative luminance contrast. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const c = new Color(hex)
    // three.js keeps colours linear: this is the luminance of the sRGB colour.
    return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b
  }
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

describe('session colours', () => {
  it('never gives two neighbouring zones the same colour', () => {
    for (const h of hexesWithin({ q: 0, r: 0 }, 6)) {
      const own = hueSlotOfHex(h)
      for (const d of HEX_DIRECTIONS)
        expect(hueSlotOfHex({ q: h.q + d.q, r: h.r + d.r })).not.toBe(own)
    }
  })

  it('gives the first seven zones (centre and first ring) all seven colours', () => {
    const slots = hexesWithin({ q: 0, r: 0 }, 1).map(hueSlotOfHex)
    expect(new Set(slots).size).toBe(7)
  })

  it('keeps a colour with the session: from its hex, or its id before it has one', () => {
    const placed = { id: 'a', zone: { q: 2, r: -1 } }
    expect(hueSlot(placed)).toBe(hueSlotOfHex({ q: 2, r: -1 }))
    expect(hueSlot({ id: 'abc', zone: null })).toBe(hueSlot({ id: 'abc', zone: null }))
    expect(sessionColorVar(placed)).toBe(`var(--session-${hueSlot(placed)})`)
  })

  it('reads on its theme: bright on the navy room, deep on the paper-white one', () => {
    for (const h of SESSION_HUES) {
      expect(contrast(h.dark, '#070b14')).toBeGreaterThan(4.5)
      expect(contrast(h.light, '#f4f7fb')).toBeGreaterThan(3)
    }
  })

  it('declares one custom property per colour for each theme', () => {
    const css = sessionColorCss()
    for (let i = 0; i < SESSION_HUES.length; i++) {
      expect(css).toContain(`--session-${i}: ${SESSION_HUES[i].dark};`)
      expect(css).toContain(`--session-${i}: ${SESSION_HUES[i].light};`)
    }
  })
})
