/**
 * Session colours: seven hues chosen to stay apart under the common colour-vision deficiencies,
 * each with a shade for the dark and for the light theme (docs/workshop-style.md). A session's
 * colour belongs to its zone's hex, so it is stable for as long as the zone stays where it is,
 * and neighbouring zones never share one. Shared: the workshop and the replay export use them.
 */
import type { HexCoord, Session } from '@shared/sessions'

export type ThemeName = 'dark' | 'light'

export interface SessionHue {
  name: string
  dark: string
  light: string
}

export const SESSION_HUES: readonly SessionHue[] = [
  { name: 'sky', dark: '#77aadd', light: '#2f6aa8' },
  { name: 'cyan', dark: '#99ddff', light: '#14829f' },
  { name: 'mint', dark: '#44bb99', light: '#137a60' },
  { name: 'pear', dark: '#bbcc33', light: '#697710' },
  { name: 'sand', dark: '#eedd88', light: '#8f7412' },
  { name: 'salmon', dark: '#ee8866', light: '#b64b27' },
  { name: 'pink', dark: '#ffaabb', light: '#b03d63' },
]

/** Grey for events whose session is unknown to the window (observed, or deleted since). */
export const UNKNOWN_SESSION_COLOR = '#6b7280'

/**
 * (q + 3r) mod 7 colours the hex grid so that a hex and its six neighbours all differ: the
 * neighbours' offsets are ±1, ±2 and ±3, none of them 0 mod 7.
 */
export function hueSlotOfHex(hex: HexCoord): number {
  return (((hex.q + 3 * hex.r) % 7) + 7) % 7
}

/** A stable slot from the id, for a session the workshop has not placed yet. */
function hueSlotOfId(id: string): number {
  let h = 0
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0
  return h % SESSION_HUES.length
}

export function hueSlot(session: Pick<Session, 'id' | 'zone'>): number {
  return session.zone ? hueSlotOfHex(session.zone) : hueSlotOfId(session.id)
}

export function hueColor(slot: number, theme: ThemeName): string {
  return SESSION_HUES[slot][theme]
}
