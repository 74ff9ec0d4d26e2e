/** Detects a merge, rebase, cherry-pick, revert or bisect in progress from files in the git dir. */
import { access } from 'node:fs/promises'
import { join } from 'node:path'
import type { GitStatus } from '@shared/git'

export type GitOperation = NonNullable<GitStatus['operation']>

/**
 * Checked in this order: a conflicted rebase step can also leave CHERRY_PICK_HEAD or MERGE_HEAD
 * behind, and the rebase is what the user is in. `rebase-apply` is also used by `git am`, which
 * is shown as a rebase too (same recovery: continue, skip or abort).
 */
export const OPERATION_MARKERS: ReadonlyArray<readonly [string, GitOperation]> = [
  ['rebase-merge', 'rebase'],
  ['rebase-apply', 'rebase'],
  ['MERGE_HEAD', 'merge'],
  ['CHERRY_PICK_HEAD', 'cherry-pick'],
  ['REVERT_HEAD', 'revert'],
  ['BISECT_LOG', 'bisect'],
]

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}

/** @param gitDir the per-worktree git directory (these markers are per worktree). */
export async function detectOperation(gitDir: string): Promise<GitOperation | null> {
  const present = await Promise.all(OPERATION_MARKERS.map(([file]) => exists(join(gitDir, file))))
  const index = present.indexOf(true)
  return index < 0 ? null : OPERATION_MARKERS[index][1]
}
