/**
 * Renderer crash recovery: reload, because all state lives in the core and the page refetches it.
 * But a page that crashes on every load would reload forever, burning CPU; after a few crashes
 * in a short window the shell stops reloading and tells the user instead.
 */
export const MAX_RENDERER_RELOADS = 3
export const RENDERER_CRASH_WINDOW_MS = 60_000

export interface CrashLoopGuard {
  /** Records a crash at `now`; true when another reload is still reasonable. */
  shouldReload(now: number): boolean
}

export function createCrashLoopGuard(
  maxReloads = MAX_RENDERER_RELOADS,
  windowMs = RENDERER_CRASH_WINDOW_MS,
): CrashLoopGuard {
  let crashes: number[] = []
  return {
    shouldReload(now) {
      crashes = [...crashes.filter((t) => now - t < windowMs), now]
      return crashes.length <= maxReloads
    },
  }
}
