/**
 * Turns canonical events (oldest first) into feed rows, the way the original's FeedManager did
 * (docs/original.md#feed): a tool start and its end become one row that goes pending → success/failure;
 * streamed assistant text with one message id becomes one row; repeated prompts and text within
 * the dedup window are shown once; a final Stop that only repeats the last assistant message
 * becomes a small "finished" marker. Pure and O(n), so a 100,000-event rebuild stays cheap.
 */
import type { CanonicalEvent, EventOf } from '@shared/events'
import {
  initialLifecycle,
  reduceSession,
  type ClosedToolCall,
  type SessionLifecycle,
} from '@shared/lifecycle'

/** Identical prompts or assistant text this close together are one row (parallel tool calls). */
export const FEED_DEDUP_WINDOW_MS = 2_000

export type LifecycleEvent = EventOf<
  | 'session.start'
  | 'session.end'
  | 'notification'
  | 'permission.request'
  | 'subagent.start'
  | 'subagent.stop'
  | 'subagent.result'
  | 'claude.notice'
  | 'compact'
  | 'interrupt'
  | 'process.exit'
  | 'permission.decision'
  | 'generic'
>

export type FeedRow =
  | { kind: 'prompt'; key: string; sessionId: string; ts: number; event: EventOf<'prompt'> }
  | {
      kind: 'assistant'
      key: string
      sessionId: string
      ts: number
      text: string
      eventIds: string[]
      final: boolean
    }
  | {
      kind: 'tool'
      key: string
      sessionId: string
      ts: number
      toolUseId: string
      tool: string
      input: unknown
      start?: EventOf<'tool.start'>
      end?: EventOf<'tool.end'>
      /** The call ended without its own end (its turn ended, a denial): how, by the lifecycle. */
      closed?: ClosedToolCall['state']
    }
  | {
      kind: 'response'
      key: string
      sessionId: string
      ts: number
      event: EventOf<'stop'>
      text: string
    }
  | { kind: 'stop'; key: string; sessionId: string; ts: number; event: EventOf<'stop'> }
  | { kind: 'failure'; key: string; sessionId: string; ts: number; event: EventOf<'stop.failure'> }
  | {
      kind: 'lifecycle'
      key: string
      sessionId: string
      ts: number
      event: LifecycleEvent
      /** A subagent's result: the type its SubagentStart gave, so the row names its subagent. */
      subagentType?: string
    }

export interface FeedModel {
  rows: FeedRow[]
  /** Event id → row index, so a search hit can scroll to the row that shows it. */
  rowOfEvent: Map<string, number>
}

