/** Unified diff of one file, size-capped; untracked files are shown as all-added. */
import type { GitStatus } from '@shared/git'
import type { GitPlace } from './git-place'
import { firstLine, type GitRunner } from './git-runner'

export interface DiffResult {
  diff: string
  truncated: boolean
}

/** Enough for any diff a person reads in a panel; larger ones are cut at a line boundary. */
export const MAX_DIFF_BYTES = 512 * 1024
const DIFF_TIMEOUT_MS = 10_000
/** Exit code of `git diff --no-index` when the files differ (not an error). */
const NO_INDEX_DIFFERENT_EXIT_CODE = 1
/** External diff drivers and textconv filters run configured commands; the panel never needs them. */
const DIFF_FLAGS = ['--no-color', '--no-ext-diff', '--no-textconv']

function capDiff(text: string, cutByGit: boolean): DiffResult {
  if (!cutByGit && Buffer.byteLength(text) <= MAX_DIFF_BYTES)
    return { diff: text, truncated: false }
  const head = Buffer.from(text).subarray(0, MAX_DIFF_BYTES).toString('utf8')
  const lastNewline = head.lastIndexOf('\n')
  return { diff: lastNewline >= 0 ? head.slice(0, lastNewline + 1) : head, truncated: true }
}

async function isTracked(git: GitRunner, root: string, rel: string): Promise<boolean> {
  const result = await git.run(['ls-files', '-z', '--', rel], {
    cwd: root,
    timeoutMs: DIFF_TIMEOUT_MS,
    maxOutputBytes: 64 * 1024,
  })
  return result.code === 0 && result.stdout.length > 0
}

export async function readDiff(
  place: GitPlace,
  root: string,
  requestedPath: string,
  staged: boolean,
  status: GitStatus | undefined,
): Promise<DiffResult> {
  const git = place.git
  const rel = await place.resolvePath(root, requestedPath)
  const run = (args: string[]) =>
    git.run(args, { cwd: root, timeoutMs: DIFF_TIMEOUT_MS, maxOutputBytes: MAX_DIFF_BYTES })

  const result = await run(['diff', ...(staged ? ['--cached'] : []), ...DIFF_FLAGS, '--', rel])
  if (result.timedOut) throw new Error('git diff timed out')
  if (result.code !== 0)
    throw new Error(firstLine(result.stderr) || `git diff exited ${result.code}`)
  if (result.stdout.length > 0 || staged) return capDiff(result.stdout, result.truncated)

  // No working-tree diff: an untracked file is shown as wholly added. Only a regular file (not a
  // folder, not a symlink that might point outside) is read.
  const listedUntracked = status?.files.some((f) => f.area === 'untracked' && f.path === rel)
  if (!(await place.isRegularFile(root, rel))) return { diff: '', truncated: false }
  if (!listedUntracked && (await isTracked(git, root, rel))) return { diff: '', truncated: false }
  const untracked = await run(['diff', '--no-index', ...DIFF_FLAGS, '--', '/dev/null', rel])
  if (untracked.timedOut) throw new Error('git diff timed out')
  if (untracked.code !== 0 && untracked.code !== NO_INDEX_DIFFERENT_EXIT_CODE) {
    throw new Error(firstLine(untracked.stderr) || `git diff exited ${untracked.code}`)
  }
  return capDiff(untracked.stdout, untracked.truncated)
}
