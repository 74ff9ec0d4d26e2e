/**
 * A session's git panel: branch, upstream with ahead/behind, operation in progress, last commit
 * and the changed files grouped by area. Presentational: everything comes in through props.
 */
import {
  ArrowDown,
  ArrowUp,
  CircleCheck,
  FolderX,
  GitBranch,
  GitCommitHorizontal,
  RefreshCw,
  TriangleAlert,
} from 'lucide-react'
import type { GitFile, GitStatus } from '@shared/git'
import { headName } from '@shared/git-label'
import { relativeAge, shortHash, splitPath } from './format'
import './git.css'

export interface GitFileSelection {
  path: string
  staged: boolean
}

export interface GitPanelProps {
  status: GitStatus | undefined
  /** The file whose diff is open, highlighted in the list. */
  selected?: GitFileSelection
  onSelectFile: (path: string, staged: boolean) => void
  /** Shows a refresh button when given. */
  onRefresh?: () => void
  /** Current time in ms for commit ages (defaults to the render time). */
  now?: number
}

const AREAS: ReadonlyArray<{ area: GitFile['area']; title: string }> = [
  { area: 'conflicted', title: 'Conflicted' },
  { area: 'staged', title: 'Staged' },
  { area: 'unstaged', title: 'Changes' },
  { area: 'untracked', title: 'Untracked' },
]

const OPERATION_TITLES: Record<NonNullable<GitStatus['operation']>, string> = {
  merge: 'Merge in progress',
  rebase: 'Rebase in progress',
  'cherry-pick': 'Cherry-pick in progress',
  revert: 'Revert in progress',
  bisect: 'Bisect in progress',
}

function FileRow({
  file,
  selected,
  onSelect,
}: {
  file: GitFile
  selected: boolean
  onSelect: () => void
}) {
  const { dir, name } = splitPath(file.path)
  const title = file.from ? `${file.from} → ${file.path}` : file.path
  return (
    <li>
      <button
        type="button"
        className={`git-file${selected ? ' git-file-selected' : ''}`}
        title={title}
        aria-pressed={selected}
        onClick={onSelect}
      >
        <span className={`git-code git-code-${file.area}`}>{file.code}</span>
        <span className="git-file-path">
          <span className="git-file-dir">{dir}</span>
          <span className="git-file-name">{name}</span>
        </span>
        {file.binary ? (
          <span className="git-file-counts git-muted">bin</span>
        ) : file.added > 0 || file.removed > 0 ? (
          <span className="git-file-counts">
            <span className="git-added">+{file.added}</span>
            <span className="git-removed">−{file.removed}</span>
          </span>
        ) : null}
      </button>
    </li>
  )
}

function Header({ status, onRefresh }: { status: GitStatus; onRefresh?: () => void }) {
  return (
    <div className="git-header">
      <GitBranch size={14} aria-hidden />
      <span className="git-branch" title={status.root}>
        {status.detached ? `detached at ${headName(status)}` : headName(status)}
      </span>
      {status.upstream && (
        <span className="git-upstream" title={`Upstream ${status.upstream}`}>
          {status.upstream}
          {status.ahead > 0 && (
            <span className="git-ahead" aria-label={`${status.ahead} ahead`}>
              <ArrowUp size={12} aria-hidden />
              {status.ahead}
            </span>
          )}
          {status.behind > 0 && (
            <span className="git-behind" aria-label={`${status.behind} behind`}>
              <ArrowDown size={12} aria-hidden />
              {status.behind}
            </span>
          )}
        </span>
      )}
      {onRefresh && (
        <button type="button" className="git-refresh" onClick={onRefresh} aria-label="Refresh">
          <RefreshCw size={13} aria-hidden />
        </button>
      )}
    </div>
  )
}

export function GitPanel({ status, selected, onSelectFile, onRefresh, now }: GitPanelProps) {
  if (!status) {
    return <div className="git-panel git-muted">Reading git status…</div>
  }
  if (!status.isRepo) {
    return (
      <div className="git-panel">
        <div className="git-empty">
          <FolderX size={14} aria-hidden />
          <span>Not a git repository</span>
        </div>
        {status.error && <div className="git-error">{status.error}</div>}
      </div>
    )
  }

  const nowMs = now ?? Date.now()
  const changed = status.files.length + (status.truncated ?? 0)
  return (
    <div className="git-panel">
      <Header status={status} onRefresh={onRefresh} />
      {status.worktreeOf && (
        <div className="git-muted git-line">Worktree of {status.worktreeOf}</div>
      )}
      {status.operation && (
        <div className="git-operation" role="status">
          <TriangleAlert size={14} aria-hidden />
          {OPERATION_TITLES[status.operation]}
        </div>
      )}
      {status.lastCommit && (
        <div className="git-commit" title={status.lastCommit.hash}>
          <GitCommitHorizontal size={14} aria-hidden />
          <span className="git-hash">{shortHash(status.lastCommit.hash)}</span>
          <span className="git-subject">{status.lastCommit.subject}</span>
          <span className="git-muted">{relativeAge(status.lastCommit.time, nowMs)}</span>
        </div>
      )}
      {status.error && <div className="git-error">{status.error}</div>}
      {changed === 0 ? (
        <div className="git-empty git-clean">
          <CircleCheck size={14} aria-hidden />
          <span>Working tree clean</span>
        </div>
      ) : (
        <div className="git-totals">
          <span>{changed} changed</span>
          <span className="git-added">+{status.linesAdded}</span>
          <span className="git-removed">−{status.linesRemoved}</span>
        </div>
      )}
      {AREAS.map(({ area, title }) => {
        const files = status.files.filter((f) => f.area === area)
        if (files.length === 0) return null
        const staged = area === 'staged'
        return (
          <section key={area} className="git-group" aria-label={title}>
            <h4 className="git-group-title">
              {title} <span className="git-muted">{files.length}</span>
            </h4>
            <ul className="git-files">
              {files.map((file) => (
                <FileRow
                  key={file.path}
                  file={file}
                  selected={selected?.path === file.path && selected.staged === staged}
                  onSelect={() => onSelectFile(file.path, staged)}
                />
              ))}
            </ul>
          </section>
        )
      })}
      {status.truncated ? (
        <div className="git-muted git-line">{status.truncated} more files not listed</div>
      ) : null}
    </div>
  )
}
