/**
 * GitService on real repositories in temp folders. Every wait is a bounded poll on the cached
 * status or on process counts; nothing asserts speed.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GitService } from '../../../src/main/core/git'
import type { GitStatus } from '../../../src/shared/git'
import { GitStatusSchema } from '../../../src/shared/git'
import {
  fileOf,
  git,
  makeRepo,
  removeDir,
  tempDir,
  waitFor,
  waitForQuiet,
  waitForStatus,
  writeFile,
} from './helpers'

let service: GitService
let dirs: string[]
let events: Array<{ sessionId: string; status: GitStatus }>

function track(sessionId: string, cwd: string): void {
  service.track(sessionId, cwd)
}

function repo(): string {
  const dir = makeRepo()
  dirs.push(dir)
  return dir
}

function dir(): string {
  const d = tempDir()
  dirs.push(d)
  return d
}

beforeEach(() => {
  service = new GitService({ debounceMs: 50 })
  dirs = []
  events = []
  service.onStatus((sessionId, status) => events.push({ sessionId, status }))
})

afterEach(async () => {
  await service.close()
  for (const d of dirs) removeDir(d)
})

describe('GitService on a single repository', () => {
  it('follows edit → stage → commit, pushing only changed statuses', async () => {
    const root = repo()
    track('s1', root)
    const clean = await waitForStatus(service, 's1', 'first status', (s) => s.isRepo)
    expect(GitStatusSchema.parse(clean)).toEqual(clean)
    expect(clean).toMatchObject({ branch: 'main', detached: false, files: [], operation: null })
    expect(clean.lastCommit?.subject).toBe('initial commit')
    expect(clean.root).toBe(root)

    writeFile(root, 'a.txt', 'one\nTWO\nthree\nfour\n')
    const edited = await waitForStatus(service, 's1', 'unstaged edit', (s) => s.files.length > 0)
    expect(fileOf(edited, 'a.txt', 'unstaged')).toMatchObject({ code: 'M', added: 2, removed: 1 })
    expect(edited).toMatchObject({ linesAdded: 2, linesRemoved: 1 })

    git(root, ['add', 'a.txt'])
    const staged = await waitForStatus(
      service,
      's1',
      'staged',
      (s) => !!fileOf(s, 'a.txt', 'staged'),
    )
    expect(fileOf(staged, 'a.txt', 'staged')).toMatchObject({ code: 'M', added: 2, removed: 1 })
    expect(fileOf(staged, 'a.txt', 'unstaged')).toBeUndefined()

    git(root, ['commit', '-q', '-m', 'second commit'])
    const committed = await waitForStatus(
      service,
      's1',
      'commit',
      (s) => s.lastCommit?.subject === 'second commit',
    )
    expect(committed.files).toEqual([])
    expect(committed.head).toBe(git(root, ['rev-parse', 'HEAD']).trim())
    expect(committed.lastCommit?.time).toBeGreaterThan(Date.UTC(2020, 0, 1))

    // Each pushed status differs from the one before it.
    const pushed = events.filter((e) => e.sessionId === 's1').map((e) => e.status)
    for (let i = 1; i < pushed.length; i++) {
      expect({ ...pushed[i], updatedAt: 0 }).not.toEqual({ ...pushed[i - 1], updatedAt: 0 })
    }
    expect(pushed.at(-1)?.lastCommit?.subject).toBe('second commit')
  })

  it('spawns no git process while the repository is idle', async () => {
    track('s1', repo())
    await waitForStatus(service, 's1', 'first status', (s) => s.isRepo)
    await waitForQuiet(service)
    const before = service.stats()
    await new Promise((r) => setTimeout(r, 1_500))
    expect(service.stats().gitSpawns).toBe(before.gitSpawns)
    expect(service.stats().statusRuns).toBe(before.statusRuns)
  })

  it('shows branch switches and a detached HEAD', async () => {
    const root = repo()
    track('s1', root)
    await waitForStatus(service, 's1', 'first status', (s) => s.branch === 'main')
    git(root, ['switch', '-q', '-c', 'feature/one'])
    await waitForStatus(service, 's1', 'switch', (s) => s.branch === 'feature/one')
    const head = git(root, ['rev-parse', 'HEAD']).trim()
    git(root, ['switch', '-q', '--detach', 'HEAD'])
    const detached = await waitForStatus(service, 's1', 'detached', (s) => s.detached)
    expect(detached).toMatchObject({ branch: null, head })
    git(root, ['switch', '-q', 'main'])
    await waitForStatus(service, 's1', 'back on main', (s) => s.branch === 'main' && !s.detached)
  })

  it('lists untracked, renamed and deleted files', async () => {
    const root = repo()
    writeFile(root, 'b.txt', 'b\n')
    git(root, ['add', 'b.txt'])
    git(root, ['commit', '-q', '-m', 'add b'])
    track('s1', root)
    await waitForStatus(service, 's1', 'first status', (s) => s.isRepo)
    git(root, ['mv', 'b.txt', 'b renamed.txt'])
    rmSync(join(root, 'a.txt'))
    writeFile(root, 'new file.md', '# hi\n')
    const status = await waitForStatus(service, 's1', 'changes', (s) => s.files.length === 3)
    expect(fileOf(status, 'b renamed.txt', 'staged')).toMatchObject({ code: 'R', from: 'b.txt' })
    expect(fileOf(status, 'a.txt', 'unstaged')).toMatchObject({ code: 'D', removed: 3 })
    expect(fileOf(status, 'new file.md', 'untracked')).toMatchObject({ code: '?' })
  })

  it('coalesces concurrent refreshes into at most one extra run', async () => {
    track('s1', repo())
    await waitForStatus(service, 's1', 'first status', (s) => s.isRepo)
    await waitForQuiet(service)
    const before = service.stats().statusRuns
    const results = await Promise.all(Array.from({ length: 6 }, () => service.refresh('s1')))
    expect(results.every((s) => s.isRepo)).toBe(true)
    const runs = service.stats().statusRuns - before
    expect(runs).toBeGreaterThanOrEqual(1)
    expect(runs).toBeLessThanOrEqual(2)
  })
})

describe('operations in progress', () => {
  function divergedRepo(): string {
    const root = repo()
    git(root, ['switch', '-q', '-c', 'feature'])
    writeFile(root, 'a.txt', 'one\nfeature\nthree\n')
    git(root, ['commit', '-q', '-am', 'feature change'])
    git(root, ['switch', '-q', 'main'])
    writeFile(root, 'a.txt', 'one\nmain\nthree\n')
    git(root, ['commit', '-q', '-am', 'main change'])
    return root
  }

  it('detects a conflicted rebase', async () => {
    const root = divergedRepo()
    track('s1', root)
    await waitForStatus(service, 's1', 'first status', (s) => s.isRepo)
    git(root, ['switch', '-q', 'feature'])
    git(root, ['rebase', 'main'], true)
    const status = await waitForStatus(service, 's1', 'rebase', (s) => s.operation === 'rebase')
    expect(fileOf(status, 'a.txt', 'conflicted')).toMatchObject({ code: 'U' })
    expect(status.detached).toBe(true)
    git(root, ['rebase', '--abort'])
    await waitForStatus(
      service,
      's1',
      'rebase aborted',
      (s) => s.operation === null && s.branch === 'feature' && s.files.length === 0,
    )
  })

  it('detects a merge conflict', async () => {
    const root = divergedRepo()
    track('s1', root)
    await waitForStatus(service, 's1', 'first status', (s) => s.isRepo)
    git(root, ['merge', 'feature'], true)
    const status = await waitForStatus(service, 's1', 'merge', (s) => s.operation === 'merge')
    expect(status.branch).toBe('main')
    expect(fileOf(status, 'a.txt', 'conflicted')).toBeDefined()
    git(root, ['merge', '--abort'])
    await waitForStatus(service, 's1', 'merge aborted', (s) => s.operation === null)
  })
})

describe('upstream tracking', () => {
  it('reports ahead and behind, including after a fetch', async () => {
    const remote = dir()
    git(remote, ['-c', 'init.defaultBranch=main', 'init', '-q', '--bare'])
    const root = repo()
    git(root, ['remote', 'add', 'origin', remote])
    git(root, ['push', '-q', '-u', 'origin', 'main'])
    track('s1', root)
    await waitForStatus(service, 's1', 'upstream', (s) => s.upstream === 'origin/main')

    writeFile(root, 'c.txt', 'c\n')
    git(root, ['add', 'c.txt'])
    git(root, ['commit', '-q', '-m', 'local'])
    await waitForStatus(service, 's1', 'ahead', (s) => s.ahead === 1 && s.behind === 0)

    const other = dir()
    git(other, ['clone', '-q', remote, '.'])
    git(other, ['config', 'user.name', 'Other'])
    git(other, ['config', 'user.email', 'other@example.com'])
    writeFile(other, 'd.txt', 'd\n')
    git(other, ['add', 'd.txt'])
    git(other, ['commit', '-q', '-m', 'remote'])
    git(other, ['push', '-q', 'origin', 'main'])
    git(root, ['fetch', '-q', 'origin'])
    await waitForStatus(service, 's1', 'behind', (s) => s.ahead === 1 && s.behind === 1)
  })
})

describe('folders that are not (or no longer) repositories', () => {
  it('reports a plain folder, then notices git init', async () => {
    const plain = dir()
    track('s1', plain)
    const status = await waitForStatus(service, 's1', 'plain folder', (s) => !s.isRepo)
    expect(status.error).toBeUndefined()
    expect(service.stats().watchers).toBe(1)
    writeFile(plain, 'notes.txt', 'x\n')
    git(plain, ['-c', 'init.defaultBranch=main', 'init', '-q'])
    const inited = await waitForStatus(service, 's1', 'git init noticed', (s) => s.isRepo)
    expect(inited).toMatchObject({ branch: 'main', lastCommit: null })
    expect(inited.head).toBeUndefined()
    await waitForStatus(service, 's1', 'untracked after init', (s) => !!fileOf(s, 'notes.txt'))
  })

  it('survives its folder being deleted, without spinning, and recovers when it returns', async () => {
    const root = repo()
    track('s1', root)
    await waitForStatus(service, 's1', 'first status', (s) => s.isRepo)
    removeDir(root)
    const gone = await waitForStatus(service, 's1', 'deleted', (s) => !s.isRepo)
    expect(gone.error).toMatch(/does not exist/)
    await waitForQuiet(service)
    const spawns = service.stats().gitSpawns
    await new Promise((r) => setTimeout(r, 1_000))
    expect(service.stats().gitSpawns).toBe(spawns)
    expect(service.stats().watchers).toBe(1)

    makeRepo(mkdirAndReturn(root))
    await waitForStatus(service, 's1', 'recreated', (s) => s.isRepo && s.branch === 'main')
  })

  it('tracks a folder that does not exist yet', async () => {
    const parent = dir()
    const future = join(parent, 'later', 'project')
    track('s1', future)
    const missing = await waitForStatus(service, 's1', 'missing', (s) => !s.isRepo)
    expect(missing.error).toMatch(/does not exist/)
    mkdirSync(future, { recursive: true })
    makeRepo(future)
    await waitForStatus(service, 's1', 'appeared', (s) => s.isRepo)
  })

  it('notices a repository being removed and re-initialised', async () => {
    const root = repo()
    track('s1', root)
    await waitForStatus(service, 's1', 'first status', (s) => s.isRepo)
    removeDir(join(root, '.git'))
    await waitForStatus(service, 's1', 'de-initialised', (s) => !s.isRepo)
    git(root, ['-c', 'init.defaultBranch=trunk', 'init', '-q'])
    const again = await waitForStatus(service, 's1', 're-initialised', (s) => s.isRepo)
    expect(again.branch).toBe('trunk')
  })
})

function mkdirAndReturn(path: string): string {
  mkdirSync(path, { recursive: true })
  return path
}

describe('huge folders', () => {
  const MANY = 20_000
  function fill(root: string, folder: string, count: number, perDir = 500): void {
    for (let d = 0; d < count / perDir; d++) {
      const sub = join(root, folder, `d${d}`)
      mkdirSync(sub, { recursive: true })
      for (let f = 0; f < perDir; f++) writeFileSync(join(sub, `f${f}.js`), 'x')
    }
  }

  it('caps the file list, skips node_modules and ignored folders, and stays correct', async () => {
    const root = repo()
    writeFile(root, '.gitignore', 'build/\n')
    git(root, ['add', '.gitignore'])
    git(root, ['commit', '-q', '-m', 'ignore build'])
    fill(root, 'node_modules', MANY)
    fill(root, 'build', MANY / 4)
    fill(root, 'generated', MANY / 4)
    const ROOT_FILES = 700
    for (let i = 0; i < ROOT_FILES; i++) writeFileSync(join(root, `loose-${i}.txt`), 'x\n')

    track('s1', root)
    const status = await waitForStatus(service, 's1', 'first status', (s) => s.isRepo, 60_000)
    // node_modules/ and generated/ are one entry each; build/ is ignored.
    const untracked = ROOT_FILES + 2
    expect(status.files.length).toBe(500)
    expect(status.truncated).toBe(untracked - 500)
    expect(status.files.some((f) => f.path === 'build/')).toBe(false)

    // A tracked edit is listed first despite the flood of untracked files.
    writeFile(root, 'a.txt', 'changed\n')
    const edited = await waitForStatus(service, 's1', 'edit', (s) => !!fileOf(s, 'a.txt'))
    expect(edited.files[0]).toMatchObject({ path: 'a.txt', area: 'unstaged' })
    expect(edited.truncated).toBe(untracked - 499)

    // Writes inside node_modules and ignored folders are not watched at all.
    await waitForQuiet(service)
    const runs = service.stats().statusRuns
    writeFileSync(join(root, 'node_modules', 'd0', 'new.js'), 'x')
    writeFileSync(join(root, 'build', 'd0', 'new.js'), 'x')
    await new Promise((r) => setTimeout(r, 800))
    expect(service.stats().statusRuns).toBe(runs)
    // …while a write in a watched untracked folder is.
    writeFileSync(join(root, 'generated', 'd0', 'new.js'), 'x')
    await waitFor('status run for generated/', () => service.stats().statusRuns > runs)
  }, 180_000)
})

describe('sharing and worktrees', () => {
  it('shares one watcher and one cache between sessions in one repository', async () => {
    const root = repo()
    mkdirSync(join(root, 'sub'))
    track('s1', root)
    track('s2', join(root, 'sub'))
    await waitForStatus(service, 's1', 's1 status', (s) => s.isRepo)
    await waitForStatus(service, 's2', 's2 status', (s) => s.isRepo)
    expect(service.stats().watchers).toBe(1)
    expect(service.get('s1')).toBe(service.get('s2'))

    await waitForQuiet(service)
    events.length = 0
    writeFile(root, 'a.txt', 'edited from a subfolder session\n')
    const [forS1, forS2] = await waitFor('both notified', () => {
      const a = events.find((e) => e.sessionId === 's1' && fileOf(e.status, 'a.txt'))
      const b = events.find((e) => e.sessionId === 's2' && fileOf(e.status, 'a.txt'))
      return a && b ? [a.status, b.status] : undefined
    })
    // One read fanned out to both sessions: the very same status object.
    expect(forS1).toBe(forS2)

    service.untrack('s1')
    expect(service.stats().watchers).toBe(1)
    service.untrack('s2')
    await waitFor('watcher stopped', () => service.stats().watchers === 0)
    expect(service.get('s2')).toBeUndefined()
  })

  it('detects a linked worktree and follows commits made in it', async () => {
    const root = repo()
    const wt = join(dir(), 'wt')
    git(root, ['worktree', 'add', '-q', '-b', 'side', wt])
    track('main', root)
    track('side', wt)
    const side = await waitForStatus(service, 'side', 'worktree status', (s) => s.isRepo)
    expect(side).toMatchObject({ root: wt, worktreeOf: root, branch: 'side' })
    const main = await waitForStatus(service, 'main', 'main status', (s) => s.isRepo)
    expect(main.worktreeOf).toBeUndefined()
    expect(service.stats().watchers).toBe(2)

    writeFile(wt, 'side.txt', 'side\n')
    git(wt, ['add', 'side.txt'])
    await waitForStatus(
      service,
      'side',
      'staged in worktree',
      (s) => !!fileOf(s, 'side.txt', 'staged'),
    )
    git(wt, ['commit', '-q', '-m', 'side commit'])
    await waitForStatus(
      service,
      'side',
      'worktree commit',
      (s) => s.lastCommit?.subject === 'side commit' && s.files.length === 0,
    )
    expect(service.get('main')?.lastCommit?.subject).toBe('initial commit')
  })
})

describe('diff', () => {
  it('returns unstaged, staged and untracked diffs', async () => {
    const root = repo()
    track('s1', root)
    await waitForStatus(service, 's1', 'first status', (s) => s.isRepo)
    writeFile(root, 'a.txt', 'one\nTWO\nthree\n')
    const unstaged = await service.diff('s1', 'a.txt')
    expect(unstaged.truncated).toBe(false)
    expect(unstaged.diff).toContain('-two')
    expect(unstaged.diff).toContain('+TWO')
    git(root, ['add', 'a.txt'])
    expect((await service.diff('s1', 'a.txt')).diff).toBe('')
    expect((await service.diff('s1', 'a.txt', true)).diff).toContain('+TWO')

    writeFile(root, 'dir/new.ts', 'export const x = 1\n')
    const untracked = await service.diff('s1', 'dir/new.ts')
    expect(untracked.diff).toContain('+export const x = 1')
  })

  it('caps a huge diff at a line boundary', async () => {
    const root = repo()
    track('s1', root)
    await waitForStatus(service, 's1', 'first status', (s) => s.isRepo)
    writeFile(root, 'a.txt', 'line of text that is long enough to add up\n'.repeat(40_000))
    const result = await service.diff('s1', 'a.txt')
    expect(result.truncated).toBe(true)
    expect(result.diff.endsWith('\n')).toBe(true)
    expect(Buffer.byteLength(result.diff)).toBeLessThanOrEqual(512 * 1024)
  })

  it('rejects paths that leave the repository', async () => {
    const root = repo()
    const outside = dir()
    writeFile(outside, 'secret.txt', 'secret\n')
    const { symlinkSync } = await import('node:fs')
    symlinkSync(outside, join(root, 'escape'))
    track('s1', root)
    await waitForStatus(service, 's1', 'first status', (s) => s.isRepo)
    for (const bad of [
      '../secret.txt',
      'sub/../../secret.txt',
      join(outside, 'secret.txt'),
      '.git/config',
      'escape/secret.txt',
      '',
      'a\0b',
    ]) {
      await expect(service.diff('s1', bad), bad).rejects.toThrow()
    }
    await expect(service.diff('s1', 'unknown-session-file.txt')).resolves.toEqual({
      diff: '',
      truncated: false,
    })
  })

  it('rejects unknown sessions and non-repositories', async () => {
    await expect(service.diff('nobody', 'a.txt')).rejects.toThrow(/unknown session/)
    track('plain', dir())
    await waitForStatus(service, 'plain', 'plain status', (s) => !s.isRepo)
    await expect(service.diff('plain', 'a.txt')).rejects.toThrow(/not a git repository/)
  })
})

describe('git itself unavailable', () => {
  it('reports the failure as a non-repository with an error instead of crashing', async () => {
    const broken = new GitService({ gitBin: '/nonexistent/git-binary' })
    try {
      broken.track('s1', dir())
      const status = await waitForStatus(broken, 's1', 'failure status', (s) => !s.isRepo)
      expect(status.error).toMatch(/git could not start/)
    } finally {
      await broken.close()
    }
  })
})

describe('turns', () => {
  /** A service whose turn hold never ends by itself, so only the turn's end can release it. */
  async function holdingService(turnHoldMaxMs = 24 * 60 * 60_000): Promise<GitService> {
    await service.close()
    service = new GitService({ debounceMs: 50, turnHoldMaxMs })
    service.onStatus((sessionId, status) => events.push({ sessionId, status }))
    return service
  }

  it('holds file changes while a session of the repository works and reads them when it stops', async () => {
    const svc = await holdingService()
    const root = repo()
    mkdirSync(join(root, 'sub'))
    track('s1', root)
    track('s2', join(root, 'sub'))
    await waitForStatus(svc, 's1', 'first status', (s) => s.isRepo)
    await waitForStatus(svc, 's2', 'second session joined', (s) => s.isRepo)
    await waitForQuiet(svc)
    // One session of the repository works: the other one's idleness does not release the hold.
    svc.setTurnRunning('s1', true)
    const runs = svc.stats().statusRuns
    writeFile(root, 'during-turn.txt', 'x\n')
    await waitFor('the change held for the turn', () => svc.stats().heldForTurn === 1)
    expect(svc.stats().statusRuns).toBe(runs)
    expect(fileOf(svc.get('s1')!, 'during-turn.txt')).toBeUndefined()

    // An explicit refresh is never held.
    const refreshed = await svc.refresh('s2')
    expect(fileOf(refreshed, 'during-turn.txt', 'untracked')).toBeDefined()

    // Still within the same hold: the turn's end reads this one too.
    writeFile(root, 'also-during-turn.txt', 'y\n')
    svc.setTurnRunning('s1', false)
    const after = await waitForStatus(svc, 's1', 'read after the turn', (s) =>
      Boolean(fileOf(s, 'also-during-turn.txt')),
    )
    expect(fileOf(after, 'during-turn.txt')).toBeDefined()
  })

  it('reads held changes after the longest hold when the turn goes on', async () => {
    const svc = await holdingService(100)
    const root = repo()
    track('s1', root)
    await waitForStatus(svc, 's1', 'first status', (s) => s.isRepo)
    svc.setTurnRunning('s1', true)
    writeFile(root, 'long-turn.txt', 'x\n')
    await waitForStatus(svc, 's1', 'read while the turn still runs', (s) =>
      Boolean(fileOf(s, 'long-turn.txt')),
    )
    expect(svc.stats().heldForTurn).toBeGreaterThanOrEqual(1)
  })

  it('ignores turns of sessions it does not track', async () => {
    const svc = await holdingService()
    const root = repo()
    track('s1', root)
    await waitForStatus(svc, 's1', 'first status', (s) => s.isRepo)
    svc.setTurnRunning('elsewhere', true)
    writeFile(root, 'b.txt', 'b\n')
    await waitForStatus(svc, 's1', 'read at once', (s) => Boolean(fileOf(s, 'b.txt')))
    expect(svc.stats().heldForTurn).toBe(0)
  })
})

