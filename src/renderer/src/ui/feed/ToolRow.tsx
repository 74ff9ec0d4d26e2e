/** One tool call: pending → success or failure, with preview, duration, output and details. */
import { ChevronDown, ChevronRight, CircleCheck, CircleX, LoaderCircle } from 'lucide-react'
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

export type ToolState = 'pending' | 'success' | 'failure'

export function toolState(row: Extract<FeedRow, { kind: 'tool' }>): ToolState {
  if (!row.end) return 'pending'
  return row.end.success ? 'success' : 'failure'
}

const STATE_ICON = { pending: LoaderCircle, success: CircleCheck, failure: CircleX }
const STATE_LABEL = { pending: 'running', success: 'succeeded', failure: 'failed' }

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
        tone={state === 'failure' ? 'err' : undefined}
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
        {end?.interrupted && <div className="tool-note">Interrupted</div>}
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
