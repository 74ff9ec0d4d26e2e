/**
 * Long passes over an imported file's frames, a slice at a time, letting the core's thread serve
 * hooks and the window between slices: a file of 100,000 events takes seconds to check and
 * rebuild, and hooks must not wait that long.
 */

/** Frames handled between two yields: a few tens of ms of the core's thread. */
export const FRAMES_PER_SLICE = 2_000

/** Lets whatever else waits on the core's thread run (timers and I/O first). */
export type Pause = () => Promise<void>
export const nextTurn: Pause = () => new Promise((resolve) => setImmediate(resolve))

export async function mapInSlices<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => R,
  pause: Pause,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length)
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % FRAMES_PER_SLICE === 0) await pause()
    out[i] = fn(items[i], i)
  }
  return out
}
