/**
 * Reading and rewriting a Claude Code settings file (~/.claude/settings.json, a project's
 * .claude/settings.local.json) without changing what the user set up: the write is atomic, a
 * symlinked file (dotfiles) stays a symlink — its target is written — and the mode and owner
 * carry over to the new file. A file that is not a JSON object is never overwritten.
 */
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname, resolve } from 'node:path'

/** A settings file the app creates is private: it may later hold keys the user adds. */
const NEW_SETTINGS_MODE = 0o600

export type SettingsObject = Record<string, unknown>

export function readSettingsObject(file: string): SettingsObject {
  if (!existsSync(file)) return {}
  const text = readFileSync(file, 'utf8')
  if (text.trim() === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    throw new Error(
      `${file} is not valid JSON (${err instanceof Error ? err.message : err}); fix it first, nothing was changed`,
      { cause: err },
    )
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`${file} must hold a JSON object`)
  return parsed as SettingsObject
}

/** The file a settings path really names: a symlink (dotfiles) is followed, even a dangling one. */
function resolveTarget(file: string): string {
  let link
  try {
    link = lstatSync(file)
  } catch {
    return file
  }
  if (!link.isSymbolicLink()) return file
  try {
    return realpathSync(file)
  } catch {
    return resolve(dirname(file), readlinkSync(file))
  }
}

export function writeSettingsObject(file: string, settings: SettingsObject): void {
  const target = resolveTarget(file)
  const before = statSync(target, { throwIfNoEntry: false })
  mkdirSync(dirname(target), { recursive: true })
  const tmp = `${target}.atelier-tmp-${process.pid}`
  const mode = before ? before.mode & 0o7777 : NEW_SETTINGS_MODE
  writeFileSync(tmp, `${JSON.stringify(settings, null, 2)}\n`, { mode })
  chmodSync(tmp, mode) // writeFileSync's mode is filtered by the umask
  if (before) {
    try {
      chownSync(tmp, before.uid, before.gid)
    } catch {
      // Only root can give a file away; a user rewriting their own file needs no chown.
    }
  }
  renameSync(tmp, target)
}
