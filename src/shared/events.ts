/**
 * The canonical event model: one discriminated union used by the store, the contract and the
 * renderer. Agent adapters (src/main/core/agents/<agent>/adapter.ts) translate raw hook payloads into it, so
 * adding another agent never touches the store, the delivery path or the UI.
 */
import { z } from 'zod'

export const AGENT_KINDS = ['claude'] as const
export const AgentKindSchema = z.enum(AGENT_KINDS)
export type AgentKind = z.infer<typeof AgentKindSchema>

/** Fields every canonical event carries. */
const base = {
  /** Unique, stable id: the dedup key, so a retried hook POST is stored once. */
  id: z.string().min(1).max(200),
  /** Store sequence number (monotonic); assigned when persisted. */
  seq: z.number().int().optional(),
  /** The app's session id (managed or observed). */
  sessionId: z.string().min(1).max(200),
  /** The agent's own session id (Claude's `session_id`), which changes on /clear. */
  agentSessionId: z.string().max(200).optional(),
  agent: AgentKindSchema,
  /** Milliseconds since the epoch, as received. */
  ts: z.number(),
  cwd: z.string().max(4096).optional(),
  /** The user prompt this event belongs to. */
  promptId: z.string().max(200).optional(),
  /** Set when the event happened inside a subagent. */
  agentId: z.string().max(200).optional(),
}

const json = z.unknown()

export const SessionStartEvent = z.object({
  ...base,
  type: z.literal('session.start'),
  source: z.string().max(50),
  model: z.string().max(200).optional(),
})
export const SessionEndEvent = z.object({
  ...base,
  type: z.literal('session.end'),
  reason: z.string().max(100),
})
export const PromptEvent = z.object({
  ...base,
  type: z.literal('prompt'),
  text: z.string(),
})
/**
 * A background subagent's result, which Claude Code injects as a `<task-notification>` message
 * through UserPromptSubmit. Claude answers it, so it starts a turn, but nobody typed it: it is
 * never a prompt (not the last prompt, not counted as one).
 */
export const SubagentResultEvent = z.object({
  ...base,
  type: z.literal('subagent.result'),
  /** The notification's task id: the subagent's id. */
  subagentId: z.string().max(200),
  /** completed, failed, killed, blocked… as Claude Code wrote it. */
  status: z.string().max(50),
  summary: z.string(),
  result: z.string().optional(),
})
/**
 * A message Claude Code wrote itself and sent as a prompt: a prompt made only of
 * `<system-reminder>` blocks, or the continuation text (with its summary) after compaction.
 * Like a subagent result it starts a turn and is never a user prompt.
 */
export const ClaudeNoticeEvent = z.object({
  ...base,
  type: z.literal('claude.notice'),
  kind: z.enum(['system-reminder', 'compact-summary']),
  text: z.string(),
})
export const ToolStartEvent = z.object({
  ...base,
  type: z.literal('tool.start'),
  toolUseId: z.string().max(200),
  tool: z.string().max(200),
  input: json,
})
export const ToolEndEvent = z.object({
  ...base,
  type: z.literal('tool.end'),
  toolUseId: z.string().max(200),
  tool: z.string().max(200),
  input: json,
  success: z.boolean(),
  /** Tool output, trimmed for storage (see MAX_STORED_OUTPUT_CHARS). */
  output: json.optional(),
  error: z.string().optional(),
  interrupted: z.boolean().optional(),
  durationMs: z.number().optional(),
})
export const ToolBatchEvent = z.object({
  ...base,
  type: z.literal('tool.batch'),
  toolUseIds: z.array(z.string()),
})
export const PermissionRequestEvent = z.object({
  ...base,
  type: z.literal('permission.request'),
  requestId: z.string(),
  tool: z.string().max(200),
  input: json,
  suggestions: z.array(json).optional(),
})
export const NotificationEvent = z.object({
  ...base,
  type: z.literal('notification'),
  kind: z.string().max(100),
  message: z.string(),
  title: z.string().optional(),
})
export const AssistantTextEvent = z.object({
  ...base,
  type: z.literal('assistant.text'),
  text: z.string(),
  messageId: z.string().optional(),
  final: z.boolean().optional(),
})
export const SubagentStartEvent = z.object({
  ...base,
  type: z.literal('subagent.start'),
  subagentId: z.string().max(200),
  subagentType: z.string().max(200),
})
export const SubagentStopEvent = z.object({
  ...base,
  type: z.literal('subagent.stop'),
  subagentId: z.string().max(200),
  subagentType: z.string().max(200),
  text: z.string().optional(),
})
export const StopEvent = z.object({
  ...base,
  type: z.literal('stop'),
  text: z.string().optional(),
})
export const StopFailureEvent = z.object({
  ...base,
  type: z.literal('stop.failure'),
  error: z.string(),
  details: z.string().optional(),
  text: z.string().optional(),
})
export const CompactEvent = z.object({
  ...base,
  type: z.literal('compact'),
  phase: z.enum(['pre', 'post']),
  trigger: z.string().max(50),
  summary: z.string().optional(),
})
/**
 * The user stopped the turn: Stop in the app (which types Esc, or denies a held prompt with
 * interrupt) or Esc in the terminal. Claude Code sends no hook for it, so the app records it.
 */
