/**
 * Reads one repository's status: one porcelain-v2 status, then the unstaged and staged numstat
 * only where the status lists changes they can count, the operation markers, and `git log -1`
 * only when HEAD moved since the previous read.
 */
import type { GitFile, GitStatus } from '@shared/git'
import { detectOperation, type GitOperation } from './detect-operation'
import { firstLine, type GitRunner } from './git-runner'
import { worktreeOf, type RepoLocation } from './locate-repo'
import { parseNumstat, sumLines, type LineCounts } from './parse-numstat'
import { parsePorcelainV2, type PorcelainEntry } from './parse-porcelain'

type Repo = RepoLocation & { kind: 'repo' }

/** Generous: status on a cold cache of a big repository can take seconds. */
export const STATUS_TIMEOUT_MS = 15_000
const LOG_TIMEOUT_MS = 5_000
const MAX_STATUS_OUTPUT_BYTES = 8 * 1024 * 1024
const MAX_NUMSTAT_OUTPUT_BYTES = 8 * 1024 * 1024
const MAX_LOG_OUTPUT_BYTES = 64 * 1024
/** Files listed in a status; the rest is only counted (`truncated`) so a flood stays cheap to ship. */
export const MAX_LISTED_FILES = 500
const MS_PER_SECOND = 1000

/**
 * `--untracked-files=normal` lists a new folder as one `dir/` entry instead of every file in it
 * (`all` would walk and print 20k files of a fresh build output on every change).
 */
const STATUS_ARGS = ['status', '--porcelain=v2', '--branch', '-z', '--untracked-files=normal']
const UNSTAGED_NUMSTAT_ARGS = ['diff', '--numstat', '-z', '--no-ext-diff', '--no-textconv']
const STAGED_NUMSTAT_ARGS = [
  'diff',
  '--cached',
  '--numstat',
  '-z',
  '--no-ext-diff',
  '--no-textconv',
]

export class GitStatusError extends Error {}

/** Listing order when the list is capped: what needs attention first, untracked noise last. */
const AREA_ORDER: Record<GitFile['area'], number> = {
  conflicted: 0,
  staged: 1,
  unstaged: 2,
  untracked: 3,
}

function fileFor(
  path: string,
  area: GitFile['area'],
  code: string,
  counts: LineCounts | undefined,
  from?: string,
): GitFile {
  return {
    path,
    ...(from !== undefined ? { from } : {}),
    area,
    code,
    added: counts?.added ?? 0,
    removed: counts?.removed ?? 0,
    ...(counts?.binary ? { binary: true } : {}),
  }
}

function filesFromEntries(
  entries: PorcelainEntry[],
  unstaged: Map<string, LineCounts>,
  staged: Map<string, LineCounts>,
): GitFile[] {
  const files: GitFile[] = []
  for (const entry of entries) {
    if (entry.kind === 'untracked') {
      // Untracked files have no diff; their lines are not read (that would mean opening every new file).
      files.push(fileFor(entry.path, 'untracked', '?', undefined))
    } else if (entry.kind === 'unmerged') {
      files.push(fileFor(entry.path, 'conflicted', 'U', unstaged.get(entry.path)))
    } else {
      const [x, y] = entry.xy
      if (x !== '.') {
        const from = entry.kind === 'renamed' ? entry.from : undefined
        files.push(fileFor(entry.path, 'staged', x, staged.get(entry.path), from))
      }
      if (y !== '.') files.push(fileFor(entry.path, 'unstaged', y, unstaged.get(entry.path)))
    }
  }
  return files
}

async function readNumstat(
  git: GitRunner,
  root: string,
  args: string[],
): Promise<Map<string, LineCounts>> {
  const result = await git.run(args, {
    cwd: root,
    timeoutMs: STATUS_TIMEOUT_MS,
    maxOutputBytes: MAX_NUMSTAT_OUTPUT_BYTES,
  })
  // Line counts are a bonus: a failed or cut numstat leaves counts at zero rather than failing the status.
  if (result.code !== 0 || result.timedOut) return new Map()
  return parseNumstat(result.stdout)
}

async function readLastCommit(
  git: GitRunner,
  root: string,
  oid: string,
): Promise<GitStatus['lastCommit']> {
  const result = await git.run(
    ['log', '-1', '--no-show-signature', '--format=%H%x00%ct%x00%s', oid, '--'],
    { cwd: root, timeoutMs: LOG_TIMEOUT_MS, maxOutputBytes: MAX_LOG_OUTPUT_BYTES },
  )
  if (result.code !== 0 || result.timedOut) return null
  const [hash, seconds, subject] = result.stdout.replace(/\n$/, '').split('\0')
  if (!hash || !seconds) return null
  return { hash, subject: subject ?? '', time: Number(seconds) * MS_PER_SECOND }
}

