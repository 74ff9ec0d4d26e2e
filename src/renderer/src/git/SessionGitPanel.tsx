/**
 * The git panel of one session, connected to the app: status from the store (kept live by the
 * `git` push), the selected file's diff fetched through `git.diff`.
 */
import { useEffect, useState } from 'react'
import { useAppStore } from '../store'
import { core } from '../transport'
import { whileCurrent } from '../ui/common/while-current'
import { DiffView } from './DiffView'
import { GitPanel, type GitFileSelection } from './GitPanel'

interface DiffState {
  key: string
  diff: string
  truncated: boolean
  error?: string
}

export function SessionGitPanel({ sessionId }: { sessionId: string }) {
  const status = useAppStore((s) => s.git[sessionId])
  const setGit = useAppStore((s) => s.setGit)
  const [selected, setSelected] = useState<GitFileSelection | undefined>()
  const [diff, setDiff] = useState<DiffState | null>(null)

  const refresh = () => {
    core()
      .invoke('git.status', { sessionId })
      .then((g) => setGit(sessionId, g))
      .catch((err: unknown) =>
        useAppStore
          .getState()
          .toast('error', `Git status failed: ${String((err as Error).message ?? err)}`),
      )
  }

  useEffect(() => {
    if (!status) refresh()
    // Only on mount and session change: later updates arrive as pushes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sessionId])

  // Re-read the open diff whenever the status changes (the file was edited again).
  useEffect(() => {
    if (!selected) return
    const key = `${selected.staged ? 'staged' : 'work'}:${selected.path}`
    return whileCurrent(
      core().invoke('git.diff', { sessionId, path: selected.path, staged: selected.staged }),
      (d) => setDiff({ key, diff: d.diff, truncated: d.truncated }),
      (err) =>
        setDiff({ key, diff: '', truncated: false, error: String((err as Error).message ?? err) }),
    )
  }, [sessionId, selected, status?.updatedAt])

  return (
    <div className="session-git">
      <GitPanel
        status={status}
        selected={selected}
        onSelectFile={(path, staged) => setSelected({ path, staged })}
        onRefresh={refresh}
      />
      {selected && diff && (
        <div className="session-git-diff">
          {diff.error ? (
            <p className="git-error">{diff.error}</p>
          ) : (
            <DiffView path={selected.path} diff={diff.diff} truncated={diff.truncated} />
          )}
        </div>
      )}
    </div>
  )
}
