/**
 * Strict POSIX single-quote escaping. Where a tool insists on a shell command string (tmux's
 * pane command, pipe-pane, Claude Code's statusLine), every word goes through here so that no
 * session data is ever interpreted by the shell: inside single quotes nothing is special, and a
 * quote itself is written as '\'' (close, escaped quote, reopen).
 */
export function quoteShellWord(word: string): string {
  if (word.includes('\0')) throw new Error('shell words must not contain NUL bytes')
  return `'${word.replaceAll("'", `'\\''`)}'`
}

/** `exec 'file' 'arg'…`: the shell replaces itself with the program, so signals reach it directly. */
export function execCommandLine(file: string, args: readonly string[]): string {
  return ['exec', ...[file, ...args].map(quoteShellWord)].join(' ')
}

/** A command line without `exec`, for settings that run it through a shell themselves. */
export function commandLine(file: string, args: readonly string[]): string {
  return [file, ...args].map(quoteShellWord).join(' ')
}
