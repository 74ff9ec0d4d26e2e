/** Weighted random choice of the next idle behaviour (docs/original.md#robot). */
import type { IdleBehavior } from '../mapping'

export const IDLE_WEIGHTS: Readonly<Record<IdleBehavior, number>> = {
  lookAround: 10,
  curiousTilt: 8,
  happyBounce: 6,
  stretch: 5,
  wave: 4,
  doubleBlink: 12,
  antennaTwitch: 15,
  headShake: 5,
  peek: 4,
  sleepyNod: 3,
  grooveDance: 3,
  discoFever: 3,
  robotDance: 3,
  headBanger: 2,
  shuffleDance: 3,
  twistDance: 3,
  victoryDance: 2,
}
/** Weight of "do nothing this time". */
export const IDLE_NOTHING_WEIGHT = 20

/** Duration of each behaviour, seconds (the original's range: 0.6 to 4 s). */
export const BEHAVIOR_DURATION_S: Readonly<Record<IdleBehavior, number>> = {
  lookAround: 2.5,
  curiousTilt: 1.6,
  happyBounce: 1.2,
  stretch: 2,
  wave: 1.8,
  doubleBlink: 0.6,
  antennaTwitch: 0.8,
  headShake: 1,
  peek: 1.8,
  sleepyNod: 3,
  grooveDance: 3,
  discoFever: 3.5,
  robotDance: 3,
  headBanger: 2.5,
  shuffleDance: 3,
  twistDance: 3,
  victoryDance: 4,
}

const ENTRIES = Object.entries(IDLE_WEIGHTS) as [IdleBehavior, number][]
const TOTAL = ENTRIES.reduce((s, [, w]) => s + w, IDLE_NOTHING_WEIGHT)

/** `roll` in [0, 1): null means do nothing this time. */
export function pickIdleBehavior(roll: number): IdleBehavior | null {
  let x = roll * TOTAL
  for (const [name, w] of ENTRIES) {
    if (x < w) return name
    x -= w
  }
  return null
}
