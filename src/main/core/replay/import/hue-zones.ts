/**
 * Zones for imported sessions that keep the colours the file gives them. A session's colour
 * follows its zone's hex (session-hues.ts), and the centre hex with its six neighbours holds all
 * seven colours once, so up to seven sessions of different colours fit around the centre; each
 * takes the nearest free hex of its own colour, walking out ring by ring.
 */
import { hueSlotOfHex } from '@shared/session-hues'
import type { HexCoord } from '@shared/sessions'

/** Axial steps that walk a ring once round from its "east" hex (the six neighbours' offsets). */
const RING_STEPS: readonly HexCoord[] = [
  { q: 0, r: -1 },
  { q: -1, r: 0 },
  { q: -1, r: 1 },
  { q: 0, r: 1 },
  { q: 1, r: 0 },
  { q: 1, r: -1 },
]

/** Hexes from the centre outwards, ring by ring. */
function* spiral(): Generator<HexCoord> {
  yield { q: 0, r: 0 }
  for (let k = 1; ; k++) {
    // Start k steps out to the east, then walk the ring's six sides of k steps each.
    let hex = { q: k, r: 0 }
    for (const step of RING_STEPS)
      for (let i = 0; i < k; i++) {
        yield hex
        hex = { q: hex.q + step.q, r: hex.r + step.r }
      }
  }
}

export function zonesForHues(hues: readonly number[]): HexCoord[] {
  const taken = new Set<string>()
  return hues.map((hue) => {
    for (const hex of spiral()) {
      const key = `${hex.q},${hex.r}`
      if (taken.has(key) || hueSlotOfHex(hex) !== hue) continue
      taken.add(key)
      return hex
    }
    throw new Error('unreachable: every colour recurs on every ring')
  })
}
