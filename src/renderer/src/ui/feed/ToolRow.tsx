/**
 * One tool call in its lifecycle state (docs/session-lifecycle.md#tool-call-states): running, then
 * done, failed, interrupted or denied, with preview, duration, output and details.
 */
import {
  ChevronDown,
  ChevronRight,
  CircleCheck,
  CirclePause,
  CircleX,
  LoaderCircle,
  MessageSquareShare,
  ShieldX,
} from 'lucide-react'
import type { ToolCallState } from '@shared/lifecycle'
import type { FeedRow } from './feed-model'
import {
  formatDuration,
  formatJson,
  outputPreview,
  TOOL_CONTENT_PREVIEW_CHARS,
  toolContent,
  toolIcon,
  toolLabel,
  toolOutputText,
  toolPreview,
  truncatedBytes,
} from './tool-info'
import { formatBytes } from '@shared/truncation'
import { truncate } from '@shared/text'
import { RowShell, type RowContext } from './RowShell'

/** Output shown in the expanded details; the store already caps it at 16 KB. */
const DETAIL_OUTPUT_CHARS = 8_000

/** The call's own end wins; without one, how the lifecycle closed it; else it still runs. */
export function toolState(row: Extract<FeedRow, { kind: 'tool' }>): ToolCallState {
  if (row.end) return row.end.success ? 'done' : row.end.interrupted ? 'interrupted' : 'failed'
  return row.closed ?? 'running'
}

const STATE_ICON: Record<ToolCallState, typeof CircleCheck> = {
  running: LoaderCircle,
  done: CircleCheck,
  failed: CircleX,
  denied: ShieldX,
  interrupted: CirclePause,
  'answered-in-terminal': MessageSquareShare,
}
const STATE_LABEL: Record<ToolCallState, string> = {
  running: 'running',
  done: 'succeeded',
  failed: 'failed',
  denied: 'denied',
  interrupted: 'interrupted',
  'answered-in-terminal': 'answered in the terminal',
}

export function ToolRow({
  row,
  ctx,
}: {
  row: Extract<FeedRow, { kind: 'tool' }>
  ctx: RowContext
}) {
  const state = toolState(row)
  const preview = toolPreview(row.tool, row.input, ctx.cwd)
  const content = toolContent(row.input)
  const end = row.end
  const out = end ? outputPreview(row.tool, end.output, end.error, end.success) : null
  const StateIcon = STATE_ICON[state]
  const duration = end?.durationMs ?? (end && row.start ? end.ts - row.start.ts : undefined)
  // A large input or output (a Write of a generated file) is stored cut short: say how large.
  const cutBytes = Math.max(truncatedBytes(row.input) ?? 0, truncatedBytes(end?.output) ?? 0)
  const extra = (
    <>
      {cutBytes > 0 && (
        <span
          className="badge truncated"
          title={`Only the start is stored: the full text was ${formatBytes(cutBytes)}`}
        >
          … {formatBytes(cutBytes)}, truncated
        </span>
      )}
      {duration !== undefined && <span className="badge duration">{formatDuration(duration)}</span>}
      <StateIcon
        className={`tool-state state-${state}`}
        size={14}
        aria-label={STATE_LABEL[state]}
      />
    </>
  )
  const expand = (
    <>
      <button
        type="button"
        className="icon-button row-expand"
        aria-expanded={ctx.expanded}
        aria-label={
          ctx.expanded ? 'Hide details' : content !== undefined ? 'Show content' : 'Show details'
        }
        title={
          ctx.expanded ? 'Hide details' : content !== undefined ? 'Show content' : 'Show details'
        }
        onClick={ctx.toggle}
      >
        {ctx.expanded ? <ChevronDown size={14} /> : <ChevronRight size={14} />}
      </button>
    </>
  )
  return (
    <div className={`tool-row tool-${state}`} data-tool-state={state}>
      <RowShell
        ctx={ctx}
        icon={toolIcon(row.tool)}
        title={toolLabel(row.tool)}
        ts={row.ts}
        tone={state === 'failed' ? 'err' : undefined}
        compact={!preview && !out && !ctx.expanded}
        extra={extra}
        trailing={expand}
      >
        {preview?.kind === 'command' ? (
          <pre className="code tool-command">{preview.text}</pre>
        ) : preview ? (
          <div className={`tool-preview preview-${preview.kind}`}>
            {preview.kind === 'pattern'
              ? `Pattern: ${preview.text}`
              : preview.kind === 'query'
                ? `Query: ${preview.text}`
                : preview.text}
          </div>
        ) : null}
        {state === 'interrupted' && <div className="tool-note">Interrupted</div>}
        {state === 'denied' && <div className="tool-note">Denied</div>}
        {out && <pre className={`code tool-output${end?.success ? '' : ' is-error'}`}>{out}</pre>}
        {ctx.expanded && (
          <div className="tool-details">
            {content !== undefined && (
              <>
                <div className="details-label">Content</div>
                <pre className="code">{truncate(content, TOOL_CONTENT_PREVIEW_CHARS)}</pre>
              </>
            )}
            <div className="details-label">Input</div>
            <pre className="code">{truncate(formatJson(row.input), DETAIL_OUTPUT_CHARS)}</pre>
            {end && (
              <>
                <div className="details-label">{end.success ? 'Output' : 'Error'}</div>
                <pre className="code">
                  {truncate(
                    end.success
                      ? toolOutputText(end.output)
                      : (end.error ?? toolOutputText(end.output)),
                    DETAIL_OUTPUT_CHARS,
                  ) || '(empty)'}
                </pre>
              </>
            )}
          </div>
        )}
      </RowShell>
    </div>
  )
}
