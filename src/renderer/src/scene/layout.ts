/**
 * Where each session's zone sits: its stored hex, or the next free cell of the spiral around the
 * origin. Pure; the placement hook persists new placements through the contract.
 */
import type { Session } from '@shared/sessions'
import type { PaintedHex } from '@shared/world'
import { hueSlotOfHex } from '../theme/session-palette'
import { PAINT_LAYER_UNITS } from './constants'
import { hexKey, hexToWorld, nearestFreeHex, type Hex } from './hex'

export interface ZonePlacement {
  sessionId: string
  hex: Hex
  x: number
  z: number
  /** Session colour slot (theme/session-palette.ts): follows the hex, so it is stable. */
  hue: number
  /** 1–9 for the first nine sessions by display order, else null. */
  hotkey: number | null
}

/**
 * `previous` keeps an unsaved placement stable until the server echoes it back; `reserved` are
 * hexes held by pending zones.
 */
export function placeZones(
  sessions: readonly Session[],
  previous: ReadonlyMap<string, Hex> = new Map(),
  reserved: readonly Hex[] = [],
): ZonePlacement[] {
  const byCreation = [...sessions].sort(
    (a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id),
  )
  const hotkeys = new Map(
    [...sessions]
      .sort((a, b) => a.order - b.order || a.createdAt - b.createdAt)
      .slice(0, 9)
      .map((s, i) => [s.id, i + 1] as const),
  )
  const taken = new Set<string>()
  const hexOf = new Map<string, Hex>()
  // Stored zones first, so a session without one never takes a stored hex.
  for (const s of byCreation) {
    const want = s.zone ?? null
    if (want && !taken.has(hexKey(want))) {
      taken.add(hexKey(want))
      hexOf.set(s.id, want)
    }
  }
  const reservedKeys = new Set(reserved.map(hexKey))
  const free = (h: Hex) => !taken.has(hexKey(h)) && !reservedKeys.has(hexKey(h))
  for (const s of byCreation) {
    if (hexOf.has(s.id)) continue
    const prev = previous.get(s.id)
    const hex = prev && free(prev) ? prev : nearestFreeHex(s.zone ?? { q: 0, r: 0 }, free)
    if (!hex) continue
    taken.add(hexKey(hex))
    hexOf.set(s.id, hex)
  }
  return byCreation
    .filter((s) => hexOf.has(s.id))
    .map((s) => {
      const hex = hexOf.get(s.id)!
      const w = hexToWorld(hex)
      return {
        sessionId: s.id,
        hex,
        x: w.x,
        z: w.z,
        hue: hueSlotOfHex(hex),
        hotkey: hotkeys.get(s.id) ?? null,
      }
    })
}

/** Height of the paint stack on a hex, in world units (zones stand on top of it). */
export function elevationAt(hexes: readonly PaintedHex[], hex: Hex): number {
  const h = hexes.find((p) => p.q === hex.q && p.r === hex.r)
  return h ? h.height * PAINT_LAYER_UNITS : 0
}
