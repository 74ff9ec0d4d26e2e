/**
 * Claude Code's statusLine, made cheap. Claude runs the statusLine command through a shell on
 * every refresh of its status line, several times a turn, while the turn is running. Starting
 * Node for it costs 70–100 ms of CPU each time on a 2-core machine, all of it competing with
 * Claude (measured with `npm run bench:agent`); a few lines of bash cost about a millisecond.
 *
 * So the command is bash alone, starting no other process: it prints a short status for Claude's
 * own status line ("Opus · $0.12 · ctx 34%", only the parts present) and writes the JSON it was
 * given to the session's status file, which the app watches (status-file.ts). Nothing goes over
 * the network and no credential is involved: the file is in the session's private folder.
 */
import { commandLine } from '../../sessions/backends/posix-shell-quote'

/** Name of the file, in the session's folder, that holds the latest statusLine JSON. */
export const STATUS_FILE_NAME = 'status.json'

/**
 * Run as `bash -c SCRIPT atelier-statusline <status file>`. Regular expressions instead of a JSON
 * parser: bash has none, and these three fields are plain numbers and a name. Every failure is
 * silent and the exit code is always 0, so Claude's UI never shows an error from it.
 */
export const STATUS_LINE_SCRIPT = [
  'exec 2>/dev/null',
  'export LC_ALL=C',
  // All of stdin (read returns 1 at its end); Claude writes it at once, so 1 s is only a guard.
  "IFS= read -r -d '' -t 1 body",
  'line=',
  `re='"model"[[:space:]]*:[[:space:]]*\\{[^}]*"display_name"[[:space:]]*:[[:space:]]*"([^"\\\\]*)"'`,
  '[[ $body =~ $re ]] && line=${BASH_REMATCH[1]}',
  `re='"total_cost_usd"[[:space:]]*:[[:space:]]*([0-9.]+([eE][-+]?[0-9]+)?)'`,
  `[[ $body =~ $re ]] && printf -v v '$%.2f' "\${BASH_REMATCH[1]}" && line+=\${line:+ · }$v`,
  `re='"used_percentage"[[:space:]]*:[[:space:]]*([0-9.]+([eE][-+]?[0-9]+)?)'`,
  `[[ $body =~ $re ]] && printf -v v 'ctx %.0f%%' "\${BASH_REMATCH[1]}" && line+=\${line:+ · }$v`,
  `printf '%s\\n' "$line"`,
  `[[ -n $body && -n $1 ]] && printf '%s' "$body" > "$1"`,
  'exit 0',
].join('\n')

/**
 * The statusLine command line for settings (which run it through a shell). `exec`: the shell
 * becomes bash instead of starting it as a child (dash, Debian's /bin/sh, does not do that by
 * itself), one process less on every refresh. `--norc -p`: bash reads ~/.bashrc when its stdin
 * is a socket and no SHLVL is set, as it thinks sshd started it (measured: a pyenv setup there made
 * every run take 200 ms), and $BASH_ENV or exported functions would run the user's code inside
 * Claude's statusLine.
 */
export function statusLineCommand(bash: string, statusFile: string): string {
  return (
    'exec ' +
    commandLine(bash, ['--norc', '-p', '-c', STATUS_LINE_SCRIPT, 'atelier-statusline', statusFile])
  )
}
