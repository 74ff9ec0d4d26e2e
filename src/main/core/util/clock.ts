/**
 * The time source of logic that plans by the wall clock (the quota forecast, parking until a
 * window resets). Injected, so tests move time with a fake clock instead of waiting.
 */

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
  /** Calls `fn` once when the clock reaches `time` (ms since the epoch); returns a cancel. */
  at(time: number, fn: () => void): () => void
}

/** setTimeout's largest delay; a later time is reached in steps of at most this. */
const MAX_TIMER_MS = 2 ** 31 - 1

export const systemClock: Clock = {
  now: () => Date.now(),
  at(time, fn) {
    let timer: NodeJS.Timeout | undefined
    // Never synchronously: the caller finishes what it was doing first.
    const arm = (): void => {
      const wait = Math.max(0, time - Date.now())
      timer = setTimeout(wait > MAX_TIMER_MS ? arm : fire, Math.min(wait, MAX_TIMER_MS))
      timer.unref()
    }
    const fire = (): void => {
      timer = undefined
      fn()
    }
    arm()
    return () => {
      if (timer) clearTimeout(timer)
      timer = undefined
    }
  },
}
