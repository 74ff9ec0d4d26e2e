/**
 * The attention queue as a compact bar under the top bar: each item a chip in its group's colour
 * (amber: Claude waits on you; red: a turn failed; green: a turn finished, not yet looked at),
 * oldest first within each group, and the jump key to go to the next one. A spoken command for a
 * failed or finished turn shows here before it acts (a request's shows in its dialog).
 */
import {
  CircleCheck,
  CircleX,
  MessageCircleQuestion,
  ShieldAlert,
  SquareTerminal,
  type LucideIcon,
} from 'lucide-react'
import { ATTENTION_GROUP, type AttentionItem, type AttentionKind } from '@shared/attention'
import { useAppStore } from '../../store'
import { useBindings } from '../../keyboard/useKeyboard'
import { Keycaps } from '../common/Keycaps'
import { sessionColorVar } from '../../theme/session-palette'
import { VoiceCommandBanner } from '../../voice/VoiceCommandBanner'
import { jumpNext, jumpTo } from './attention-actions'
import './attention.css'

/** Chips shown before "+N more" (the bar stays one line). */
export const MAX_CHIPS = 6

const ICON: Record<AttentionKind, LucideIcon> = {
  permission: ShieldAlert,
  question: MessageCircleQuestion,
  screen: SquareTerminal,
  failed: CircleX,
  crashed: CircleX,
  finished: CircleCheck,
}

function Chip({ item, name, color }: { item: AttentionItem; name: string; color: string }) {
  const Icon = ICON[item.kind]
  const group = ATTENTION_GROUP[item.kind]
  return (
    <li>
      <button
        type="button"
        className={`attention-chip group-${group}`}
        onClick={() => jumpTo(item)}
        title={`${name}: ${item.title}`}
        data-attention-kind={item.kind}
        data-session-id={item.sessionId}
      >
        <Icon size={13} aria-hidden />
        <span className="attention-dot" style={{ background: color }} aria-hidden />
        <span className="attention-name">{name}</span>
        <span className="attention-title">{item.title}</span>
      </button>
    </li>
  )
}

export function AttentionBar() {
  const items = useAppStore((s) => s.attention)
  const sessions = useAppStore((s) => s.sessions)
  const jumpKey = useBindings()['session.nextAttention']?.[0]
  if (items.length === 0) return null
  const needs = items.filter((i) => ATTENTION_GROUP[i.kind] === 'needs-you').length
  const sessionOf = (id: string) => sessions.find((s) => s.id === id)
  const shown = items.slice(0, MAX_CHIPS)
  return (
    <nav className="strip attention-bar" aria-label="Attention queue" data-testid="attention-bar">
      <span className={`attention-count${needs > 0 ? ' has-needs' : ''}`}>
        {needs > 0 ? `${needs} need${needs === 1 ? 's' : ''} you` : `${items.length} to look at`}
      </span>
      <ol className="attention-chips">
        {shown.map((i) => (
          <Chip
            key={i.id}
            item={i}
            name={sessionOf(i.sessionId)?.name ?? 'a session'}
            color={sessionColorVar(sessionOf(i.sessionId))}
          />
        ))}
      </ol>
      {items.length > shown.length && (
        <span className="attention-more">+{items.length - shown.length} more</span>
      )}
      <div className="attention-voice">
        {items
          .filter((i) => !i.requestId)
          .map((i) => (
            <VoiceCommandBanner key={i.id} itemId={i.id} />
          ))}
      </div>
      <button
        type="button"
        className="button small attention-next"
        onClick={jumpNext}
        title="Go to the next item"
      >
        Next {jumpKey && <Keycaps combo={jumpKey} />}
      </button>
    </nav>
  )
}
