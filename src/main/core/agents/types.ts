import type { AgentKind, CanonicalEvent } from '@shared/events'
import type { SessionUsage } from '@shared/sessions'
import type { StatusReport } from '../usage/reports'

export interface AdaptContext {
  /** App session the event belongs to (resolved by the ingest from headers/aliases). */
  sessionId: string
  receivedAt: number
  /** Sender-chosen idempotency key (X-Atelier-Event-Id), if any. */
  eventId?: string
}

/** What an adapter reads from a raw payload before the session is known. */
export interface HookEnvelope {
  hookEvent: string
  agentSessionId: string
  cwd?: string
  raw: Record<string, unknown>
  /**
   * Optional fields removed for an unexpected type, counted by the ingest. `event` is a bounded
   * label (a known hook name or "other"), never the sender's free text.
   */
  dropped?: { event: string; fields: string[] }
}

/**
 * Translates one agent's hook payloads into canonical events. Adding another agent (Codex, a
 * remote API) means writing one more of these and registering it; nothing else changes.
 */
export interface AgentAdapter {
  readonly agent: AgentKind
  /**
   * Validates the payload shape; throws ApiError('bad_request', …, field) naming the field only
   * when the event cannot be stored without it. Other mistyped fields are dropped and listed.
   */
  envelope(raw: unknown): HookEnvelope
  toEvents(env: HookEnvelope, ctx: AdaptContext): CanonicalEvent[]
  /** Reads the agent's status line input (its session's status file) as session usage. */
  usage(raw: unknown): SessionUsage
  /** The same input as the usage ledger reads it: agent session, cost, context, rate limits. */
  statusReport(raw: unknown): StatusReport
}
