/**
 * How a tmux pane gets its environment without any secret in an argv. tmux only takes a pane's
 * environment on its command line (`new-session -e KEY=VALUE`), and the server process that a
 * first client call starts keeps that command line as its own for its whole life, readable by
 * every local user in /proc/<pid>/cmdline — API keys and session tokens included. Instead the
 * pane runs `/bin/sh <launch file>`: a 0600 file in the private tmux folder that deletes itself,
 * exports the variables (shell assignments, so no process sees them as arguments) and execs the
 * program.
 */
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { execCommandLine, quoteShellWord } from './posix-shell-quote'

/** A name the shell can export; anything else is left out rather than interpreted. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

export function launchScript(
  path: string,
  env: Record<string, string>,
  file: string,
  args: readonly string[],
): string {
  const lines = [
    // Gone from the disk at once; the shell keeps reading it through its open descriptor.
    `rm -f -- ${quoteShellWord(path)}`,
    ...Object.entries(env)
      .filter(([name]) => ENV_NAME.test(name))
      .map(([name, value]) => `${name}=${quoteShellWord(value)}; export ${name}`),
    execCommandLine(file, args),
    '',
  ]
  return lines.join('\n')
}

/**
 * Writes the launch file for one pane and returns the pane's command line. The file is created
 * exclusively (never through a planted file or symlink) and readable by the owner only.
 */
export async function writeLaunchFile(
  dir: string,
  name: string,
  env: Record<string, string>,
  file: string,
  args: readonly string[],
): Promise<{ path: string; command: string }> {
  const path = join(dir, `${name}.launch`)
  await rm(path, { force: true })
  await writeFile(path, launchScript(path, env, file, args), { mode: 0o600, flag: 'wx' })
  return { path, command: `exec /bin/sh ${quoteShellWord(path)}` }
}
