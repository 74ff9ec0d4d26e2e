/**
 * Commits made during sessions, detected on a real repository in a temp folder: the git service
 * watches it, its statuses go to the recorder, and what it records lands in the store's
 * session_commits table. A commit made while the session works is kept (hash, subject, time);
 * one made while it sits idle is not; a checkout bringing older commits records none of them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { GitService, CommitRecorder } from '../../../src/main/core/git'
import { CommitStore } from '../../../src/main/core/store/commit-store'
import { openDatabase, type Db } from '../../../src/main/core/store/db'
import { createConsoleLogger } from '../../../src/main/core/log/logger'
import { git, makeRepo, removeDir, tempDir, waitFor, waitForStatus, writeFile } from './helpers'

let service: GitService
let recorder: CommitRecorder
let db: Db
let dirs: string[]
let observed: Promise<void>[]

beforeEach(() => {
  dirs = []
  observed = []
  const dataDir = tempDir('atelier-commits-db-')
  dirs.push(dataDir)
  db = openDatabase(join(dataDir, 'atelier.db'))
  const store = new CommitStore(db)
  service = new GitService({ debounceMs: 50 })
  recorder = new CommitRecorder({
    readNewCommits: (sessionId, root, previous, head) =>
      service.readNewCommits(sessionId, root, previous, head),
    record: (made) => store.add(made),
    now: Date.now,
    log: createConsoleLogger(),
  })
  service.onStatus((sessionId, status) => observed.push(recorder.observe(sessionId, status)))
})

afterEach(async () => {
  await service.close()
  await recorder.close()
  db.close()
  for (const d of dirs) removeDir(d)
})

const rows = () =>
  db
    .prepare('SELECT session_id AS sessionId, hash, subject, ts FROM session_commits ORDER BY ts')
    .all() as { sessionId: string; hash: string; subject: string; ts: number }[]

function commit(root: string, file: string, subject: string, committedAt?: string) {
  writeFile(root, file, `${subject}\n`)
  git(root, ['add', file])
  if (committedAt) {
    // The helper's git has a fixed environment; this commit needs its dates set.
    execFileSync('git', ['commit', '-q', '-m', subject], {
      cwd: root,
      env: {
        ...process.env,
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_AUTHOR_NAME: 'Test',
        GIT_AUTHOR_EMAIL: 'test@example.com',
        GIT_COMMITTER_NAME: 'Test',
        GIT_COMMITTER_EMAIL: 'test@example.com',
        GIT_AUTHOR_DATE: committedAt,
        GIT_COMMITTER_DATE: committedAt,
      },
      stdio: 'pipe',
    })
  } else git(root, ['commit', '-q', '-m', subject])
  return git(root, ['rev-parse', 'HEAD']).trim()
}

/** Reads the status now and waits until the recorder has handled it. */
async function settle(sessionId: string, head: string) {
  await waitForStatus(service, sessionId, `HEAD ${head}`, (s) => s.head === head)
  await service.refresh(sessionId)
  await Promise.all(observed)
}

describe('commits made during sessions', () => {
  it('records the commits a working session makes, and none made while it is idle', async () => {
    const root = makeRepo()
    dirs.push(root)
    service.track('s1', root)
    const first = git(root, ['rev-parse', 'HEAD']).trim()
    await settle('s1', first)
    expect(rows()).toEqual([])

    recorder.setWorking('s1', true)
    const before = Date.now()
    const one = commit(root, 'b.txt', 'Add b')
    const two = commit(root, 'c.txt', 'Add c')
    recorder.setWorking('s1', false)
    await settle('s1', two)
    await waitFor('two commits recorded', () => rows().length === 2)
    expect(rows().map((r) => [r.sessionId, r.hash, r.subject])).toEqual(
      expect.arrayContaining([
        ['s1', one, 'Add b'],
        ['s1', two, 'Add c'],
      ]),
    )
    // git's committer date has whole seconds.
    for (const r of rows()) expect(r.ts).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000)

    // Idle: the user commits by hand. Not the session's.
    const three = commit(root, 'd.txt', 'By hand')
    await settle('s1', three)
    expect(rows()).toHaveLength(2)
  })

  it('records none of the older commits a checkout brings, even mid-turn', async () => {
    const root = makeRepo()
    dirs.push(root)
    git(root, ['checkout', '-q', '-b', 'old'])
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString()
    commit(root, 'old.txt', 'Old work', hourAgo)
    git(root, ['checkout', '-q', 'main'])
    service.track('s1', root)
    const main = git(root, ['rev-parse', 'HEAD']).trim()
    await settle('s1', main)

    recorder.setWorking('s1', true)
    git(root, ['checkout', '-q', 'old'])
    const old = git(root, ['rev-parse', 'HEAD']).trim()
    await settle('s1', old)
    const mine = commit(root, 'new.txt', 'New work')
    await settle('s1', mine)
    await waitFor('the new commit recorded', () => rows().length > 0)
    expect(rows().map((r) => r.subject)).toEqual(['New work'])
  })
})
