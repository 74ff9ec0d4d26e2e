/** The watcher ignore rules, checked with the same substring semantics @parcel/watcher applies. */
import { describe, expect, it } from 'vitest'
import {
  gitDirPlan,
  missingFolderPlan,
  plainFolderPlan,
  worktreePlan,
  type IgnoreRule,
} from '../../../src/main/core/git/watch-plans'

function ignored(rules: IgnoreRule[], dir: string, relativePath: string): boolean {
  const absolute = `${dir}/${relativePath}`
  return rules.some((rule) =>
    typeof rule === 'string'
      ? absolute === rule || absolute.startsWith(rule + '/')
      : rule.test(relativePath),
  )
}

describe('worktreePlan', () => {
  const plan = worktreePlan('/r', ['dist', 'py/.venv', 'odd[name]'])
  it('skips git internals, dependency folders and git-ignored folders', () => {
    for (const p of [
      '.git/HEAD',
      '.git/objects/ab/cd',
      'node_modules/x/y.js',
      'pkg/node_modules',
      'dist/a.js',
      'py/.venv/lib',
      'sub/repo/.git/index',
    ]) {
      expect(ignored(plan.ignore, '/r', p), p).toBe(true)
    }
  })
  it('keeps sources, .git itself and look-alike names', () => {
    for (const p of ['.git', 'src/a.ts', 'node_modules_backup/a', 'distant/a', '.github/x.yml']) {
      expect(ignored(plan.ignore, '/r', p), p).toBe(false)
    }
  })
  it('drops ignored folders whose names would read as globs', () => {
    expect(plan.ignore).not.toContain('/r/odd[name]')
  })
  it('asks to relocate when the root or its .git changes, and flags .gitignore edits', () => {
    expect(plan.classify(['/r/.git'])).toEqual({ relocate: true, ignoresChanged: false })
    expect(plan.classify(['/r'])).toMatchObject({ relocate: true })
    expect(plan.classify(['/r/src/.gitignore'])).toEqual({ relocate: false, ignoresChanged: true })
    expect(plan.classify(['/r/src/a.ts'])).toEqual({ relocate: false, ignoresChanged: false })
  })
})

describe('gitDirPlan', () => {
  const plan = gitDirPlan('/r/.git', 'git dir')
  it('watches refs, HEAD, index and operation markers but not objects, logs or locks', () => {
    for (const p of [
      'HEAD',
      'index',
      'packed-refs',
      'refs/heads/main',
      'refs/remotes/origin/main',
      'MERGE_HEAD',
      'rebase-merge/done',
      'config',
    ]) {
      expect(ignored(plan.ignore, '/r/.git', p), p).toBe(false)
    }
    for (const p of [
      'objects/ab/cdef',
      'logs/HEAD',
      'index.lock',
      'refs/heads/main.lock',
      'worktrees/wt/HEAD',
      'hooks/pre-commit',
    ]) {
      expect(ignored(plan.ignore, '/r/.git', p), p).toBe(true)
    }
  })
})

describe('presence plans', () => {
  it('a plain folder only watches for its .git', () => {
    const plan = plainFolderPlan('/p')
    expect(ignored(plan.ignore, '/p', '.git')).toBe(false)
    expect(ignored(plan.ignore, '/p', '.git/HEAD')).toBe(true)
    expect(ignored(plan.ignore, '/p', 'src')).toBe(true)
  })
  it('a missing folder watches only the path down to it', () => {
    const plan = missingFolderPlan('/a/b/c', '/a')
    expect(plan.dir).toBe('/a')
    expect(ignored(plan.ignore, '/a', 'b')).toBe(false)
    expect(ignored(plan.ignore, '/a', 'b/c')).toBe(false)
    expect(ignored(plan.ignore, '/a', 'b/other')).toBe(true)
    expect(ignored(plan.ignore, '/a', 'b/c/deep')).toBe(true)
    expect(ignored(plan.ignore, '/a', 'x')).toBe(true)
  })
  it('works from the filesystem root', () => {
    const plan = missingFolderPlan('/gone', '/')
    expect(plan.ignore).toHaveLength(1)
    expect((plan.ignore[0] as RegExp).test('gone')).toBe(false)
    expect((plan.ignore[0] as RegExp).test('etc')).toBe(true)
  })
})
