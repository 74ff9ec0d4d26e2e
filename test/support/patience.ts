/**
 * How long a test waits for a state before it calls the wait hung. Tests wait for states, never
 * for durations, so this bound never decides a green run: it only turns a hang into a readable
 * failure. It is generous on purpose — the suite must pass on a loaded 2-core machine, where
 * Chromium's software WebGL or the real CLI can take many seconds for one step.
 */
export const HANG_TIMEOUT_MS = 60_000
