/** Session lifecycle, notifications, subagents, compaction, stops, failures and unknown hooks. */
import {
  Archive,
  Bell,
  Bot,
  CirclePause,
  CircleX,
  Code2,
  Flag,
  Info,
  Play,
  Power,
  ShieldAlert,
  ShieldCheck,
  ShieldQuestion,
  ShieldX,
  Unplug,
  type LucideIcon,
} from 'lucide-react'
import type { EventOf } from '@shared/events'
import type { FeedRow, LifecycleEvent } from './feed-model'
import { Markdown } from '../common/Markdown'
import { ExpandToggle, RowShell, type RowContext } from './RowShell'
import { formatJson, toolLabel, toolPreview } from './tool-info'

const DECISION_BY: Record<EventOf<'permission.decision'>['by'], string> = {
  app: 'from Atelier',
  terminal: 'in the terminal',
  timeout: 'after the wait ran out',
}

/** "Denied Bash from Atelier: not now", "Allowed Bash in the terminal"… */
function decisionRow(e: EventOf<'permission.decision'>): {
  icon: LucideIcon
  title: string
  tone?: 'warn' | 'muted'
  detail?: string
} {
  const tool = toolLabel(e.tool)
  switch (e.outcome) {
    case 'deny':
      return {
        icon: ShieldX,
        title: `Denied ${tool} ${DECISION_BY[e.by]}${e.reason ? `: ${e.reason}` : ''}`,
        tone: 'warn',
      }
    case 'terminal':
      return { icon: ShieldCheck, title: `${tool} answered in the terminal`, tone: 'muted' }
    case 'timeout':
      return {
        icon: ShieldQuestion,
        title: `No answer for ${tool} in time: Claude's own prompt decides`,
        tone: 'warn',
      }
    default:
      return {
        icon: ShieldCheck,
        title: `${e.outcome === 'always' ? 'Always allowed' : 'Allowed'} ${tool} ${DECISION_BY[e.by]}`,
        tone: 'muted',
      }
  }
}

function describe(
  e: LifecycleEvent,
  cwd?: string,
  subagentType?: string,
): {
  icon: LucideIcon
  title: string
  tone?: 'warn' | 'muted'
  detail?: string
  markdown?: boolean
} {
  switch (e.type) {
    case 'session.start':
      return {
        icon: Play,
        title: `Session ${e.source === 'startup' ? 'started' : `started (${e.source})`}${e.model ? ` · ${e.model}` : ''}`,
        tone: 'muted',
      }
    case 'session.end':
      return { icon: Power, title: `Session ended (${e.reason})`, tone: 'muted' }
    case 'notification':
      // Claude Code's idle notice comes about a minute after every turn, finished ones included:
      // it asks nothing, so it is not worded as waiting for the user.
      if (e.kind === 'idle_prompt')
        return { icon: Bell, title: 'Idle, ready for a prompt', tone: 'muted' }
      return {
        icon: Bell,
        title: e.title ? `${e.title}: ${e.message}` : e.message || e.kind,
        tone: 'warn',
      }
    case 'permission.request': {
      const p = toolPreview(e.tool, e.input, cwd)
      return {
        icon: ShieldAlert,
        title: `Asked to use ${toolLabel(e.tool)}${p ? `: ${p.text}` : ''}`,
        tone: 'warn',
      }
    }
    case 'subagent.start':
      return { icon: Bot, title: `Subagent ${e.subagentType} started`, tone: 'muted' }
    case 'subagent.result':
      // Claude Code's <task-notification>, read: the subagent's summary, its report as detail.
      return {
        icon: Bot,
        title: `Subagent${subagentType ? ` ${subagentType}` : ''} result${e.status === 'completed' ? '' : ` (${e.status})`}: ${e.summary}`,
        tone: e.status === 'completed' ? 'muted' : 'warn',
        detail: e.result,
        markdown: true,
      }
    case 'claude.notice':
      return {
        icon: Info,
        title:
          e.kind === 'compact-summary'
            ? 'Claude Code continued the conversation after compaction'
            : 'Claude Code reminder',
        tone: 'muted',
        detail: e.text,
        markdown: true,
      }
    case 'subagent.stop':
      return {
        icon: Bot,
        title: `Subagent ${e.subagentType} finished`,
        tone: 'muted',
        detail: e.text,
        markdown: true,
      }
    case 'compact':
      return {
        icon: Archive,
        title:
          e.phase === 'pre'
            ? `Compacting context (${e.trigger})`
            : `Context compacted (${e.trigger})`,
        tone: 'muted',
        detail: e.summary,
        markdown: true,
      }
    case 'permission.decision':
      return decisionRow(e)
    case 'interrupt':
      return {
        icon: CirclePause,
        title: e.by === 'app' ? 'Interrupted from Atelier' : 'Interrupted in the terminal',
        tone: 'muted',
      }
    case 'process.exit':
      return { icon: Unplug, title: exitTitle(e), tone: 'warn' }
    case 'generic':
      return { icon: Code2, title: e.hookEvent, tone: 'muted', detail: formatJson(e.raw) }
  }
}

/**
 * "Claude Code was killed (SIGKILL)", "Claude Code exited (code 1)", a clean exit, or an end the
 * terminal could not explain (tmux sometimes records neither a code nor a signal).
 */
function exitTitle(e: EventOf<'process.exit'>): string {
  if (e.signal) return `Claude Code was killed (${e.signal})`
  if (e.code === 0) return 'Claude Code exited'
  if (e.code === null) return 'Claude Code ended (its terminal did not say how)'
  return `Claude Code exited (code ${e.code})`
}

export function LifecycleRow({
  row,
  ctx,
}: {
  row: Extract<FeedRow, { kind: 'lifecycle' }>
  ctx: RowContext
}) {
  const d = describe(row.event, ctx.cwd, row.subagentType)
  return (
    <RowShell ctx={ctx} icon={d.icon} title={d.title} ts={row.ts} tone={d.tone} compact={!d.detail}>
      {d.detail && (
        <>
          {ctx.expanded &&
            (d.markdown ? <Markdown text={d.detail} /> : <pre className="code">{d.detail}</pre>)}
          <ExpandToggle ctx={ctx} more="Show details" less="Hide details" />
        </>
      )}
    </RowShell>
  )
}

export function StopRow({
  row,
  ctx,
}: {
  row: Extract<FeedRow, { kind: 'stop' }>
  ctx: RowContext
}) {
  return <RowShell ctx={ctx} icon={Flag} title="Finished" ts={row.ts} tone="ok" compact />
}

export function FailureRow({
  row,
  ctx,
}: {
  row: Extract<FeedRow, { kind: 'failure' }>
  ctx: RowContext
}) {
  const e = row.event
  return (
    <RowShell ctx={ctx} icon={CircleX} title={`Turn failed: ${e.error}`} ts={row.ts} tone="err">
      {e.details && <pre className="code is-error">{e.details}</pre>}
      {e.text && <div className="failure-text">{e.text}</div>}
    </RowShell>
  )
}
