/**
 * What the tray shows, computed from sessions and pending requests: an overall state (idle,
 * working, or N sessions need you) and the list of sessions needing you. The Electron tray
 * adapter renders it; tests check it under Node.
 */
import type { PendingRequest } from '@shared/permissions'
import type { Session } from '@shared/sessions'
import { ATTENTION_GROUP, type AttentionGroup, type AttentionItem } from '@shared/attention'

export interface TrayNeed {
  sessionId: string
  name: string
  /** What is pending: a decision, an answer, or a screen in its terminal (never a finished turn). */
  reason: 'permission' | 'question' | 'screen'
}

/** One entry of the attention queue as the tray menu lists it. */
export interface TrayQueueItem {
  sessionId: string
  name: string
  /** "Allow Bash?", "Turn failed: …", "Finished". */
  title: string
  group: AttentionGroup
}

export interface TrayState {
  state: 'idle' | 'working' | 'attention'
  needYou: TrayNeed[]
  working: number
  tooltip: string
  /** The attention queue, in its order (docs/fleet.md#the-attention-queue). */
  queue: TrayQueueItem[]
}

/** The attention queue for the tray menu: session names instead of ids. */
export function trayQueue(items: readonly AttentionItem[], sessions: Session[]): TrayQueueItem[] {
  return items.map((i) => ({
    sessionId: i.sessionId,
    name: sessions.find((s) => s.id === i.sessionId)?.name ?? 'a session',
    title: i.title,
    group: ATTENTION_GROUP[i.kind],
  }))
}

/** The states that need you (NEEDS_YOU_STATES), by what is pending. */
const NEED_REASON: Readonly<Partial<Record<Session['status'], TrayNeed['reason']>>> = {
  permission: 'permission',
  question: 'question',
  screen: 'screen',
}

export function computeTrayState(
  sessions: Session[],
  pending: PendingRequest[],
  attention: readonly AttentionItem[] = [],
): TrayState {
  const needs = new Map<string, TrayNeed>()
  for (const p of pending) {
    const s = sessions.find((x) => x.id === p.sessionId)
    if (s && !needs.has(s.id)) needs.set(s.id, { sessionId: s.id, name: s.name, reason: p.kind })
  }
  for (const s of sessions) {
    const reason = NEED_REASON[s.status]
    if (!needs.has(s.id) && reason) needs.set(s.id, { sessionId: s.id, name: s.name, reason })
  }
  const needYou = [...needs.values()]
  const working = sessions.filter((s) => s.status === 'working').length
  const state = needYou.length > 0 ? 'attention' : working > 0 ? 'working' : 'idle'
  const tooltip =
    needYou.length > 0
      ? `Atelier — ${needYou.length} ${needYou.length === 1 ? 'session needs' : 'sessions need'} you`
      : working > 0
        ? `Atelier — ${working} working`
        : 'Atelier — idle'
  return { state, needYou, working, tooltip, queue: trayQueue(attention, sessions) }
}
