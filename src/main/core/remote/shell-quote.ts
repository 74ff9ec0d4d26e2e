/**
 * ssh joins the words after the destination with spaces and the remote login shell parses the
 * result, so every word Atelier sends is quoted for a POSIX shell first (docs/remote-hosts.md).
 */

/** One word in strict single quotes: nothing inside is expanded by sh, bash, zsh or dash. */
export function quoteShellWord(word: string): string {
  if (word.includes('\0')) throw new Error('a shell word must not contain NUL')
  return `'${word.replace(/'/g, `'\\''`)}'`
}

/**
 * The one argument handed to ssh as the remote command: `exec /bin/sh -c '<script>'`, so that
 * whatever the user's login shell is, the script itself runs under /bin/sh.
 */
export function remoteShLine(script: string): string {
  return `exec /bin/sh -c ${quoteShellWord(script)}`
}
