/**
 * The selected session's queued prompts, under the prompt bar: why they wait, and each one to
 * edit, move or remove before it is sent (docs/fleet.md#the-prompt-queue).
 */
import { useState } from 'react'
import { ChevronDown, ChevronUp, Clock, Pencil, X } from 'lucide-react'
import type { QueuedPrompt, SessionFleetState } from '@shared/fleet'
import { useAppStore } from '../../store'
import { IconButton } from '../common/IconButton'
import { useNow } from '../common/use-now'
import { countdown } from './fleet-format'
import { editQueued, moveQueued, removeQueued } from './fleet-actions'
import './fleet.css'

const EMPTY: QueuedPrompt[] = []

function why(state: SessionFleetState | undefined, now: number): string {
  const hold = state?.hold
  if (hold?.reason === 'parked')
    return `parked until ${new Date(hold.until).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}, when the 5-hour window resets (${countdown(hold.until - now)})`
  if (hold?.reason === 'budget') return 'held: the budget is used up'
  return 'sent one by one, as each turn ends'
}

function QueueItem({ p, index, count }: { p: QueuedPrompt; index: number; count: number }) {
  const [draft, setDraft] = useState<string | null>(null)
  if (draft !== null)
    return (
      <li className="queue-item is-editing">
        <textarea
          className="queue-edit"
          value={draft}
          aria-label="Queued prompt"
          autoFocus
          rows={Math.min(6, draft.split('\n').length + 1)}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            e.stopPropagation()
            if (e.key === 'Escape') setDraft(null)
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault()
              if (draft.trim()) void editQueued(p.id, draft).then(() => setDraft(null))
            }
          }}
        />
        <div className="queue-edit-actions">
          <button type="button" className="button small" onClick={() => setDraft(null)}>
            Cancel
          </button>
          <button
            type="button"
            className="button small primary"
            disabled={!draft.trim()}
            onClick={() => void editQueued(p.id, draft).then(() => setDraft(null))}
          >
            Save
          </button>
        </div>
      </li>
    )
  return (
    <li className="queue-item" data-testid="queued-prompt">
      <span className="queue-index">{index + 1}</span>
      <span className="queue-text" title={p.text}>
        {p.text.replace(/\s+/g, ' ')}
      </span>
      <IconButton
        size={14}
        icon={ChevronUp}
        label="Send earlier"
        disabled={index === 0}
        onClick={() => void moveQueued(p.id, index - 1)}
      />
      <IconButton
        size={14}
        icon={ChevronDown}
        label="Send later"
        disabled={index === count - 1}
        onClick={() => void moveQueued(p.id, index + 1)}
      />
      <IconButton size={14} icon={Pencil} label="Edit" onClick={() => setDraft(p.text)} />
      <IconButton size={14} icon={X} label="Remove" onClick={() => void removeQueued(p.id)} />
    </li>
  )
}

export function PromptQueue() {
  const sessionId = useAppStore((s) => s.selectedSessionId)
  const queue = useAppStore((s) => (sessionId ? s.fleet?.queues[sessionId] : undefined) ?? EMPTY)
  const state = useAppStore((s) => s.fleet?.sessions.find((x) => x.sessionId === sessionId))
  const now = useNow(queue.length > 0 && state?.hold?.reason === 'parked', 1000)
  if (!sessionId || queue.length === 0) return null
  return (
    <div className="prompt-queue" data-testid="prompt-queue">
      <div className="queue-head">
        <Clock size={12} aria-hidden />
        <strong>{queue.length} queued</strong>
        <span className="muted">{why(state, now)}</span>
      </div>
      <ol className="queue-list">
        {queue.map((p, i) => (
          <QueueItem key={p.id} p={p} index={i} count={queue.length} />
        ))}
      </ol>
    </div>
  )
}
