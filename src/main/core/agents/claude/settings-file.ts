/**
 * Reading and rewriting a Claude Code settings file (~/.claude/settings.json, a project's
 * .claude/settings.local.json) without changing what the user set up: the write is atomic, a
 * symlinked file (dotfiles) stays a symlink — its target is written — and the mode and owner
 * carry over to the new file. A file that is not a JSON object is never overwritten.
 * updateSettingsObject re-reads the file just before replacing it, so a write by Claude Code in
 * between is built on rather than lost (docs/claude-files.md).
 */
import { randomBytes } from 'node:crypto'
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
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname, resolve } from 'node:path'

/** A settings file the app creates is private: it may later hold keys the user adds. */
const NEW_SETTINGS_MODE = 0o600

export type SettingsObject = Record<string, unknown>

/** How often an edit is rebuilt when another program rewrote the file while it was being made. */
const MAX_EDIT_ATTEMPTS = 5

export function readSettingsObject(file: string): SettingsObject {
  return parseSettings(file, readText(file))
}

/** The file's text, or null when there is none. */
function readText(file: string): string | null {
  return existsSync(file) ? readFileSync(file, 'utf8') : null
}

function parseSettings(file: string, text: string | null): SettingsObject {
  if (text === null || text.trim() === '') return {}
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
  renameSync(writeBeside(target, settings), target)
}

/**
 * Reads the file, applies `edit` and writes the result, unless `edit` returns null (nothing to
 * change: the file is not touched). The file is read again right before the new one replaces it;
 * if another program (a running Claude Code) changed it meanwhile, the edit is made again on what
 * that program wrote. Returns whether the file was written.
 */
export function updateSettingsObject(
  file: string,
  edit: (current: SettingsObject) => SettingsObject | null,
): boolean {
  for (let attempt = 1; ; attempt++) {
    const target = resolveTarget(file)
    const text = readText(target)
    const next = edit(parseSettings(target, text))
    if (next === null) return false
    const tmp = writeBeside(target, next)
    if (readText(target) === text) {
      renameSync(tmp, target)
      return true
    }
    rmSync(tmp, { force: true })
    if (attempt >= MAX_EDIT_ATTEMPTS)
      throw new Error(`${file} kept changing while it was being updated; nothing was changed`)
  }
}

/** The new content in a temporary file next to `target`, with its mode and owner; returns its path. */
function writeBeside(target: string, settings: SettingsObject): string {
  const before = statSync(target, { throwIfNoEntry: false })
  mkdirSync(dirname(target), { recursive: true })
  const tmp = `${target}.atelier-tmp-${process.pid}-${randomBytes(4).toString('hex')}`
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
  return tmp
}
