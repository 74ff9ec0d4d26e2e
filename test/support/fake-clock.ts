/** A Clock whose time moves only when a test moves it; due timers fire as it passes them. */
import type { Clock } from '../../src/main/core/util/clock'

export interface FakeClock extends Clock {
  /** Moves time forward by `ms`, firing every timer that falls due, in time order. */
  advance(ms: number): void
  /** Moves time to `time` (never backwards). */
  set(time: number): void
  /** Timers not yet fired. */
  readonly pending: number
}

export function fakeClock(start = Date.now()): FakeClock {
  let now = start
  let nextId = 0
  const timers = new Map<number, { at: number; fn: () => void }>()
  const set = (time: number): void => {
    if (time < now) throw new Error(`the fake clock does not go back (${time} < ${now})`)
    for (;;) {
      let due: [number, { at: number; fn: () => void }] | undefined
      for (const entry of timers)
        if (entry[1].at <= time && (!due || entry[1].at < due[1].at)) due = entry
      if (!due) break
      timers.delete(due[0])
      now = Math.max(now, due[1].at)
      due[1].fn()
    }
    now = time
  }
  return {
    now: () => now,
    at(time, fn) {
      const id = nextId++
      timers.set(id, { at: time, fn })
      return () => timers.delete(id)
    },
    advance: (ms) => set(now + ms),
    set,
    get pending() {
      return timers.size
    },
  }
}
