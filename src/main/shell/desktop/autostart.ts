/**
 * Launch at login on Linux. Electron's `app.setLoginItemSettings` covers macOS and Windows only;
 * on Linux desktops the XDG autostart spec is the standard: a `.desktop` file in
 * `$XDG_CONFIG_HOME/autostart` (default `~/.config/autostart`).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

export const AUTOSTART_FILE_NAME = 'dev.atelier.app.desktop'

export function autostartDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart')
}

/** Quotes an Exec argument per the Desktop Entry spec (double quotes, escape `"` `` ` `` `$` `\`). */
function quoteExecArg(arg: string): string {
  return /^[A-Za-z0-9_./:=-]+$/.test(arg) ? arg : `"${arg.replace(/(["`$\\])/g, '\\$1')}"`
}

export function autostartDesktopEntry(executable: string, args: readonly string[]): string {
  const exec = [executable, ...args].map(quoteExecArg).join(' ').replace(/%/g, '%%')
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Atelier',
    'Comment=Supervise your Claude Code sessions',
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')
}

/** Creates or removes the autostart entry; returns the file path either way. */
export function applyLinuxAutostart(
  enabled: boolean,
  executable: string,
  args: readonly string[],
  dir: string = autostartDir(),
): string {
  const file = join(dir, AUTOSTART_FILE_NAME)
  if (enabled) {
    mkdirSync(dir, { recursive: true })
    writeFileSync(file, autostartDesktopEntry(executable, args), 'utf8')
  } else if (existsSync(file)) {
    rmSync(file)
  }
  return file
}
