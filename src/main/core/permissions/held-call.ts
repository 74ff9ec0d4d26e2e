/**
 * Which tool call a held request is about, and which later events prove that call went ahead
 * (the user answered in the terminal first). A PermissionRequest carries no tool_use_id, so the
 * call is found through the PreToolUse that came just before it: same session, same agent, same
 * tool and input. Only that call's own end (PostToolUse / PostToolUseFailure), a batch that lists
 * it, or the end of its agent's turn counts — a parallel tool finishing does not, and the main
 * agent's Stop does not end a subagent's request.
 */
import type { CanonicalEvent } from '@shared/events'
import { BoundedMap } from '../util/bounded-map'

/** Sessions whose open tool calls are remembered, and calls remembered per session. */
const MAX_SESSIONS = 500
const MAX_OPEN_CALLS_PER_SESSION = 64

export interface HeldCall {
  sessionId: string
  /** Subagent id; absent for the main agent. */
  agentId?: string
  tool: string
  /** The input as JSON text, to compare calls. */
  inputKey: string
  /** Known when the PreToolUse was seen (always for questions). */
  toolUseId?: string
  createdAt: number
}

interface OpenCall {
  toolUseId: string
  agentId?: string
  tool: string
  inputKey: string
}

export function inputKey(input: unknown): string {
  return JSON.stringify(input ?? null)
}

/** Tool calls that started (PreToolUse) and have not ended, per session. */
export class OpenCalls {
  private readonly bySession = new BoundedMap<string, OpenCall[]>(MAX_SESSIONS)

  observe(e: CanonicalEvent): void {
    if (e.type === 'tool.start') {
      const list = this.bySession.get(e.sessionId) ?? []
      list.push({
        toolUseId: e.toolUseId,
        agentId: e.agentId,
        tool: e.tool,
        inputKey: inputKey(e.input),
      })
      if (list.length > MAX_OPEN_CALLS_PER_SESSION) list.shift()
      this.bySession.set(e.sessionId, list)
    } else if (e.type === 'tool.end' || e.type === 'tool.batch') {
      const ended = new Set(e.type === 'tool.end' ? [e.toolUseId] : e.toolUseIds)
      const list = this.bySession.get(e.sessionId)
      if (list)
        this.bySession.set(
          e.sessionId,
          list.filter((c) => !ended.has(c.toolUseId)),
        )
    } else if (e.type === 'session.end') {
      this.bySession.delete(e.sessionId)
    }
  }

  /** The most recent open call matching a request, if its PreToolUse was seen. */
  find(sessionId: string, agentId: string | undefined, tool: string, input: unknown) {
    const key = inputKey(input)
    return this.bySession
      .get(sessionId)
      ?.findLast((c) => c.agentId === agentId && c.tool === tool && c.inputKey === key)?.toolUseId
  }
}

/** Whether `e` shows that the held call went ahead without the app's answer. */
export function provesAnswered(e: CanonicalEvent, call: HeldCall): boolean {
  if (e.sessionId !== call.sessionId || e.ts < call.createdAt) return false
  switch (e.type) {
    case 'session.end':
      return true
    case 'tool.end':
      if (call.toolUseId !== undefined) return e.toolUseId === call.toolUseId
      return (
        e.agentId === call.agentId && e.tool === call.tool && inputKey(e.input) === call.inputKey
      )
    case 'tool.batch':
      return call.toolUseId !== undefined && e.toolUseIds.includes(call.toolUseId)
    case 'stop':
    case 'stop.failure':
    case 'prompt':
    case 'subagent.result':
    case 'claude.notice':
      // The main agent's turn is over (or a new one began): its own requests are settled.
      return e.agentId === undefined && call.agentId === undefined
    case 'subagent.stop':
      return call.agentId !== undefined && e.subagentId === call.agentId
    default:
      return false
  }
}
