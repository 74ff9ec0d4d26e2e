/** Lists a repository's git-ignored folders (build output, virtualenvs…) so the watcher skips them. */
import type { GitRunner } from './git-runner'

const LIST_TIMEOUT_MS = 10_000
const LIST_MAX_OUTPUT_BYTES = 1024 * 1024
/** Beyond this many the rest are simply watched; each rule is checked per event in the watcher. */
export const MAX_IGNORED_DIRS = 200

/** Relative paths of ignored folders (without the trailing slash); empty if git fails. */
export async function listIgnoredDirs(git: GitRunner, root: string): Promise<string[]> {
  let result
  try {
    result = await git.run(
      ['ls-files', '--others', '--ignored', '--exclude-standard', '--directory', '-z'],
      { cwd: root, timeoutMs: LIST_TIMEOUT_MS, maxOutputBytes: LIST_MAX_OUTPUT_BYTES },
    )
  } catch {
    return []
  }
  if (result.code !== 0 || result.timedOut) return []
  const dirs: string[] = []
  for (const entry of result.stdout.split('\0')) {
    // `--directory` reports a wholly ignored folder once, with a trailing slash; files are skipped.
    if (entry.endsWith('/')) dirs.push(entry.slice(0, -1))
    if (dirs.length >= MAX_IGNORED_DIRS) break
  }
  return dirs
}
