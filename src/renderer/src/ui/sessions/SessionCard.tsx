/** One session in the side panel: everything you need to know at a glance. */
import { memo } from 'react'
import { Bot, Coins, Gauge, GitBranch, MessageSquare, MoreHorizontal, Cpu, Eye } from 'lucide-react'
import type { GitStatus } from '@shared/git'
import { gitLabel } from '@shared/git-label'
import type { PendingRequest } from '@shared/permissions'
import type { Session } from '@shared/sessions'
import { compactNumber, formatCost } from '../common/format'
import { truncate } from '../feed/tool-info'
import { detailLine, LAST_PROMPT_CHARS, STATUS_LABEL } from './status'
import { CardFleetRow } from '../fleet/CardFleetRow'

export interface SessionCardProps {
  session: Session
  index: number
  color: string
  selected: boolean
  hotkey: string | null
  git: GitStatus | undefined
  pending: PendingRequest | undefined
  onSelect(id: string): void
  onMenu(id: string, x: number, y: number): void
}

function UsageLine({ session }: { session: Session }) {
  const u = session.usage
  const tokens = (u.inputTokens ?? 0) + (u.outputTokens ?? 0)
  if (!tokens && u.costUsd === undefined && u.contextPercent === undefined) return null
  return (
    <div className="card-usage">
      {tokens > 0 && (
        <span title={`${u.inputTokens ?? 0} in · ${u.outputTokens ?? 0} out`}>
          <Cpu size={12} aria-hidden /> {compactNumber(tokens)} tok
        </span>
      )}
      {u.costUsd !== undefined && (
        <span title="Cost of this session">
          <Coins size={12} aria-hidden /> {formatCost(u.costUsd)}
        </span>
      )}
      {u.contextPercent !== undefined && (
        <span
          title="Context window used"
          className={u.contextPercent >= 80 ? 'is-warn' : undefined}
        >
          <Gauge size={12} aria-hidden /> {Math.round(u.contextPercent)}%
        </span>
      )}
    </div>
  )
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
  const status = p.pending ? 'waiting' : s.status
  return (
    <div
      className={`card status-${status}${p.selected ? ' selected' : ''}`}
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
        aria-label={`${s.name}, ${STATUS_LABEL[status]}`}
        onClick={() => p.onSelect(s.id)}
      >
        <div className="card-top">
          {p.hotkey ? <kbd className="hotkey">{p.hotkey}</kbd> : <span className="hotkey-none" />}
          <span className="status-dot" title={STATUS_LABEL[status]} aria-hidden />
          <span className="card-name">{s.name}</span>
          {s.kind === 'observed' && (
            <span className="badge" title="Seen through global hooks: read-only">
              <Eye size={11} aria-hidden /> observed
            </span>
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
          <UsageLine session={s} />
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
