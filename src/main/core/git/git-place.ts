/**
 * Where a repository lives: git itself (a GitRunner) and the few file checks the readers make
 * beside git. Here they are local file-system calls; on a host (remote/host-git.ts) they are
 * commands over the host's ssh connection. The status and diff readers take a place, so the
 * parsing and the rules exist once.
 */
import { lstat } from 'node:fs/promises'
import { join } from 'node:path'
import { detectOperation, type GitOperation } from './detect-operation'
import type { GitRunner } from './git-runner'
import { resolveRepoPath } from './repo-path'

export interface GitPlace {
  readonly git: GitRunner
  /** A merge, rebase… in progress, from the markers in the per-worktree git directory. */
  operationOf(gitDir: string): Promise<GitOperation | null>
  /** A path from the UI as a repository-relative path that provably stays inside `root`. */
  resolvePath(root: string, requested: string): Promise<string>
  /** Whether `rel` under `root` is a regular file (not a folder, not a symlink). */
  isRegularFile(root: string, rel: string): Promise<boolean>
}

export function localPlace(git: GitRunner): GitPlace {
  return {
    git,
    operationOf: detectOperation,
    resolvePath: resolveRepoPath,
    async isRegularFile(root, rel) {
      try {
        return (await lstat(join(root, rel))).isFile()
      } catch {
        return false
      }
    },
  }
}
