/**
 * Turns a path from the UI into a repository-relative path that provably stays inside the
 * working tree: no absolute paths, no `..` escape, no `.git` metadata, and no escape through a
 * symlinked folder (checked on the real, symlink-resolved parent folder).
 */
import { realpath } from 'node:fs/promises'
import { dirname, isAbsolute, normalize, relative, resolve, sep } from 'node:path'

export class RepoPathError extends Error {}

/** True when `child` is `parent` or below it; both must be absolute and normalised. */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/** Real path of the nearest existing ancestor of `path` (deleted files still get checked). */
async function realExistingAncestor(path: string): Promise<string> {
  for (let p = path; ; p = dirname(p)) {
    try {
      return await realpath(p)
    } catch {
      if (dirname(p) === p) return p
    }
  }
}

/**
 * The checks that need no file system: not empty, not absolute, no `..` escape, not in `.git`.
 * @returns the absolute path and the path relative to `root` (platform separators).
 */
export function checkRepoPathText(
  root: string,
  requested: string,
): { absolute: string; rel: string } {
  if (typeof requested !== 'string' || requested.length === 0 || requested.includes('\0')) {
    throw new RepoPathError('invalid path')
  }
  if (isAbsolute(requested)) throw new RepoPathError('path must be relative to the repository')
  const absolute = resolve(root, normalize(requested))
  if (!isInside(root, absolute) || absolute === root) {
    throw new RepoPathError('path is outside the repository')
  }
  const rel = relative(root, absolute)
  if (rel.split(sep)[0] === '.git') throw new RepoPathError('path is inside .git')
  return { absolute, rel }
}

/** @returns the path relative to `root`, with `/` separators (what git expects). */
export async function resolveRepoPath(root: string, requested: string): Promise<string> {
  const { absolute, rel } = checkRepoPathText(root, requested)
  // The last component may itself be a tracked symlink: git diffs the link text, never its target,
  // so only the folders leading to it must resolve inside the repository.
  const realRoot = await realpath(root)
  const realParent = await realExistingAncestor(dirname(absolute))
  if (!isInside(realRoot, realParent)) {
    throw new RepoPathError('path leaves the repository through a symlink')
  }
  return rel.split(sep).join('/')
}
