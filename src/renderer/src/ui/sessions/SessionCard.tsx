/** One session in the side panel: everything you need to know at a glance. */
import { memo } from 'react'
import {
  Bot,
  GitBranch,
  MessageSquare,
  MoreHorizontal,
  Eye,
  FileText,
  RefreshCw,
  Server,
} from 'lucide-react'
import type { GitStatus } from '@shared/git'
import { gitLabel } from '@shared/git-label'
import type { PendingRequest } from '@shared/permissions'
import type { Session } from '@shared/sessions'
import { truncate } from '@shared/text'
import { detailLine, LAST_PROMPT_CHARS, STATUS_LABEL } from './status'
import { CardFleetRow } from '../fleet/CardFleetRow'
import { CardUsage } from '../fleet/CardUsage'
import { RECONNECTING_LABEL, useSessionHost } from '../hosts/session-host'

export interface SessionCardProps {
  session: Session
  index: number
  color: string
  selected: boolean
  hotkey: string | null
  git: GitStatus | undefined
  pending: PendingRequest | undefined
  /** The session is one of an opened replay file's (not of this machine). */
  fromFile?: boolean
  onSelect(id: string): void
  onMenu(id: string, x: number, y: number): void
}

function GitLine({ git }: { git: GitStatus | undefined }) {
  const label = gitLabel(git)
  if (!git || !label) return null
  return (
    <span
      className="card-git"
      style={{ color: label.color }}
      title={git.lastCommit ? `Last commit: ${git.lastCommit.subject}` : undefined}
    >
      <GitBranch size={12} aria-hidden /> {label.text}
      {git.ahead > 0 && ` ↑${git.ahead}`}
      {git.behind > 0 && ` ↓${git.behind}`}
      {git.operation && ` · ${git.operation}`}
    </span>
  )
}

export const SessionCard = memo(function SessionCard(p: SessionCardProps) {
  const { session: s } = p
  // A request the app holds says exactly what is pending, whatever the last event said.
  const status = p.pending ? p.pending.kind : s.status
  const host = useSessionHost(s)
  // While its host's link is down the session's last known state is kept, dimmed, and the card
  // says it is reconnecting: neither working nor offline.
  const statusText = host?.reconnecting ? RECONNECTING_LABEL : STATUS_LABEL[status]
  return (
    <div
      className={`card status-${status}${p.selected ? ' selected' : ''}${host?.reconnecting ? ' link-down' : ''}`}
      style={{ ['--session-color' as string]: p.color }}
      data-session-card={s.id}
      data-testid="session-card"
      onContextMenu={(e) => {
        e.preventDefault()
        p.onMenu(s.id, e.clientX, e.clientY)
      }}
    >
      <button
        type="button"
        className="card-main"
        aria-pressed={p.selected}
        aria-label={`${s.name}, ${statusText}`}
        onClick={() => p.onSelect(s.id)}
      >
        <div className="card-top">
          {p.hotkey ? <kbd className="hotkey">{p.hotkey}</kbd> : <span className="hotkey-none" />}
          <span className="status-dot" title={statusText} aria-hidden />
          <span className="card-name">{s.name}</span>
          {host && (
            <span
              className={`badge card-host${host.reconnecting ? ' reconnecting' : ''}`}
              title={host.title}
              data-testid="host-badge"
            >
              {host.reconnecting ? (
                <RefreshCw size={11} aria-hidden />
              ) : (
                <Server size={11} aria-hidden />
              )}
              <span className="card-host-name">{host.label}</span>
              {host.reconnecting && (
                <span className="card-host-link">
                  {RECONNECTING_LABEL.toLowerCase()} · attempt {host.reconnecting.attempt}
                </span>
              )}
            </span>
          )}
          {p.fromFile ? (
            <span className="badge" title="From the opened replay file: read-only">
              <FileText size={11} aria-hidden /> file
            </span>
          ) : (
            s.kind === 'observed' && (
              <span className="badge" title="Seen through global hooks: read-only">
                <Eye size={11} aria-hidden /> observed
              </span>
            )
          )}
          {s.subagents > 0 && (
            <span className="badge" title="Subagents running">
              <Bot size={11} aria-hidden /> {s.subagents}
            </span>
          )}
        </div>
        <div className="card-detail">{detailLine(s, p.pending)}</div>
        {s.lastPrompt && (
          <div className="card-prompt">
            <MessageSquare size={12} aria-hidden />{' '}
            {truncate(s.lastPrompt.replace(/\s+/g, ' '), LAST_PROMPT_CHARS)}
          </div>
        )}
        <div className="card-foot">
          <GitLine git={p.git} />
          <CardUsage sessionId={s.id} />
        </div>
      </button>
      <CardFleetRow sessionId={s.id} name={s.name} />
      <button
        type="button"
        className="icon-button card-more"
        aria-label={`Actions for ${s.name}`}
        aria-haspopup="menu"
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect()
          p.onMenu(s.id, r.left, r.bottom)
        }}
      >
        <MoreHorizontal size={16} />
      </button>
    </div>
  )
})
