/** Click pulses queued by the floor and drawn by ClickEffects (kept outside React state). */
import { requestFramesFor } from '../frame-demand'
import type { Hex } from '../hex'
import { nowSeconds } from '../sim/clock'
import { CLICK_RING_S, RIPPLE_MAX_RINGS, RIPPLE_RING_DELAY_S } from '../constants'

export interface ClickPulse {
  hex: Hex
  start: number
}

export const clickPulses: ClickPulse[] = []
export const RIPPLE_TOTAL_S = RIPPLE_MAX_RINGS * RIPPLE_RING_DELAY_S + CLICK_RING_S

export function addClickPulse(hex: Hex): void {
  clickPulses.push({ hex, start: nowSeconds() })
  if (clickPulses.length > 4) clickPulses.shift()
  requestFramesFor(RIPPLE_TOTAL_S)
}
