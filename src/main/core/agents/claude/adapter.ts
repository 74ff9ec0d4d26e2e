/**
 * Claude Code adapter: validates raw hook payloads (docs/hook-contract.md#payloads) and maps
 * them to canonical events. Unknown hook names become `generic` events, never rejections; a
 * mistyped optional field is dropped (payload.ts), never the event.
 */
import { createHash, randomUUID } from 'node:crypto'
import { KNOWN_CLAUDE_HOOKS, validateClaudePayload } from './payload'
import { MAX_STORED_OUTPUT_CHARS, type CanonicalEvent } from '@shared/events'
import { trimJson, truncate } from '../../util/trim'
import type { AdaptContext, AgentAdapter, HookEnvelope } from '../types'
import { statusReportFromStatusLine, usageFromStatusLine } from './status-line'
import { classifyPrompt } from './injected'

const MAX_TEXT_CHARS = 100_000
const MAX_INPUT_CHARS = 32_768

export { KNOWN_CLAUDE_HOOKS }

/** Tool results report failure in several shapes; success:false must not be read as success. */
function responseFailed(response: unknown): boolean {
  if (!response || typeof response !== 'object') return false
  const r = response as Record<string, unknown>
  return r.success === false || r.is_error === true || r.isError === true
}

function errorText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  return truncate(
    typeof value === 'string' ? value : JSON.stringify(value),
    MAX_STORED_OUTPUT_CHARS,
  )
}

/** The error Claude Code names when it does not know which one it hit. */
const UNNAMED_ERROR = 'unknown'

/**
 * A StopFailure's error, details and last message. Claude Code reports many API errors as
 * error "unknown" with no error_details; the message a user can act on ("API Error: 400 …") is
 * then only its last assistant message. That message becomes the details (and is not kept twice
 * as text), so the card, the notification and the feed row say what went wrong.
 */
function stopFailureText(
  error: string | undefined,
  details: string | undefined,
  message: string | undefined,
): { error: string; details?: string; text?: string } {
  const named = error && error !== UNNAMED_ERROR ? error : undefined
  if (!named && !details && message)
    return { error: UNNAMED_ERROR, details: truncate(message, MAX_TEXT_CHARS) }
  return {
    error: named ?? UNNAMED_ERROR,
    ...(details ? { details: truncate(details, MAX_TEXT_CHARS) } : {}),
    ...(message ? { text: truncate(message, MAX_TEXT_CHARS) } : {}),
  }
}

