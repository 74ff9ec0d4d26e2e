/** The "All sessions" row and one card per session, reorderable by drag or Alt+↑/↓. */
import { useCallback, useMemo, useState } from 'react'
import { LayoutGrid, Plus } from 'lucide-react'
import { useAppStore } from '../../store'
import { SESSION_HOTKEYS } from '../../keyboard/actions'
import { reorderSessions, selectAll, selectSession } from '../commands'
import { sessionColorVar } from '../../theme/session-palette'
import { moveId, orderedSessions } from './order'
import { SessionCard } from './SessionCard'
import './sessions.css'

export function SessionList() {
  const sessions = useAppStore((s) => s.sessions)
  const selectedId = useAppStore((s) => s.selectedSessionId)
  const git = useAppStore((s) => s.git)
  const pending = useAppStore((s) => s.pending)
  const openMenu = useAppStore((s) => s.openSessionMenu)
  const openDialog = useAppStore((s) => s.openDialog)
  // An opened replay file's sessions: shown, never reordered (they are not this machine's).
  const fromFile = useAppStore((s) => s.replay?.file != null)
  const ordered = useMemo(() => orderedSessions(sessions), [sessions])
  const [dragId, setDragId] = useState<string | null>(null)
  const [dropIndex, setDropIndex] = useState<number | null>(null)

  const onMenu = useCallback(
    (sessionId: string, x: number, y: number) => openMenu({ sessionId, x, y }),
    [openMenu],
  )
  const working = ordered.filter((s) => s.status === 'working').length
  const summary =
    ordered.length === 0
      ? 'No sessions yet'
      : `${ordered.length} session${ordered.length === 1 ? '' : 's'}${working ? `, ${working} working` : ''}`

  const drop = (toIndex: number) => {
    if (!dragId) return
    const ids = ordered.map((s) => s.id)
    const from = ids.indexOf(dragId)
    // Dropping below itself counts the dragged card's own slot once.
    const delta = toIndex > from ? toIndex - from - 1 : toIndex - from
    if (delta !== 0) void reorderSessions(moveId(ids, dragId, delta))
    setDragId(null)
    setDropIndex(null)
  }

  return (
    <section className="sessions" aria-label="Sessions">
      <div className="sessions-head">
        <button
          type="button"
          className={`all-sessions${selectedId === null ? ' selected' : ''}`}
          onClick={selectAll}
          aria-pressed={selectedId === null}
        >
          <kbd className="hotkey">0</kbd>
          <LayoutGrid size={14} aria-hidden />
          <span className="all-title">All sessions</span>
          <span className="all-summary">{summary}</span>
        </button>
        <button
          type="button"
          className="button primary small"
          onClick={() => openDialog({ kind: 'newSession' })}
          title="New session (N)"
        >
          <Plus size={14} aria-hidden /> New
        </button>
      </div>
      {ordered.length > 0 && (
        <ul className="session-cards" onDragOver={(e) => dragId && e.preventDefault()}>
          {ordered.map((s, i) => (
            <li
              key={s.id}
              draggable={!fromFile}
              className={`${dragId === s.id ? 'dragging' : ''}${dropIndex === i ? ' drop-before' : ''}${dropIndex === ordered.length && i === ordered.length - 1 ? ' drop-after' : ''}`}
              onDragStart={(e) => {
                setDragId(s.id)
                e.dataTransfer.effectAllowed = 'move'
                e.dataTransfer.setData('text/plain', s.name)
              }}
              onDragOver={(e) => {
                if (!dragId) return
                e.preventDefault()
                const r = e.currentTarget.getBoundingClientRect()
                setDropIndex(e.clientY < r.top + r.height / 2 ? i : i + 1)
              }}
              onDrop={(e) => {
                e.preventDefault()
                drop(dropIndex ?? i)
              }}
              onDragEnd={() => {
                setDragId(null)
                setDropIndex(null)
              }}
            >
              <SessionCard
                session={s}
                index={i}
                color={sessionColorVar(s)}
                selected={s.id === selectedId}
                hotkey={i < SESSION_HOTKEYS ? String(i + 1) : null}
                git={git[s.id]}
                pending={pending.find((p) => p.sessionId === s.id)}
                fromFile={fromFile}
                onSelect={selectSession}
                onMenu={onMenu}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
