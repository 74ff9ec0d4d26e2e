/**
 * Claude Code's folder trust, read and recorded the way the CLI itself does it
 * (docs/claude-files.md#folder-trust). Before its first hook, Claude Code asks in its terminal
 * whether to trust a folder it has not trusted yet; the app asks that question in its own New
 * Session dialog instead and, only with the user's consent, records the answer where Claude Code
 * looks for it, so the screen never appears.
 */
import { realpath } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import type { GitRunner } from '../../git/git-runner'
import { locateRepo, worktreeOf } from '../../git/locate-repo'
import { readSettingsObject, updateSettingsObject, type SettingsObject } from './settings-file'

export interface FolderTrust {
  /** Claude Code starts in this folder without asking. */
  trusted: boolean
  /** Where Claude Code records the answer: the repository's main folder, else the folder itself. */
  projectFolder: string
  /**
   * Whether an answer can be recorded at all: Claude Code never records trust for the home
   * folder (its answer holds for one run), so there the screen is always shown.
   */
  recordable: boolean
}

export interface TrustOptions {
  git: GitRunner
  /** The environment Claude Code runs with (HOME, CLAUDE_CONFIG_DIR); the app's own by default. */
  env?: NodeJS.ProcessEnv
}

export class TrustNotRecordableError extends Error {}

/** Claude Code's global config file: `.claude.json` in CLAUDE_CONFIG_DIR, else in the home folder. */
export function claudeConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.CLAUDE_CONFIG_DIR || homeOf(env), '.claude.json')
}

function homeOf(env: NodeJS.ProcessEnv): string {
  return env.HOME || homedir()
}

type Projects = Record<string, { hasTrustDialogAccepted?: unknown } | undefined>

function projectsOf(config: SettingsObject): Projects {
  const p = config.projects
  return p && typeof p === 'object' && !Array.isArray(p) ? (p as Projects) : {}
}

function accepted(projects: Projects, folder: string): boolean {
  return projects[folder]?.hasTrustDialogAccepted === true
}

/**
 * The folder the trust is recorded under, and the folders whose trust also covers `cwd`: inside a
 * git repository, `cwd` and each folder above it up to the top of its working tree; elsewhere
 * every folder above it. A linked worktree records under its main repository's folder.
 */
async function trustScope(
  cwd: string,
  git: GitRunner,
): Promise<{ projectFolder: string; covering: string[] }> {
  const folder = await realpath(cwd)
  const location = await locateRepo(git, folder)
  const top = location.kind === 'repo' ? await realpath(location.root) : null
  const main = location.kind === 'repo' ? worktreeOf(location) : undefined
  const projectFolder = main ? await realpath(main) : (top ?? folder)
  const covering = [projectFolder]
  for (let f = folder; ; f = dirname(f)) {
    if (!covering.includes(f)) covering.push(f)
    if (f === top || dirname(f) === f) break
  }
  return { projectFolder, covering }
}

/** Whether Claude Code would start in `cwd` without its trust screen. Reads, never writes. */
export async function folderTrust(cwd: string, options: TrustOptions): Promise<FolderTrust> {
  const env = options.env ?? process.env
  const { projectFolder, covering } = await trustScope(cwd, options.git)
  const projects = projectsOf(readSettingsObject(claudeConfigFile(env)))
  const home = await realpath(homeOf(env)).catch(() => homeOf(env))
  return {
    trusted: covering.some((f) => accepted(projects, f)),
    projectFolder,
    recordable: projectFolder !== home,
  }
}

/**
 * Records that the user trusts `cwd` for Claude Code: sets `hasTrustDialogAccepted` on the
 * folder's project entry, keeping everything else in the file and in that entry. Only call this
 * with the user's consent. Returns whether the file changed (false when already trusted).
 */
export async function recordFolderTrust(cwd: string, options: TrustOptions): Promise<boolean> {
  const env = options.env ?? process.env
  const trust = await folderTrust(cwd, options)
  if (trust.trusted) return false
  if (!trust.recordable)
    throw new TrustNotRecordableError(
      `Claude Code never records trust for the home folder (${trust.projectFolder}); answer its question in the terminal`,
    )
  const folder = trust.projectFolder
  return updateSettingsObject(claudeConfigFile(env), (config) => {
    const projects = projectsOf(config)
    if (accepted(projects, folder)) return null
    const entry: unknown = projects[folder] ?? {}
    // Something Claude Code did not write: changing it could lose what it means to its author.
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      throw new Error(`the entry for ${folder} in ${claudeConfigFile(env)} is not an object`)
    return {
      ...config,
      projects: { ...projects, [folder]: { ...entry, hasTrustDialogAccepted: true } },
    }
  })
}