export const claudeAdapter: AgentAdapter = {
  agent: 'claude',
  usage: usageFromStatusLine,
  statusReport: statusReportFromStatusLine,

  envelope(raw: unknown): HookEnvelope {
    const { payload, dropped } = validateClaudePayload(raw)
    return {
      hookEvent: payload.hook_event_name,
      agentSessionId: payload.session_id,
      cwd: typeof payload.cwd === 'string' ? payload.cwd : undefined,
      raw: payload,
      dropped,
    }
  },

  toEvents(env: HookEnvelope, ctx: AdaptContext): CanonicalEvent[] {
    const r = env.raw
    const s = (k: string): string | undefined =>
      typeof r[k] === 'string' ? (r[k] as string) : undefined
    const base = {
      sessionId: ctx.sessionId,
      agentSessionId: env.agentSessionId,
      agent: 'claude' as const,
      ts: ctx.receivedAt,
      // Absent optional fields are undefined rather than spread in conditionally: this runs
      // for every hook, and JSON (store and wire) drops undefined anyway.
      cwd: env.cwd || undefined,
      promptId: s('prompt_id') || undefined,
      agentId:
        env.hookEvent !== 'SubagentStart' && env.hookEvent !== 'SubagentStop'
          ? s('agent_id') || undefined
          : undefined,
    }
    // Ids are deterministic where the payload has a natural key (tool_use_id, prompt_id,
    // message_id), so a retried POST dedups. Other events take the sender's X-Atelier-Event-Id
    // when given (the shim and the remote hook send one; Claude Code's http hooks do not),
    // else a fresh id: Claude Code never retries a hook, and identical payloads (two "Done."
    // stops) are distinct events (docs/hook-contract.md#event-ids-and-duplicates).
    const sid = env.agentSessionId
    // A getter: most events have a natural key, and a UUID per event is not free.
    const fallbackId = (): string =>
      ctx.eventId ? `${sid}:x:${ctx.eventId}` : `${sid}:${env.hookEvent}:${randomUUID()}`
    const input = (): unknown => trimJson(r.tool_input, MAX_INPUT_CHARS)
    switch (env.hookEvent) {
      case 'SessionStart':
        return [
          {
            ...base,
            id: fallbackId(),
            type: 'session.start',
            source: s('source') ?? 'startup',
            model: s('model') || undefined,
          },
        ]
      case 'SessionEnd':
        return [{ ...base, id: fallbackId(), type: 'session.end', reason: s('reason') ?? 'other' }]
      case 'UserPromptSubmit': {
        // Claude Code gives a message it injects (a subagent's task notification) the prompt_id of
        // the turn it joins, which the user's next prompt then shares: the text is part of the key,
        // or that prompt would be dropped as a duplicate.
        const id = s('prompt_id')
          ? `${sid}:prompt:${s('prompt_id')}:${promptTextKey(s('prompt') ?? '')}`
          : fallbackId()
        // Claude Code's own injected messages come through here too: never user prompts.
        const prompt = classifyPrompt(s('prompt') ?? '')
        if (prompt.kind === 'task-notification')
          return [
            {
              ...base,
              id,
              type: 'subagent.result',
              subagentId: truncate(prompt.taskId, 200),
              status: truncate(prompt.status, 50),
              summary: truncate(prompt.summary, MAX_TEXT_CHARS),
              result: prompt.result ? truncate(prompt.result, MAX_TEXT_CHARS) : undefined,
            },
          ]
        if (prompt.kind === 'notice')
          return [
            {
              ...base,
              id,
              type: 'claude.notice',
              kind: prompt.notice,
              text: truncate(prompt.text, MAX_TEXT_CHARS),
            },
          ]
        return [{ ...base, id, type: 'prompt', text: truncate(prompt.text, MAX_TEXT_CHARS) }]
      }
      case 'PreToolUse':
        return [
          {
            ...base,
            id: `${sid}:pre:${s('tool_use_id')}`,
            type: 'tool.start',
            toolUseId: s('tool_use_id')!,
            tool: s('tool_name')!,
            input: input(),
          },
        ]
      case 'PostToolUse':
      case 'PostToolUseFailure': {
        const failed = env.hookEvent === 'PostToolUseFailure' || responseFailed(r.tool_response)
        const err =
          env.hookEvent === 'PostToolUseFailure'
            ? errorText(r.error)
            : failed
              ? errorText(r.tool_response)
              : undefined
        return [
          {
            ...base,
            id: `${sid}:post:${s('tool_use_id')}`,
            type: 'tool.end',
            toolUseId: s('tool_use_id')!,
            tool: s('tool_name')!,
            input: input(),
            success: !failed,
            output:
              r.tool_response !== undefined
                ? trimJson(r.tool_response, MAX_STORED_OUTPUT_CHARS)
                : undefined,
            error: err || undefined,
            interrupted: r.is_interrupt === true ? true : undefined,
            durationMs: typeof r.duration_ms === 'number' ? r.duration_ms : undefined,
          },
        ]
      }
      case 'PostToolBatch': {
        const calls = Array.isArray(r.tool_calls) ? (r.tool_calls as Record<string, unknown>[]) : []
        return [
          {
            ...base,
            id: fallbackId(),
            type: 'tool.batch',
            toolUseIds: calls
              .map((c) => (typeof c.tool_use_id === 'string' ? c.tool_use_id : ''))
              .filter(Boolean),
          },
        ]
      }
      case 'PermissionRequest': {
        const id = fallbackId()
        return [
          {
            ...base,
            id,
            type: 'permission.request',
            requestId: id,
            tool: s('tool_name')!,
            input: input(),
            ...(Array.isArray(r.permission_suggestions)
              ? { suggestions: trimJson(r.permission_suggestions, MAX_INPUT_CHARS) as unknown[] }
              : {}),
          },
        ]
      }
      case 'Notification':
        return [
          {
            ...base,
            id: fallbackId(),
            type: 'notification',
            kind: s('notification_type') ?? 'unknown',
            message: truncate(s('message') ?? '', MAX_TEXT_CHARS),
            title: s('title') || undefined,
          },
        ]
      case 'MessageDisplay':
        return [
          {
            ...base,
            id: s('message_id')
              ? `${sid}:msg:${s('message_id')}:${String(r.index ?? 0)}`
              : fallbackId(),
            type: 'assistant.text',
            text: truncate(s('delta') ?? '', MAX_TEXT_CHARS),
            messageId: s('message_id') || undefined,
            final: typeof r.final === 'boolean' ? r.final : undefined,
          },
        ]
      case 'SubagentStart':
        return [
          {
            ...base,
            id: `${sid}:agent-start:${s('agent_id')}`,
            type: 'subagent.start',
            subagentId: s('agent_id')!,
            subagentType: s('agent_type') ?? 'agent',
          },
        ]
      case 'SubagentStop':
        return [
          {
            ...base,
            id: `${sid}:agent-stop:${s('agent_id')}`,
            type: 'subagent.stop',
            subagentId: s('agent_id')!,
            subagentType: s('agent_type') ?? 'agent',
            ...(s('last_assistant_message')
              ? { text: truncate(s('last_assistant_message')!, MAX_TEXT_CHARS) }
              : {}),
          },
        ]
      case 'Stop':
        return [
          {
            ...base,
            id: fallbackId(),
            type: 'stop',
            ...(s('last_assistant_message')
              ? { text: truncate(s('last_assistant_message')!, MAX_TEXT_CHARS) }
              : {}),
          },
        ]
      case 'StopFailure':
        return [
          {
            ...base,
            id: fallbackId(),
            type: 'stop.failure',
            ...stopFailureText(s('error'), s('error_details'), s('last_assistant_message')),
          },
        ]
      case 'PreCompact':
      case 'PostCompact':
        return [
          {
            ...base,
            id: fallbackId(),
            type: 'compact',
            phase: env.hookEvent === 'PreCompact' ? 'pre' : 'post',
            trigger: s('trigger') ?? 'manual',
            ...(s('compact_summary')
              ? { summary: truncate(s('compact_summary')!, MAX_TEXT_CHARS) }
              : {}),
          },
        ]
      default:
        return [
          {
            ...base,
            id: fallbackId(),
            type: 'generic',
            hookEvent: env.hookEvent,
            raw: trimJson(r, MAX_STORED_OUTPUT_CHARS),
          },
        ]
    }
  },
}

/** A short digest of a prompt's text, so prompts that share a prompt_id keep distinct ids. */
function promptTextKey(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 16)
}
