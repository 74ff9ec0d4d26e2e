/**
 * Optional git worktree per session: a new branch in a folder of the app's own (the data dir
 * here, `~/.atelier-remote/worktrees` on a remote host). The same git commands run wherever the
 * repository is: `GitAt` says how (a local process, or one over the host's ssh connection).
 */
import { mkdirSync } from 'node:fs'
import { posix } from 'node:path'
import { ApiError } from '@shared/contract/define'
import { runProcess, type RunResult } from '../process/spawn'

const GIT_TIMEOUT_MS = 30_000

/** Where the git commands run. */
export interface GitAt {
  git(args: string[]): Promise<RunResult>
  /** Creates a folder and its parents. */
  makeDir(path: string): Promise<void>
}

/** This machine. */
export const localGit: GitAt = {
  git: (args) => runProcess('git', args, { timeoutMs: GIT_TIMEOUT_MS }),
  makeDir: async (path) => {
    mkdirSync(path, { recursive: true })
  },
}

export function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'session'
  )
}

export async function createWorktree(
  repoDir: string,
  worktreesDir: string,
  name: string,
  shortId: string,
  at: GitAt = localGit,
): Promise<{ path: string; branch: string }> {
  const top = await at.git(['-C', repoDir, 'rev-parse', '--show-toplevel'])
  if (top.code !== 0)
    throw new ApiError(
      'bad_request',
      `${repoDir} is not inside a git repository, so no worktree can be made`,
      'worktree',
    )
  const branch = `atelier/${slugify(name)}-${shortId}`
  const path = posix.join(worktreesDir, `${slugify(name)}-${shortId}`)
  await at.makeDir(worktreesDir)
  const add = await at.git(['-C', repoDir, 'worktree', 'add', '-b', branch, path, 'HEAD'])
  if (add.code !== 0)
    throw new ApiError(
      'bad_request',
      `git worktree add failed: ${add.stderr.trim() || add.stdout.trim()}`,
      'worktree',
    )
  return { path, branch }
}

export async function removeWorktree(path: string, at: GitAt = localGit): Promise<void> {
  // Run from the main repository: git will not remove the worktree it is running in.
  const common = await at.git([
    '-C',
    path,
    'rev-parse',
    '--path-format=absolute',
    '--git-common-dir',
  ])
  if (common.code !== 0)
    throw new ApiError('conflict', `${path} is no longer a git worktree: ${common.stderr.trim()}`)
  const mainRepo = posix.dirname(common.stdout.trim())
  const r = await at.git(['-C', mainRepo, 'worktree', 'remove', '--force', path])
  if (r.code !== 0)
    throw new ApiError(
      'conflict',
      `git worktree remove failed: ${r.stderr.trim() || r.stdout.trim()}`,
    )
}
