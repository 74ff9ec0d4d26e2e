/**
 * Ends a Node entry point (headless mode, the hooks CLI, test cores) with `code` once its work
 * has drained; if something still holds the event loop after FORCE_AFTER_MS, the process is
 * killed rather than left hanging.
 */
export const FORCE_AFTER_MS = 3_000

export function finish(code: number, forceAfterMs = FORCE_AFTER_MS): void {
  process.exitCode = code
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), forceAfterMs).unref()
}
