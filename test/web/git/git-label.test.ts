import { describe, expect, it } from 'vitest'
import type { GitStatus } from '@shared/git'
import { GIT_LABEL_COLORS, gitLabel } from '@shared/git-label'

function status(partial: Partial<GitStatus>): GitStatus {
  return {
    isRepo: true,
    branch: 'main',
    detached: false,
    ahead: 0,
    behind: 0,
    files: [],
    linesAdded: 0,
    linesRemoved: 0,
    lastCommit: null,
    operation: null,
    updatedAt: 0,
    ...partial,
  }
}

const oneFile = [{ path: 'a.ts', area: 'unstaged' as const, code: 'M', added: 0, removed: 0 }]

describe('gitLabel', () => {
  it('hides the label outside a repository', () => {
    expect(gitLabel(undefined)).toBeNull()
    expect(gitLabel(status({ isRepo: false, branch: null }))).toBeNull()
  })

  it('shows a grey tick for a clean tree', () => {
    expect(gitLabel(status({}))).toEqual({
      text: 'main \u2713',
      color: GIT_LABEL_COLORS.clean,
      size: 'clean',
      branch: 'main',
      added: 0,
      removed: 0,
      clean: true,
    })
  })

  it('colours by changed lines: green up to 100, amber up to 500, red above', () => {
    const label = (added: number, removed: number) =>
      gitLabel(status({ files: oneFile, linesAdded: added, linesRemoved: removed }))
    expect(label(60, 40)).toEqual({
      text: 'main +60/-40',
      color: GIT_LABEL_COLORS.small,
      size: 'small',
      branch: 'main',
      added: 60,
      removed: 40,
      clean: false,
    })
    expect(label(61, 40)?.color).toBe(GIT_LABEL_COLORS.medium)
    expect(label(300, 200)?.color).toBe(GIT_LABEL_COLORS.medium)
    expect(label(301, 200)).toMatchObject({ text: 'main +301/-200', color: GIT_LABEL_COLORS.large })
  })

  it('counts a tree with only untracked or truncated files as changed', () => {
    expect(gitLabel(status({ truncated: 3 }))?.text).toBe('main +0/-0')
  })

  it('names a detached HEAD by its short commit', () => {
    const label = gitLabel(status({ branch: null, detached: true, head: 'abcdef0123456789' }))
    expect(label?.text).toBe('abcdef0 \u2713')
  })

  it('uses the original palette values', () => {
    expect(GIT_LABEL_COLORS).toEqual({
      clean: '#9ca3af',
      small: '#4ade80',
      medium: '#fbbf24',
      large: '#f87171',
    })
  })
})
