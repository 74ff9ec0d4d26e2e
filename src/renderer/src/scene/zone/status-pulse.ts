/**
 * The status band's attention pulse (docs/workshop-style.md#what-each-status-looks-like): a
 * status that asks for a look pulses for ATTENTION_PULSE_S after it begins, then holds.
 */
import { ATTENTION_PULSE, ATTENTION_PULSE_S } from '../constants'
import type { StatusStyle } from '../status-style'

/** Band brightness while a status asks for a look: a short pulse, then a steady hold. */
export function pulseLevel(kind: StatusStyle['pulse'], since: number, now: number): number {
  if (!kind) return 0
  const p = ATTENTION_PULSE[kind]
  const t = now - since
  if (!(t < ATTENTION_PULSE_S)) return p.hold
  const wave = 0.5 - 0.5 * Math.cos(t * p.hz * Math.PI * 2)
  return p.hold + wave * p.depth
}

/**
 * When the current pulse began (scene seconds): the later of the zone's status change and its
 * last attention event. The status change alone covers states no event announces (a screen
 * waiting in the terminal comes from a timer in the core); the attention event renews the pulse
 * when the status stays the same (a second permission prompt). A status the zone mounted with
 * (the app opening on a waiting session) counts as -Infinity: it holds without pulsing, as
 * replayed attention does.
 */
export function pulseSince(statusSince: number, attentionSince: number | undefined): number {
  return Math.max(statusSince, attentionSince ?? -Infinity)
}
