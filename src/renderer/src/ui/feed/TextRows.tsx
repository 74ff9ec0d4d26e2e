/** Prompts, assistant text and final responses. */
import { Flag, MessageSquare, Sparkles } from 'lucide-react'
import type { FeedRow } from './feed-model'
import { Markdown } from '../common/Markdown'
import { ExpandToggle, RowShell, type RowContext } from './RowShell'

/** Assistant text longer than this starts collapsed (original: 400 characters). */
export const ASSISTANT_COLLAPSE_CHARS = 400
/** Final responses longer than this are cut until expanded (original: 2000 characters). */
export const RESPONSE_CUT_CHARS = 2000

export function PromptRow({
  row,
  ctx,
}: {
  row: Extract<FeedRow, { kind: 'prompt' }>
  ctx: RowContext
}) {
  return (
    <RowShell ctx={ctx} icon={MessageSquare} title="You" ts={row.ts} tone="accent">
      {/* Plain text on purpose: what the user typed is never interpreted as markup. */}
      <div className="prompt-text">{row.event.text}</div>
    </RowShell>
  )
}

export function AssistantRow({
  row,
  ctx,
}: {
  row: Extract<FeedRow, { kind: 'assistant' }>
  ctx: RowContext
}) {
  const long = row.text.length > ASSISTANT_COLLAPSE_CHARS
  return (
    <RowShell ctx={ctx} icon={Sparkles} title="Claude" ts={row.ts}>
      <div className={long && !ctx.expanded ? 'clipped' : undefined}>
        <Markdown text={row.text} />
      </div>
      {long && <ExpandToggle ctx={ctx} />}
    </RowShell>
  )
}

export function ResponseRow({
  row,
  ctx,
}: {
  row: Extract<FeedRow, { kind: 'response' }>
  ctx: RowContext
}) {
  const long = row.text.length > RESPONSE_CUT_CHARS
  const shown = long && !ctx.expanded ? `${row.text.slice(0, RESPONSE_CUT_CHARS)}…` : row.text
  return (
    <RowShell ctx={ctx} icon={Flag} title="Claude · finished" ts={row.ts} tone="ok">
      <Markdown text={shown} />
      {long && <ExpandToggle ctx={ctx} more="Show the whole response (Alt+E)" />}
    </RowShell>
  )
}
