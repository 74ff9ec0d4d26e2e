/**
 * ssh joins the words after the destination with spaces and the remote login shell parses the
 * result, so every word Atelier sends is quoted for a POSIX shell first (docs/remote-hosts.md).
 * The quoting itself is the one the tmux pane commands use (sessions/backends/posix-shell-quote).
 */
import { execCommandLine, quoteShellWord } from '../sessions/backends/posix-shell-quote'

export { quoteShellWord }

/**
 * The one argument handed to ssh as the remote command: `exec /bin/sh -c '<script>'`, so that
 * whatever the user's login shell is, the script itself runs under /bin/sh.
 */
export function remoteShLine(script: string): string {
  return `exec /bin/sh -c ${quoteShellWord(script)}`
}

/**
 * A remote program and its arguments as that one argument: each word quoted once for the
 * script, the script quoted once more for the login shell. The program receives exactly `args`.
 */
export function remoteArgvLine(file: string, args: readonly string[]): string {
  return remoteShLine(execCommandLine(file, args))
}
