/**
 * What to watch for each state of a folder, with @parcel/watcher `ignore` options that keep
 * inotify watches (and events) out of git's object store and heavy dependency folders.
 *
 * Ignore rules run in the native watcher: a RegExp is tested against the path relative to the
 * watched folder (substring semantics, no flags allowed); a plain string is an absolute path
 * prefix. Ignored folders are not crawled or watched at all.
 */
import { basename, dirname, join, relative, sep } from 'node:path'
import type { RepoLocation } from './locate-repo'

export type IgnoreRule = string | RegExp

/** What a batch of events asks the monitor to do; every batch at least re-reads status. */
export interface WatchSignal {
  /** The folder, its `.git` or the git dir appeared or vanished: find the repository again. */
  relocate: boolean
  /** A `.gitignore` changed: the set of ignored folders to skip may have changed. */
  ignoresChanged: boolean
}

export interface WatchPlan {
  /** Short label for error messages. */
  label: string
  dir: string
  ignore: IgnoreRule[]
  /** Maps a batch of absolute event paths to a signal, or null when the batch does not matter. */
  classify(paths: string[]): WatchSignal | null
}

/** Never worth watching, even when a repository forgets to ignore them (first `npm install`). */
const ALWAYS_IGNORED_DIR_NAMES = ['node_modules', '.pnpm-store', '__pycache__']

/** Git dir content that changes without changing status (objects, reflogs) or is transient. */
const GIT_DIR_NOISE = [
  'objects',
  'logs',
  'hooks',
  'lfs',
  'modules',
  'rr-cache',
  'fsmonitor--daemon',
  // Other linked worktrees' private dirs; a worktree's own dir is watched on its own.
  'worktrees',
]

/** Characters that @parcel/watcher would read as a glob in a string rule. */
const GLOB_CHARS = /[*?[\]{}()!+@]/

const LOCK_FILE_RULE = /\.lock$/

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function isWithin(parent: string, child: string): boolean {
  const prefix = parent.endsWith(sep) ? parent : parent + sep
  return child === parent || child.startsWith(prefix)
}

/** Rule ignoring every path (relative to the watched folder) except exactly the given ones. */
function onlyTheseRule(relativePaths: string[]): RegExp {
  const alternatives = relativePaths.map((p) => escapeRegExp(p.split(sep).join('/'))).join('|')
  return new RegExp(`^(?!(?:${alternatives})$)`)
}

const contentOnly: WatchSignal = { relocate: false, ignoresChanged: false }
const relocate: WatchSignal = { relocate: true, ignoresChanged: false }

/**
 * The working tree: every change re-reads status. `.git` itself is watched (so deleting or
 * re-creating it is seen) but not its contents, which have their own watch.
 */
export function worktreePlan(root: string, ignoredDirs: string[]): WatchPlan {
  const dotGit = join(root, '.git')
  const ignore: IgnoreRule[] = [
    // One combined rule: every regex is run on every crawled entry, so fewer is cheaper.
    new RegExp(
      `(?:^|/)(?:\\.git/|(?:${ALWAYS_IGNORED_DIR_NAMES.map(escapeRegExp).join('|')})(?:/|$))`,
    ),
    // Plain paths are cheap prefix compares in the watcher, so the git-reported list stays paths.
    ...ignoredDirs
      .map((dir) => join(root, dir))
      .filter((dir) => !GLOB_CHARS.test(dir) && dir !== root && !isWithin(dotGit, dir)),
  ]
  return {
    label: 'working tree',
    dir: root,
    ignore,
    classify(paths) {
      if (paths.some((p) => p === root || p === dotGit)) return relocate
      const ignoresChanged = paths.some((p) => basename(p) === '.gitignore')
      return { relocate: false, ignoresChanged }
    },
  }
}

/**
 * A git directory: HEAD, index, refs, packed-refs, MERGE_HEAD, rebase state, config (upstream
 * settings). For the shared dir of a linked worktree, other worktrees' private dirs are noise.
 */
export function gitDirPlan(gitDir: string, label: string): WatchPlan {
  // Relative rules, so glob characters in the git dir's own path cannot change their meaning.
  const ignore: IgnoreRule[] = [
    new RegExp(`^(?:${GIT_DIR_NOISE.map(escapeRegExp).join('|')})(?:/|$)`),
    LOCK_FILE_RULE,
  ]
  return {
    label,
    dir: gitDir,
    ignore,
    classify(paths) {
      return paths.some((p) => p === gitDir) ? relocate : contentOnly
    },
  }
}

/**
 * A plain folder: only the appearance of `.git` (a `git init`) or the folder's own removal
 * matters. Nothing below it is crawled, so a huge non-repository folder costs one watch.
 */
export function plainFolderPlan(folder: string): WatchPlan {
  return {
    label: 'folder',
    dir: folder,
    ignore: [onlyTheseRule(['.git'])],
    classify: () => relocate,
  }
}

/**
 * A folder that does not exist: watch the nearest existing ancestor, ignoring everything except
 * the path down to the folder, so its creation is noticed without polling.
 */
export function missingFolderPlan(folder: string, existingAncestor: string): WatchPlan {
  const steps: string[] = []
  for (let p = folder; isWithin(existingAncestor, p) && p !== existingAncestor; p = dirname(p)) {
    steps.push(relative(existingAncestor, p))
  }
  return {
    label: 'parent folder',
    dir: existingAncestor,
    ignore: steps.length > 0 ? [onlyTheseRule(steps)] : [],
    classify: () => relocate,
  }
}

/** Plans for a location; `ignoredDirs` are the repository's ignored folders (relative). */
export function plansFor(
  location: RepoLocation,
  ignoredDirs: string[],
  existingAncestor: string,
): WatchPlan[] {
  if (location.kind === 'repo') {
    const plans = [worktreePlan(location.root, ignoredDirs)]
    plans.push(gitDirPlan(location.commonDir, 'git dir'))
    if (location.gitDir !== location.commonDir)
      plans.push(gitDirPlan(location.gitDir, 'worktree git dir'))
    return plans
  }
  if (location.kind === 'not-repo') return [plainFolderPlan(location.folder)]
  return [missingFolderPlan(location.folder, existingAncestor)]
}
