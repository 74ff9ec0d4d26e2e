/** Optional git worktree per session: a new branch in a sibling folder of the data dir. */
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { ApiError } from '@shared/contract/define'
import { runProcess } from '../process/spawn'

const GIT_TIMEOUT_MS = 30_000

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
): Promise<{ path: string; branch: string }> {
  const top = await runProcess('git', ['-C', repoDir, 'rev-parse', '--show-toplevel'], {
    timeoutMs: GIT_TIMEOUT_MS,
  })
  if (top.code !== 0)
    throw new ApiError(
      'bad_request',
      `${repoDir} is not inside a git repository, so no worktree can be made`,
      'worktree',
    )
  const branch = `atelier/${slugify(name)}-${shortId}`
  const path = join(worktreesDir, `${slugify(name)}-${shortId}`)
  mkdirSync(worktreesDir, { recursive: true })
  const add = await runProcess(
    'git',
    ['-C', repoDir, 'worktree', 'add', '-b', branch, path, 'HEAD'],
    { timeoutMs: GIT_TIMEOUT_MS },
  )
  if (add.code !== 0)
    throw new ApiError(
      'bad_request',
      `git worktree add failed: ${add.stderr.trim() || add.stdout.trim()}`,
      'worktree',
    )
  return { path, branch }
}

export async function removeWorktree(path: string): Promise<void> {
  // Run from the main repository: git will not remove the worktree it is running in.
  const common = await runProcess(
    'git',
    ['-C', path, 'rev-parse', '--path-format=absolute', '--git-common-dir'],
    { timeoutMs: GIT_TIMEOUT_MS },
  )
  if (common.code !== 0)
    throw new ApiError('conflict', `${path} is no longer a git worktree: ${common.stderr.trim()}`)
  const mainRepo = dirname(common.stdout.trim())
  const r = await runProcess('git', ['-C', mainRepo, 'worktree', 'remove', '--force', path], {
    timeoutMs: GIT_TIMEOUT_MS,
  })
  if (r.code !== 0)
    throw new ApiError(
      'conflict',
      `git worktree remove failed: ${r.stderr.trim() || r.stdout.trim()}`,
    )
}
