/**
 * Opt-in "observe every Claude Code session on this machine": adds Atelier's hook to the user's
 * ~/.claude/settings.json. It merges (never clobbers other hooks), backs the file up first, is
 * idempotent, and uninstall removes exactly what install added. The file keeps its mode and
 * owner, and a symlinked settings.json (dotfiles) stays a symlink: the link's target is
 * rewritten. No secret goes into settings.json: the hook entry names a small wrapper script (its
 * path quoted, since Claude Code runs the command through a shell and a data folder may contain
 * spaces), which points the shim at the app's hook socket and at the observer token's 0600 file
 * (a token that can post events of observed sessions and nothing else).
 */
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname, isAbsolute, join, sep } from 'node:path'
import { ApiError } from '@shared/contract/define'
import { CORE_HTTP_EVENTS } from './hook-settings'
import { readSettingsObject, writeSettingsObject } from './settings-file'
import { claudeConfigDir } from './transcripts'

/**
 * Every event a managed session reports (present in every supported CLI version), plus
 * SessionStart — observe-only, so no PermissionRequest (observed sessions are read-only).
 */
export const GLOBAL_HOOK_EVENTS: readonly string[] = [
  'SessionStart',
  ...CORE_HTTP_EVENTS.filter((e) => e !== 'PermissionRequest'),
]

export const HOOK_MARKER = 'atelier-hook'
const HOOK_TIMEOUT_S = 2

export interface GlobalHookPaths {
  settingsFile: string
  /** Folder for the wrapper script and the shim copy. */
  hooksDir: string
}

export interface GlobalHookStatus {
  installed: boolean
  settingsPath: string
  events: string[]
  backups: string[]
}

type HookHandler = { type?: string; command?: string; [k: string]: unknown }
type HookEntry = { matcher?: string; hooks?: HookHandler[]; [k: string]: unknown }
export type SettingsJson = { hooks?: Record<string, HookEntry[]>; [k: string]: unknown }

export function defaultSettingsFile(): string {
  return join(claudeConfigDir(), 'settings.json')
}

function readSettings(file: string): SettingsJson {
  return readSettingsObject(file) as SettingsJson
}

function writeAtomic(file: string, content: string, mode?: number): void {
  mkdirSync(dirname(file), { recursive: true })
  const tmp = `${file}.atelier-tmp-${process.pid}`
  writeFileSync(tmp, content, mode ? { mode } : {})
  renameSync(tmp, file)
}

/**
 * The runtime path to write into the wrapper. An AppImage runs from a mount that changes at every
 * launch (`/tmp/.mount_…`), so the wrapper names the AppImage file itself (`$APPIMAGE`), which
 * runs the same executable. `APPIMAGE` is trusted only when this process really runs inside that
 * mount (`APPDIR`).
 */
export function stableRuntimePath(execPath: string, env: NodeJS.ProcessEnv): string {
  const { APPIMAGE: appImage, APPDIR: appDir } = env
  if (appImage && appDir && isAbsolute(appImage) && execPath.startsWith(appDir + sep))
    return appImage
  return execPath
}

function isOurs(h: HookHandler, marker: string = HOOK_MARKER): boolean {
  return typeof h.command === 'string' && h.command.includes(marker)
}

function backup(file: string): string | null {
  if (!existsSync(file)) return null
  const target = `${file}.atelier-backup-${Date.now()}`
  copyFileSync(file, target)
  chmodSync(target, statSync(file).mode & 0o777) // the same content deserves the same protection
  return target
}

function listBackups(file: string): string[] {
  const dir = dirname(file)
  if (!existsSync(dir)) return []
  const base = `${file.slice(dir.length + 1)}.atelier-backup-`
  return readdirSync(dir)
    .filter((n) => n.startsWith(base))
    .sort()
    .map((n) => join(dir, n))
}

export function globalHookStatus(paths: GlobalHookPaths): GlobalHookStatus {
  const events = eventsWithOurs(readSettings(paths.settingsFile))
  return {
    installed: GLOBAL_HOOK_EVENTS.every((e) => events.includes(e)),
    settingsPath: paths.settingsFile,
    events,
    backups: listBackups(paths.settingsFile),
  }
}

/**
 * Removes our handlers (commands naming `marker`) from every event, dropping entries and arrays
 * that become empty; everything else is kept as it was.
 */
export function withoutOurs(settings: SettingsJson, marker: string = HOOK_MARKER): SettingsJson {
  if (!settings.hooks) return settings
  const hooks: Record<string, HookEntry[]> = {}
  for (const [name, entries] of Object.entries(settings.hooks)) {
    if (!Array.isArray(entries)) {
      hooks[name] = entries
      continue
    }
    const kept = entries
      .map((e) => ({ ...e, hooks: (e.hooks ?? []).filter((h) => !isOurs(h, marker)) }))
      .filter((e) => e.hooks.length > 0)
    if (kept.length > 0) hooks[name] = kept
  }
  const next = { ...settings }
  if (Object.keys(hooks).length > 0) next.hooks = hooks
  else delete next.hooks
  return next
}

export interface InstallOptions {
  /** The built shim (out/main/hook-shim.js). It is copied to a stable path. */
  shimSource: string
  /** The runtime that runs the shim (process.execPath: node, or Electron as node). */
  nodePath: string
  /** The app's hook socket (a Unix socket in a 0700 folder). */
  hookSocket: string
  /** The observer token's file. */
  tokenFile: string
}