describe('git processes per status read', () => {
  it('starts a numstat only for the areas the status lists changes in', async () => {
    const root = repo()
    track('s1', root)
    await waitForStatus(service, 's1', 'first status', (s) => s.isRepo)
    await waitForQuiet(service)
    const spent = (from: ReturnType<GitService['stats']>) => {
      const now = service.stats()
      return { spawns: now.gitSpawns - from.gitSpawns, runs: now.statusRuns - from.statusRuns }
    }

    // Only a new file: git status alone.
    let from = service.stats()
    writeFile(root, 'new.txt', 'n\n')
    await waitForStatus(service, 's1', 'new file', (s) => Boolean(fileOf(s, 'new.txt')))
    await waitForQuiet(service)
    let used = spent(from)
    expect(used.runs).toBeGreaterThanOrEqual(1)
    expect(used.spawns).toBe(used.runs)

    // A tracked file edited: status and the unstaged numstat, with its line counts.
    from = service.stats()
    writeFile(root, 'a.txt', 'one\nTWO\nthree\nfour\n')
    const edited = await waitForStatus(service, 's1', 'edit', (s) => Boolean(fileOf(s, 'a.txt')))
    expect(fileOf(edited, 'a.txt', 'unstaged')).toMatchObject({ added: 2, removed: 1 })
    await waitForQuiet(service)
    used = spent(from)
    expect(used.spawns).toBe(2 * used.runs)

    // Staged: the staged numstat alone.
    from = service.stats()
    git(root, ['add', 'a.txt'])
    const staged = await waitForStatus(service, 's1', 'staged', (s) =>
      Boolean(fileOf(s, 'a.txt', 'staged')),
    )
    expect(fileOf(staged, 'a.txt', 'staged')).toMatchObject({ added: 2, removed: 1 })
    expect(staged.linesAdded).toBe(2)
    await waitForQuiet(service)
    used = spent(from)
    expect(used.spawns).toBe(2 * used.runs)

    // Staged and edited again: both numstats.
    from = service.stats()
    writeFile(root, 'a.txt', 'one\nTWO\nthree\nfour\nfive\n')
    const both = await waitForStatus(service, 's1', 'staged and edited', (s) =>
      Boolean(fileOf(s, 'a.txt', 'unstaged')),
    )
    expect(both.linesAdded).toBe(3)
    await waitForQuiet(service)
    used = spent(from)
    expect(used.spawns).toBe(3 * used.runs)
  })
})
