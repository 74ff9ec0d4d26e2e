/**
 * The keys that stop Claude Code's running turn, and how the app recognises them when the user
 * types them into a session's terminal (docs/session-lifecycle.md: interrupt).
 */

/**
 * Esc stops the turn without ending the session (2.1.332: mid-tool, the call ends "Interrupted ·
 * What should Claude do instead?"). Nothing may follow it at once: Claude Code reads a lone Esc
 * only after its escape-sequence timeout, and Esc followed quickly by Ctrl-C (as the app once sent)
 * reached Claude as one read under load, and the turn went on with its shell moved to the
 * background.
 */
export const STOP_TURN_KEY = '\x1b'

/**
 * Whether a write to the terminal is the Esc key alone. A terminal sends each key press as one
 * write; arrow keys, function keys and Alt+key also start with Esc but carry more.
 */
export function isStopTurnKey(data: string): boolean {
  return data.length > 0 && [...data].every((ch) => ch === STOP_TURN_KEY)
}
