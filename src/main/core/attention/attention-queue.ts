/**
 * Builds the attention queue from what the app knows (pure): the held requests and questions, the
 * sessions whose status says Claude waits on the user without a request the app holds (a prompt
 * only its terminal can answer, a screen before it started), and each session's last turn that
 * failed or finished after the user last looked at it.
 */
import { compareAttention, type AttentionItem, type AttentionKind } from '@shared/attention'
import type { PendingRequest } from '@shared/permissions'
import type { Session, SessionStatus } from '@shared/sessions'
import { isTurnState } from '@shared/lifecycle'
import type { SessionAttention } from './attention-store'

/** Statuses in which Claude waits for an answer only the user can give (NEEDS_YOU_STATES). */
const WAITING_STATUS: Readonly<Partial<Record<SessionStatus, AttentionKind>>> = {
  permission: 'permission',
  question: 'question',
  screen: 'screen',
}

export interface AttentionInput {
  sessions: readonly Pick<Session, 'id' | 'status' | 'lastActivity'>[]
  pending: readonly PendingRequest[]
  turns: ReadonlyMap<string, SessionAttention>
}

function askTitle(p: PendingRequest): string {
  return p.kind === 'question' ? 'Has a question' : `Allow ${p.toolName}?`
}

const STATUS_TITLE: Readonly<Partial<Record<AttentionKind, string>>> = {
  permission: 'Waiting for permission in its terminal',
  question: 'Waiting for your answer',
  screen: 'Waiting in its terminal',
}

function outcomeTitle(o: NonNullable<SessionAttention['outcome']>): string {
  if (o.kind === 'finished') return 'Finished'
  if (o.kind === 'crashed') return `Crashed${o.detail ? ` (${o.detail})` : ''}`
  return `Turn failed${o.detail ? `: ${o.detail}` : ''}`
}

export function buildAttention(input: AttentionInput): AttentionItem[] {
  const items: AttentionItem[] = []
  const known = new Set(input.sessions.map((s) => s.id))
  const asked = new Set<string>()
  for (const p of input.pending) {
    if (!known.has(p.sessionId)) continue
    asked.add(p.sessionId)
    items.push({
      id: `ask:${p.id}`,
      sessionId: p.sessionId,
      kind: p.kind,
      since: p.createdAt,
      title: askTitle(p),
      requestId: p.id,
    })
  }
  for (const s of input.sessions) {
    const waiting = WAITING_STATUS[s.status]
    if (waiting && !asked.has(s.id)) {
      const since = input.turns.get(s.id)?.outcome?.at ?? s.lastActivity
      items.push({
        id: `${waiting}:${s.id}`,
        sessionId: s.id,
        kind: waiting,
        since,
        title: STATUS_TITLE[waiting] ?? 'Needs you',
      })
    }
    const t = input.turns.get(s.id)
    const o = t?.outcome
    if (!o || o.at <= t.seenAt || isTurnState(s.status)) continue
    items.push({
      id: `${o.kind}:${s.id}:${o.at}`,
      sessionId: s.id,
      kind: o.kind,
      since: o.at,
      title: outcomeTitle(o),
      ...(o.eventId ? { eventId: o.eventId } : {}),
    })
  }
  return items.sort(compareAttention)
}