/**
 * Which numstat can count anything: unstaged for a tracked file changed in the working tree or a
 * conflict, staged for a change in the index (porcelain v2's XY: X = index, Y = working tree).
 */
export function numstatAreas(entries: PorcelainEntry[]): { unstaged: boolean; staged: boolean } {
  let unstaged = false
  let staged = false
  for (const entry of entries) {
    if (entry.kind === 'untracked') continue
    if (entry.kind === 'unmerged') {
      unstaged = true
      continue
    }
    const [x, y] = entry.xy
    if (x !== '.') staged = true
    if (y !== '.') unstaged = true
    if (staged && unstaged) break
  }
  return { unstaged, staged }
}

export async function readRepoStatus(
  git: GitRunner,
  repo: Repo,
  previous: GitStatus | undefined,
  now: () => number,
  operationOf: (gitDir: string) => Promise<GitOperation | null> = detectOperation,
): Promise<GitStatus> {
  const [statusResult, operation] = await Promise.all([
    git.run(STATUS_ARGS, {
      cwd: repo.root,
      timeoutMs: STATUS_TIMEOUT_MS,
      maxOutputBytes: MAX_STATUS_OUTPUT_BYTES,
    }),
    operationOf(repo.gitDir),
  ])
  if (statusResult.timedOut) throw new GitStatusError('git status timed out')
  if (statusResult.code !== 0) {
    throw new GitStatusError(
      firstLine(statusResult.stderr) || `git status exited ${statusResult.code}`,
    )
  }
  const porcelain = parsePorcelainV2(statusResult.stdout)
  // Each numstat is a git process of its own: it runs only when the status lists something it
  // can count (a clean tree or only new files need none), so most reads start one or two.
  const areas = numstatAreas(porcelain.entries)
  const [unstaged, staged] = await Promise.all([
    areas.unstaged ? readNumstat(git, repo.root, UNSTAGED_NUMSTAT_ARGS) : new Map(),
    areas.staged ? readNumstat(git, repo.root, STAGED_NUMSTAT_ARGS) : new Map(),
  ])

  const allFiles = filesFromEntries(porcelain.entries, unstaged, staged)
  allFiles.sort((a, b) => AREA_ORDER[a.area] - AREA_ORDER[b.area])
  const files = allFiles.slice(0, MAX_LISTED_FILES)
  const omitted = allFiles.length - files.length

  // Totals come from the full numstat, not the capped list, so the label stays right in a flood.
  const unstagedLines = sumLines(unstaged.values())
  const stagedLines = sumLines(staged.values())

  let lastCommit: GitStatus['lastCommit'] = null
  if (porcelain.oid !== null) {
    lastCommit =
      previous?.lastCommit?.hash === porcelain.oid
        ? previous.lastCommit
        : await readLastCommit(git, repo.root, porcelain.oid)
  }

  const linkedTo = worktreeOf(repo)
  return {
    isRepo: true,
    root: repo.root,
    ...(linkedTo !== undefined ? { worktreeOf: linkedTo } : {}),
    branch: porcelain.branch,
    detached: porcelain.branch === null,
    ...(porcelain.oid !== null ? { head: porcelain.oid } : {}),
    ...(porcelain.upstream !== undefined ? { upstream: porcelain.upstream } : {}),
    ahead: porcelain.ahead,
    behind: porcelain.behind,
    files,
    linesAdded: unstagedLines.added + stagedLines.added,
    linesRemoved: unstagedLines.removed + stagedLines.removed,
    lastCommit,
    operation,
    ...(omitted > 0 ? { truncated: omitted } : {}),
    ...(statusResult.truncated ? { error: 'status output was cut at its size cap' } : {}),
    updatedAt: now(),
  }
}

/** Status of a folder that is not (or no longer) a repository. */
export function nonRepoStatus(
  location: RepoLocation & { kind: 'not-repo' | 'missing' },
  now: () => number,
): GitStatus {
  const error = location.kind === 'missing' ? 'folder does not exist' : location.reason
  return {
    isRepo: false,
    branch: null,
    detached: false,
    ahead: 0,
    behind: 0,
    files: [],
    linesAdded: 0,
    linesRemoved: 0,
    lastCommit: null,
    operation: null,
    ...(error !== undefined ? { error } : {}),
    updatedAt: now(),
  }
}

/** Equal apart from the time it was read: only a real change is pushed to listeners. */
export function sameStatus(a: GitStatus, b: GitStatus): boolean {
  return JSON.stringify({ ...a, updatedAt: 0 }) === JSON.stringify({ ...b, updatedAt: 0 })
}
