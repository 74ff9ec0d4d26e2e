/** The commits HEAD gained between two observations of a repository. */
import type { GitRunner } from './git-runner'

const COMMITS_TIMEOUT_MS = 5_000
/** Commits listed per HEAD move: a rebase of a long branch is cut here (the newest are kept). */
export const MAX_COMMITS_PER_MOVE = 50
const MAX_COMMITS_OUTPUT_BYTES = 64 * 1024
const MS_PER_SECOND = 1_000
const OID = /^[0-9a-f]{40,64}$/

export interface NewCommit {
  hash: string
  subject: string
  /** Committer time, ms since the epoch. */
  ts: number
}

/**
 * Commits reachable from `head` but not from `previous`, newest first (at most
 * MAX_COMMITS_PER_MOVE). A previous HEAD git no longer knows (garbage-collected) lists nothing.
 */
export async function readNewCommits(
  git: GitRunner,
  root: string,
  previous: string,
  head: string,
): Promise<NewCommit[]> {
  // Both are object ids from porcelain output; anything else never reaches git's argv.
  if (!OID.test(previous) || !OID.test(head)) return []
  const result = await git.run(
    [
      'log',
      '--no-show-signature',
      `--max-count=${MAX_COMMITS_PER_MOVE}`,
      '--format=%H%x00%ct%x00%s',
      `${previous}..${head}`,
      '--',
    ],
    { cwd: root, timeoutMs: COMMITS_TIMEOUT_MS, maxOutputBytes: MAX_COMMITS_OUTPUT_BYTES },
  )
  if (result.code !== 0 || result.timedOut) return []
  return result.stdout
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      const [hash, seconds, subject] = line.split('\0')
      if (!hash || !OID.test(hash) || !seconds) return []
      return [{ hash, subject: subject ?? '', ts: Number(seconds) * MS_PER_SECOND }]
    })
}
