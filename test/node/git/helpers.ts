/** Real repositories in temp folders, and polling helpers for watcher-driven results. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { GitStatus } from '../../../src/shared/git'
import type { GitService } from '../../../src/main/core/git'
import { HANG_TIMEOUT_MS } from '../../support/patience'

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_EDITOR: 'true',
  GIT_SEQUENCE_EDITOR: 'true',
  LC_ALL: 'C',
}

/** Runs git synchronously; returns stdout. Throws on failure unless `allowFail`. */
export function git(cwd: string, args: string[], allowFail = false): string {
  try {
    return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', stdio: 'pipe' })
  } catch (err) {
    if (allowFail) return ''
    throw err
  }
}

export function tempDir(prefix = 'atelier-git-'): string {
  // realpath: git reports resolved paths (macOS /tmp → /private/tmp).
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)))
}

export function writeFile(root: string, rel: string, content: string): void {
  const path = join(root, rel)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, content)
}

/** A repository with user config, branch `main` and one commit holding `a.txt`. */
export function makeRepo(dir = tempDir()): string {
  git(dir, ['-c', 'init.defaultBranch=main', 'init', '-q'])
  git(dir, ['config', 'user.name', 'Test'])
  git(dir, ['config', 'user.email', 'test@example.com'])
  git(dir, ['config', 'commit.gpgsign', 'false'])
  writeFile(dir, 'a.txt', 'one\ntwo\nthree\n')
  git(dir, ['add', 'a.txt'])
  git(dir, ['commit', '-q', '-m', 'initial commit'])
  return dir
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** Polls until `check` returns a value other than undefined/false, or fails with `what`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false,
  timeoutMs = HANG_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: T | undefined | false
  while (Date.now() < deadline) {
    last = check()
    if (last !== undefined && last !== false) return last
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`timed out waiting for ${what}`)
}

/** Waits until the cached status of `sessionId` satisfies `predicate`. */
export function waitForStatus(
  service: GitService,
  sessionId: string,
  what: string,
  predicate: (s: GitStatus) => boolean,
  timeoutMs?: number,
): Promise<GitStatus> {
  return waitFor(
    what,
    () => {
      const status = service.get(sessionId)
      return status && predicate(status) ? status : undefined
    },
    timeoutMs,
  )
}

/** Waits (bounded) until the service has been quiet: no new git process for `quietMs`. */
export async function waitForQuiet(
  service: GitService,
  quietMs = 400,
  timeoutMs = HANG_TIMEOUT_MS,
) {
  const deadline = Date.now() + timeoutMs
  let spawns = service.stats().gitSpawns
  let since = Date.now()
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25))
    const now = service.stats().gitSpawns
    if (now !== spawns) {
      spawns = now
      since = Date.now()
    } else if (Date.now() - since >= quietMs) return
  }
  throw new Error('service never became quiet')
}

export function fileOf(status: GitStatus, path: string, area?: string) {
  return status.files.find((f) => f.path === path && (area === undefined || f.area === area))
}
