import '@testing-library/jest-dom/vitest'
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { GitStatus } from '@shared/git'
import { GitPanel } from '@renderer/git/GitPanel'

afterEach(cleanup)

const NOW = Date.UTC(2026, 0, 10, 12, 0, 0)
const HOUR_MS = 3_600_000

function status(partial: Partial<GitStatus> = {}): GitStatus {
  return {
    isRepo: true,
    root: '/work/repo',
    branch: 'feature/panel',
    detached: false,
    head: '0123456789abcdef0123456789abcdef01234567',
    upstream: 'origin/feature/panel',
    ahead: 2,
    behind: 1,
    files: [
      { path: 'src/conflict.ts', area: 'conflicted', code: 'U', added: 0, removed: 0 },
      { path: 'src/staged.ts', area: 'staged', code: 'M', added: 4, removed: 1 },
      { path: 'src/new.ts', from: 'src/old.ts', area: 'staged', code: 'R', added: 0, removed: 0 },
      { path: 'src/edited.ts', area: 'unstaged', code: 'M', added: 7, removed: 3 },
      { path: 'logo.png', area: 'unstaged', code: 'M', added: 0, removed: 0, binary: true },
      { path: 'notes/', area: 'untracked', code: '?', added: 0, removed: 0 },
    ],
    linesAdded: 11,
    linesRemoved: 4,
    lastCommit: { hash: 'fedcba9876543210', subject: 'Add the panel', time: NOW - 3 * HOUR_MS },
    operation: null,
    updatedAt: NOW,
    ...partial,
  }
}

describe('GitPanel', () => {
  it('shows branch, upstream with ahead/behind and the last commit', () => {
    render(<GitPanel status={status()} onSelectFile={() => {}} now={NOW} />)
    expect(screen.getByText('feature/panel')).toBeInTheDocument()
    expect(screen.getByText('origin/feature/panel')).toBeInTheDocument()
    expect(screen.getByLabelText('2 ahead')).toHaveTextContent('2')
    expect(screen.getByLabelText('1 behind')).toHaveTextContent('1')
    expect(screen.getByText('fedcba9')).toBeInTheDocument()
    expect(screen.getByText('Add the panel')).toBeInTheDocument()
    expect(screen.getByText('3 h ago')).toBeInTheDocument()
  })

  it('groups files by area with their line counts', () => {
    render(<GitPanel status={status()} onSelectFile={() => {}} now={NOW} />)
    const conflicted = screen.getByRole('region', { name: 'Conflicted' })
    expect(within(conflicted).getByText('conflict.ts')).toBeInTheDocument()
    const staged = screen.getByRole('region', { name: 'Staged' })
    expect(within(staged).getAllByRole('button')).toHaveLength(2)
    expect(within(staged).getByText('+4')).toBeInTheDocument()
    expect(within(staged).getByText('−1')).toBeInTheDocument()
    expect(within(staged).getByTitle('src/old.ts → src/new.ts')).toBeInTheDocument()
    const changes = screen.getByRole('region', { name: 'Changes' })
    expect(within(changes).getByText('+7')).toBeInTheDocument()
    expect(within(changes).getByText('bin')).toBeInTheDocument()
    const untracked = screen.getByRole('region', { name: 'Untracked' })
    expect(within(untracked).getByText('notes/')).toBeInTheDocument()
    expect(screen.getByText('6 changed')).toBeInTheDocument()
  })

  it('reports the clicked file and whether it is the staged version', () => {
    const onSelectFile = vi.fn()
    render(<GitPanel status={status()} onSelectFile={onSelectFile} now={NOW} />)
    fireEvent.click(screen.getByTitle('src/staged.ts'))
    fireEvent.click(screen.getByTitle('src/edited.ts'))
    fireEvent.click(screen.getByTitle('src/conflict.ts'))
    expect(onSelectFile.mock.calls).toEqual([
      ['src/staged.ts', true],
      ['src/edited.ts', false],
      ['src/conflict.ts', false],
    ])
  })

  it('marks the selected file', () => {
    render(
      <GitPanel
        status={status()}
        selected={{ path: 'src/edited.ts', staged: false }}
        onSelectFile={() => {}}
        now={NOW}
      />,
    )
    expect(screen.getByTitle('src/edited.ts')).toHaveAttribute('aria-pressed', 'true')
    expect(screen.getByTitle('src/staged.ts')).toHaveAttribute('aria-pressed', 'false')
  })

  it('shows an operation in progress and a detached HEAD', () => {
    render(
      <GitPanel
        status={status({ operation: 'rebase', branch: null, detached: true, upstream: undefined })}
        onSelectFile={() => {}}
        now={NOW}
      />,
    )
    expect(screen.getByRole('status')).toHaveTextContent('Rebase in progress')
    expect(screen.getByText('detached at 0123456')).toBeInTheDocument()
  })

  it('shows a clean tree, the truncation note and the refresh button', () => {
    const onRefresh = vi.fn()
    const { rerender } = render(
      <GitPanel
        status={status({ files: [], linesAdded: 0, linesRemoved: 0 })}
        onSelectFile={() => {}}
        onRefresh={onRefresh}
        now={NOW}
      />,
    )
    expect(screen.getByText('Working tree clean')).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }))
    expect(onRefresh).toHaveBeenCalledOnce()
    rerender(<GitPanel status={status({ truncated: 42 })} onSelectFile={() => {}} now={NOW} />)
    expect(screen.getByText('42 more files not listed')).toBeInTheDocument()
    expect(screen.getByText('48 changed')).toBeInTheDocument()
  })

  it('explains a folder that is not a repository, with its error', () => {
    render(
      <GitPanel
        status={status({ isRepo: false, branch: null, files: [], error: 'folder does not exist' })}
        onSelectFile={() => {}}
      />,
    )
    expect(screen.getByText('Not a git repository')).toBeInTheDocument()
    expect(screen.getByText('folder does not exist')).toBeInTheDocument()
  })

  it('waits for a first status', () => {
    render(<GitPanel status={undefined} onSelectFile={() => {}} />)
    expect(screen.getByText('Reading git status…')).toBeInTheDocument()
  })
})