export const InterruptEvent = z.object({
  ...base,
  type: z.literal('interrupt'),
  by: z.enum(['app', 'terminal']),
})
/**
 * A managed session's Claude Code process ended on its own or was killed from outside (a crash,
 * SIGKILL, /exit): the app saw it end and records it, since no hook can say so. Its exit code, or
 * the name of the signal that ended it.
 */
export const ProcessExitEvent = z.object({
  ...base,
  type: z.literal('process.exit'),
  code: z.number().int().nullable(),
  signal: z.string().max(50).nullable(),
})
/**
 * How a permission request the app held was settled: allowed or denied in the app (or from its
 * notification), answered in Claude's terminal first, or left to the terminal when the app's
 * wait ran out. Recorded by the app: it is a stored fact like any hook.
 */
export const PermissionDecisionEvent = z.object({
  ...base,
  type: z.literal('permission.decision'),
  requestId: z.string().max(200),
  tool: z.string().max(200),
  /** The call it held, when known (PermissionRequest itself carries no tool_use_id). */
  toolUseId: z.string().max(200).optional(),
  /** terminal / timeout: the app sent no decision; Claude's own prompt settled it. */
  outcome: z.enum(['allow', 'always', 'deny', 'terminal', 'timeout']),
  by: z.enum(['app', 'terminal', 'timeout']),
  /** A denial's reason, as Claude was told it. */
  reason: z.string().max(2000).optional(),
  /** The denial also stopped the turn (Stop while the prompt was held). */
  interrupt: z.boolean().optional(),
})
/** Any hook event this version does not model: stored and shown, never rejected. */
export const GenericEvent = z.object({
  ...base,
  type: z.literal('generic'),
  hookEvent: z.string().max(200),
  raw: json,
})

export const CanonicalEventSchema = z.discriminatedUnion('type', [
  SessionStartEvent,
  SessionEndEvent,
  PromptEvent,
  SubagentResultEvent,
  ClaudeNoticeEvent,
  ToolStartEvent,
  ToolEndEvent,
  ToolBatchEvent,
  PermissionRequestEvent,
  NotificationEvent,
  AssistantTextEvent,
  SubagentStartEvent,
  SubagentStopEvent,
  StopEvent,
  StopFailureEvent,
  CompactEvent,
  InterruptEvent,
  ProcessExitEvent,
  PermissionDecisionEvent,
  GenericEvent,
])

export type CanonicalEvent = z.infer<typeof CanonicalEventSchema>
export type EventType = CanonicalEvent['type']
export type EventOf<T extends EventType> = Extract<CanonicalEvent, { type: T }>

/** Tool output kept in the store per event; the rest is cut with a marker. */
export const MAX_STORED_OUTPUT_CHARS = 16_384
