/** The frame every feed row shares: session-coloured edge, header line, optional body. */
import type { ReactNode } from 'react'
import type { LucideIcon } from 'lucide-react'
import { timeOfDay } from '../common/format'

export interface RowContext {
  sessionName: string | null
  color: string
  /** Shown when the feed mixes sessions. */
  showSession: boolean
  cwd?: string
  expanded: boolean
  toggle(): void
}

export function RowShell({
  ctx,
  icon: Icon,
  title,
  ts,
  tone,
  compact,
  extra,
  trailing,
  children,
}: {
  ctx: RowContext
  icon: LucideIcon
  title: ReactNode
  ts: number
  tone?: 'ok' | 'err' | 'warn' | 'accent' | 'muted'
  compact?: boolean
  extra?: ReactNode
  /** After the time: the row's expand control. */
  trailing?: ReactNode
  children?: ReactNode
}) {
  return (
    <div
      className={`row${compact ? ' row-compact' : ''}${tone ? ` tone-${tone}` : ''}`}
      style={{ borderLeftColor: ctx.color }}
    >
      <div className="row-head">
        <Icon className="row-icon" size={14} aria-hidden />
        <span className="row-title">{title}</span>
        {ctx.showSession && ctx.sessionName && (
          <span className="row-session" style={{ color: ctx.color }}>
            {ctx.sessionName}
          </span>
        )}
        {extra}
        <time className="row-time" dateTime={new Date(ts).toISOString()}>
          {timeOfDay(ts)}
        </time>
        {trailing}
      </div>
      {children && <div className="row-body">{children}</div>}
    </div>
  )
}

/** "Show more" / "Show less" under a clipped block. */
export function ExpandToggle({
  ctx,
  more = 'Show more',
  less = 'Show less',
}: {
  ctx: RowContext
  more?: string
  less?: string
}) {
  return (
    <button
      type="button"
      className="link-button expand-toggle"
      aria-expanded={ctx.expanded}
      onClick={ctx.toggle}
    >
      {ctx.expanded ? less : more}
    </button>
  )
}
