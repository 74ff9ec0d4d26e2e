/**
 * Pressing a key in one of Claude Code's dialogs. A dialog ignores keys for a moment after it is
 * drawn (2.1.332 arms an "input grace": a key 30–100 ms after the question appeared was dropped,
 * 150 ms and later was taken) and nothing on screen marks the end of that window, so a press is
 * repeated until its effect shows. Each retry waits twice as long as the one before, so a slow
 * (loaded) machine gets more patience instead of a storm of keys; only the overall hang bound
 * ends the attempts.
 */
import { HANG_TIMEOUT_MS } from './patience'

const FIRST_RETRY_AFTER_MS = 500
const POLL_MS = 25

export async function pressUntil(
  write: (key: string) => unknown,
  key: string,
  took: () => boolean | Promise<boolean>,
): Promise<number> {
  const deadline = Date.now() + HANG_TIMEOUT_MS
  let patienceMs = FIRST_RETRY_AFTER_MS
  for (let presses = 1; ; presses++) {
    await write(key)
    const retryAt = Date.now() + patienceMs
    while (Date.now() < retryAt) {
      if (await took()) return presses
      if (Date.now() > deadline) throw new Error(`"${key}" pressed ${presses} times: no effect`)
      await new Promise((r) => setTimeout(r, POLL_MS))
    }
    patienceMs *= 2
  }
}
