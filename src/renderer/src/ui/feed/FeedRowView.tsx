import { memo } from 'react'
import type { FeedRow } from './feed-model'
import { FailureRow, LifecycleRow, StopRow } from './LifecycleRows'
import type { RowContext } from './RowShell'
import { AssistantRow, PromptRow, ResponseRow } from './TextRows'
import { ToolRow } from './ToolRow'

export interface FeedRowProps {
  row: FeedRow
  sessionName: string | null
  color: string
  showSession: boolean
  cwd?: string
  expanded: boolean
  /** Stable across renders, so unchanged rows skip re-rendering. */
  onToggle(key: string): void
}

export const FeedRowView = memo(function FeedRowView({ row, onToggle, ...rest }: FeedRowProps) {
  const ctx: RowContext = { ...rest, toggle: () => onToggle(row.key) }
  switch (row.kind) {
    case 'prompt':
      return <PromptRow row={row} ctx={ctx} />
    case 'assistant':
      return <AssistantRow row={row} ctx={ctx} />
    case 'tool':
      return <ToolRow row={row} ctx={ctx} />
    case 'response':
      return <ResponseRow row={row} ctx={ctx} />
    case 'stop':
      return <StopRow row={row} ctx={ctx} />
    case 'failure':
      return <FailureRow row={row} ctx={ctx} />
    case 'lifecycle':
      return <LifecycleRow row={row} ctx={ctx} />
  }
})
