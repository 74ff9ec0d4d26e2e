/** Finds the repository (and linked worktree) that contains a folder. */
import { realpath, stat } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { firstLine, type GitRunner } from './git-runner'

const LOCATE_TIMEOUT_MS = 5_000
const LOCATE_MAX_OUTPUT_BYTES = 64 * 1024

export type RepoLocation =
  | {
      kind: 'repo'
      /** Top of the working tree. */
      root: string
      /** Per-worktree git directory (HEAD, index, MERGE_HEAD…). */
      gitDir: string
      /** Shared git directory (refs, packed-refs, config); differs from gitDir in a linked worktree. */
      commonDir: string
    }
  | { kind: 'not-repo'; folder: string; reason?: string }
  | { kind: 'missing'; folder: string }

export function sameLocation(a: RepoLocation, b: RepoLocation): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

async function isFolderPresent(folder: string): Promise<boolean | 'not-a-folder'> {
  try {
    return (await stat(folder)).isDirectory() ? true : 'not-a-folder'
  } catch {
    return false
  }
}

/**
 * @param presence whether the folder is there; on a host git's own error says so instead (a
 * missing folder is then `not-repo` with git's reason).
 */
export async function locateRepo(
  git: GitRunner,
  folder: string,
  presence: (folder: string) => Promise<boolean | 'not-a-folder'> = isFolderPresent,
): Promise<RepoLocation> {
  const present = await presence(folder)
  if (present === false) return { kind: 'missing', folder }
  if (present === 'not-a-folder') return { kind: 'not-repo', folder, reason: 'not a folder' }
  let result
  try {
    result = await git.run(
      ['rev-parse', '--path-format=absolute', '--show-toplevel', '--git-dir', '--git-common-dir'],
      { cwd: folder, timeoutMs: LOCATE_TIMEOUT_MS, maxOutputBytes: LOCATE_MAX_OUTPUT_BYTES },
    )
  } catch (err) {
    // A spawn error with a vanished cwd reads like "git not found"; tell the two apart.
    if ((await presence(folder)) === false) return { kind: 'missing', folder }
    return { kind: 'not-repo', folder, reason: `git could not start: ${(err as Error).message}` }
  }
  if (result.timedOut) return { kind: 'not-repo', folder, reason: 'git rev-parse timed out' }
  if (result.code !== 0) {
    const message = firstLine(result.stderr)
    // The everyday case of a plain folder is not an error worth showing.
    if (/not a git repository/i.test(message)) return { kind: 'not-repo', folder }
    return { kind: 'not-repo', folder, reason: message || `git rev-parse exited ${result.code}` }
  }
  const [root, gitDir, commonDir] = result.stdout.split('\n')
  if (!root || !gitDir || !commonDir) {
    return { kind: 'not-repo', folder, reason: 'unexpected git rev-parse output' }
  }
  return { kind: 'repo', root, gitDir, commonDir }
}

/** The key that makes sessions in one repository (or one plain folder) share a monitor. */
export async function locationKey(location: RepoLocation): Promise<string> {
  if (location.kind === 'repo') return location.root
  if (location.kind === 'missing') return location.folder
  return realpath(location.folder).catch(() => location.folder)
}

/** The main repository's folder for a linked worktree, or undefined for a main worktree. */
export function worktreeOf(location: RepoLocation & { kind: 'repo' }): string | undefined {
  if (location.gitDir === location.commonDir) return undefined
  const common = location.commonDir
  return basename(common) === '.git' ? dirname(common) : common
}