/** Writes the wrapper script and the shim copy that the installed hook entries run. */
function writeHookRunner(paths: GlobalHookPaths, opts: InstallOptions): string {
  if (!existsSync(opts.shimSource))
    throw new ApiError(
      'unavailable',
      `the hook shim ${opts.shimSource} is missing from this build; reinstall Atelier (or run npm run build)`,
    )
  mkdirSync(paths.hooksDir, { recursive: true, mode: 0o700 })
  const shim = join(paths.hooksDir, 'atelier-hook.js')
  copyFileSync(opts.shimSource, shim)
  const wrapper = join(paths.hooksDir, HOOK_MARKER)
  // The wrapper carries the socket's and the token file's paths, never the token itself.
  writeAtomic(
    wrapper,
    [
      '#!/bin/sh',
      '# Installed by Atelier (observe every Claude Code session). Remove with: npm run hooks -- uninstall',
      `ATELIER_HOOK_SOCKET=${shellQuote(opts.hookSocket)}`,
      `ATELIER_TOKEN_FILE=${shellQuote(opts.tokenFile)}`,
      'ELECTRON_RUN_AS_NODE=1',
      'export ATELIER_HOOK_SOCKET ATELIER_TOKEN_FILE ELECTRON_RUN_AS_NODE',
      `RUNTIME=${shellQuote(opts.nodePath)}`,
      `SHIM=${shellQuote(shim)}`,
      '# Atelier was moved or removed: stay silent instead of failing every Claude Code hook.',
      '[ -x "$RUNTIME" ] && [ -f "$SHIM" ] || exit 0',
      'exec "$RUNTIME" "$SHIM" "$@"',
      '',
    ].join('\n'),
    0o700,
  )
  chmodSync(wrapper, 0o700)
  return wrapper
}

/**
 * The settings with our handler on every GLOBAL_HOOK_EVENTS event, after the user's own ones (an
 * earlier install of ours, found by `marker`, is replaced). `command(event)` is the shell command
 * Claude Code runs; it must contain `marker`.
 */
export function withOurHooks(
  settings: SettingsJson,
  command: (event: string) => string,
  timeoutS: number,
  marker: string = HOOK_MARKER,
): SettingsJson {
  const next = withoutOurs(settings, marker)
  next.hooks = { ...(next.hooks ?? {}) }
  for (const event of GLOBAL_HOOK_EVENTS) {
    const entry: HookEntry = {
      hooks: [{ type: 'command', command: command(event), timeout: timeoutS }],
    }
    if (event === 'PreToolUse' || event === 'PostToolUse' || event === 'PostToolUseFailure')
      entry.matcher = '*'
    next.hooks[event] = [...(next.hooks[event] ?? []), entry]
  }
  return next
}

/** The events of `settings` that carry a handler naming `marker`. */
export function eventsWithOurs(settings: SettingsJson, marker: string = HOOK_MARKER): string[] {
  return Object.entries(settings.hooks ?? {})
    .filter(
      ([, entries]) =>
        Array.isArray(entries) &&
        entries.some((e) => (e.hooks ?? []).some((h) => isOurs(h, marker))),
    )
    .map(([name]) => name)
}

export function installGlobalHooks(paths: GlobalHookPaths, opts: InstallOptions): GlobalHookStatus {
  const settings = readSettings(paths.settingsFile)
  const wrapper = writeHookRunner(paths, opts)
  backup(paths.settingsFile)
  writeSettingsObject(
    paths.settingsFile,
    withOurHooks(settings, () => shellQuote(wrapper), HOOK_TIMEOUT_S),
  )
  return globalHookStatus(paths)
}

/**
 * At every start of the app: when the hooks are installed, the wrapper and the shim copy are
 * written again for this launch (its runtime path, its shim version). settings.json is not
 * touched: its entries name the wrapper, whose path does not change.
 */
export function refreshGlobalHooks(paths: GlobalHookPaths, opts: InstallOptions): boolean {
  if (!globalHookStatus(paths).installed) return false
  writeHookRunner(paths, opts)
  return true
}

export function uninstallGlobalHooks(paths: GlobalHookPaths): GlobalHookStatus {
  const settings = readSettings(paths.settingsFile)
  const status = globalHookStatus(paths)
  if (status.events.length > 0) {
    backup(paths.settingsFile)
    writeSettingsObject(paths.settingsFile, withoutOurs(settings))
  }
  return globalHookStatus(paths)
}

/** The `hooks.*` channels: status, install and uninstall against one settings file. */
export interface GlobalHooks {
  status(): GlobalHookStatus
  install(): GlobalHookStatus
  uninstall(): GlobalHookStatus
}

/** `installOptions` is read at install time: the hook URL needs the port the app bound. */
export function globalHooks(
  paths: GlobalHookPaths,
  installOptions: () => InstallOptions,
): GlobalHooks {
  return {
    status: () => globalHookStatus(paths),
    install: () => installGlobalHooks(paths, installOptions()),
    uninstall: () => uninstallGlobalHooks(paths),
  }
}

/** Single-quotes a value for /bin/sh: the only quoting this module ever does. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}