export function buildFeed(
  events: readonly CanonicalEvent[],
  sessionFilter: string | null = null,
): FeedModel {
  const rows: FeedRow[] = []
  const rowOfEvent = new Map<string, number>()
  const toolRow = new Map<string, number>()
  const messageRow = new Map<string, number>()
  const lastPrompt = new Map<string, { text: string; ts: number }>()
  const lastAssistant = new Map<string, { text: string; ts: number; row: number }>()
  const lifecycles = new Map<string, SessionLifecycle>()
  /** session + subagent id → subagent type, from SubagentStart. */
  const subagentTypes = new Map<string, string>()

  /** session → the text of its last turn's response row (a Stop carrying the answer). */
  const lastResponse = new Map<string, { text: string; ts: number; row: number }>()

  const push = (row: FeedRow, eventId: string) => {
    rowOfEvent.set(eventId, rows.length)
    rows.push(row)
  }

  for (const e of events) {
    if (sessionFilter && e.sessionId !== sessionFilter) continue
    const sid = e.sessionId
    switch (e.type) {
      case 'prompt': {
        const prev = lastPrompt.get(sid)
        if (prev && prev.text === e.text && e.ts - prev.ts < FEED_DEDUP_WINDOW_MS) {
          rowOfEvent.set(e.id, rows.length - 1)
          break
        }
        lastPrompt.set(sid, { text: e.text, ts: e.ts })
        lastResponse.delete(sid)
        push({ kind: 'prompt', key: e.id, sessionId: sid, ts: e.ts, event: e }, e.id)
        break
      }
      case 'assistant.text': {
        const msgKey = e.messageId ? `${sid}\u0000${e.messageId}` : null
        const existing = msgKey ? messageRow.get(msgKey) : undefined
        if (existing !== undefined) {
          const row = rows[existing] as Extract<FeedRow, { kind: 'assistant' }>
          const text = row.text + e.text
          rows[existing] = {
            ...row,
            text,
            eventIds: [...row.eventIds, e.id],
            final: row.final || Boolean(e.final),
          }
          rowOfEvent.set(e.id, existing)
          lastAssistant.set(sid, { text, ts: e.ts, row: existing })
          break
        }
        const prev = lastAssistant.get(sid)
        if (prev && prev.text === e.text && e.ts - prev.ts < FEED_DEDUP_WINDOW_MS) {
          rowOfEvent.set(e.id, prev.row)
          break
        }
        // Claude Code does not wait for a turn's last text hook before its Stop, so that text
        // may be stored just after the Stop that already carried it (shown as the response):
        // it joins that row instead of repeating the answer after the turn's end.
        const response = lastResponse.get(sid)
        const piece = e.text.trim()
        if (
          response &&
          piece &&
          e.ts - response.ts < FEED_DEDUP_WINDOW_MS &&
          response.text.includes(piece)
        ) {
          rowOfEvent.set(e.id, response.row)
          break
        }
        if (msgKey) messageRow.set(msgKey, rows.length)
        lastAssistant.set(sid, { text: e.text, ts: e.ts, row: rows.length })
        push(
          {
            kind: 'assistant',
            key: e.id,
            sessionId: sid,
            ts: e.ts,
            text: e.text,
            eventIds: [e.id],
            final: Boolean(e.final),
          },
          e.id,
        )
        break
      }
      case 'tool.start':
      case 'tool.end': {
        const k = `${sid}\u0000${e.toolUseId}`
        const at = toolRow.get(k)
        const half = e.type === 'tool.start' ? { start: e } : { end: e }
        if (at !== undefined) {
          // The other half arrived first (or this is a retry): join it on the same row; the
          // start's input and time win.
          const row = rows[at] as Extract<FeedRow, { kind: 'tool' }>
          rows[at] = {
            ...row,
            ...half,
            ...(e.type === 'tool.start' ? { input: e.input, ts: e.ts } : {}),
          }
          rowOfEvent.set(e.id, at)
          break
        }
        // An end whose start is in an older page (or was never sent) still deserves a row.
        toolRow.set(k, rows.length)
        push(
          {
            kind: 'tool',
            key: e.id,
            sessionId: sid,
            ts: e.ts,
            toolUseId: e.toolUseId,
            tool: e.tool,
            input: e.input,
            ...half,
          },
          e.id,
        )
        break
      }
      case 'tool.batch':
        // The batch's tools already have their own rows; the batch itself only drives the scene.
        break
      case 'stop': {
        const text = e.text?.trim()
        const prev = lastAssistant.get(sid)
        const repeatsLast = text && prev && prev.text.trim() === text
        if (text && !repeatsLast) {
          lastResponse.set(sid, { text, ts: e.ts, row: rows.length })
          push({ kind: 'response', key: e.id, sessionId: sid, ts: e.ts, event: e, text }, e.id)
        } else push({ kind: 'stop', key: e.id, sessionId: sid, ts: e.ts, event: e }, e.id)
        lastAssistant.delete(sid)
        break
      }
      case 'stop.failure':
        push({ kind: 'failure', key: e.id, sessionId: sid, ts: e.ts, event: e }, e.id)
        break
      case 'subagent.start':
        subagentTypes.set(`${sid}\u0000${e.subagentId}`, e.subagentType)
        push({ kind: 'lifecycle', key: e.id, sessionId: sid, ts: e.ts, event: e }, e.id)
        break
      case 'subagent.result': {
        const subagentType = subagentTypes.get(`${sid}\u0000${e.subagentId}`)
        push(
          {
            kind: 'lifecycle',
            key: e.id,
            sessionId: sid,
            ts: e.ts,
            event: e,
            ...(subagentType ? { subagentType } : {}),
          },
          e.id,
        )
        break
      }
      default:
        push({ kind: 'lifecycle', key: e.id, sessionId: sid, ts: e.ts, event: e }, e.id)
    }
    // The shared lifecycle says which calls this event ended without their own end (the turn
    // stopped, finished or failed around them): their rows stop spinning and say how.
    const lc = reduceSession(
      lifecycles.get(sid) ?? initialLifecycle('idle', e.ts),
      { type: 'event', event: e },
      'observed',
    )
    lifecycles.set(sid, lc)
    for (const c of lc.closed) {
      const at = toolRow.get(`${sid}\u0000${c.toolUseId}`)
      const row = at === undefined ? undefined : rows[at]
      if (row?.kind === 'tool' && !row.end) rows[at!] = { ...row, closed: c.state }
    }
  }
  return { rows, rowOfEvent }
}
