/**
 * Validation of raw Claude Code hook payloads (docs/hook-contract.md#payloads). Tolerant by
 * design: a real event must never be lost because one field has a shape we did not expect.
 * Only the fields an event cannot be stored without reject it (400 naming the field): the event
 * name and session id everywhere, the tool name and call id of tool events, the subagent id of
 * subagent events. Any other known field of an unexpected type (null included) is removed and
 * reported in `dropped`, so the event is kept and the drop is counted; unknown fields are kept.
 * Hand-written rather than zod because it runs on every hook request: one pass over a table.
 */
import { ApiError } from '@shared/contract/define'

const MAX_ID_CHARS = 200
const MAX_CWD_CHARS = 4096

export type FieldRule =
  | { kind: 'string'; required: boolean; max?: number }
  | { kind: 'number' | 'boolean' | 'array' }
  /** PostToolBatch.tool_calls: an array of objects (each may carry a string tool_use_id). */
  | { kind: 'toolCalls' }

/** A field the event is stored by (an id or a name): missing or mistyped is a 400. */
const needed: FieldRule = { kind: 'string', required: true, max: MAX_ID_CHARS }
const optStr: FieldRule = { kind: 'string', required: false }
const optId: FieldRule = { kind: 'string', required: false, max: MAX_ID_CHARS }
/** A short name stored in a field of that length (shared/events.ts): longer is dropped. */
const optName = (max: number): FieldRule => ({ kind: 'string', required: false, max })
const optNum: FieldRule = { kind: 'number' }
const optBool: FieldRule = { kind: 'boolean' }
const optArr: FieldRule = { kind: 'array' }

/** Fields every hook payload carries, in the order they are checked. */
export const COMMON_FIELDS: [string, FieldRule][] = [
  ['hook_event_name', needed],
  ['session_id', needed],
  ['cwd', { kind: 'string', required: false, max: MAX_CWD_CHARS }],
  ['transcript_path', optStr],
  ['prompt_id', optId],
  ['agent_id', optId],
  ['agent_type', optId],
]

/** tool_input is any JSON value (each tool has its own shape), so it has no rule. */
const TOOL: [string, FieldRule][] = [
  ['tool_name', needed],
  ['tool_use_id', needed],
]

/** Per-event fields the adapter reads. */
export const EVENT_FIELDS: Record<string, [string, FieldRule][]> = {
  SessionStart: [
    ['source', optName(50)],
    ['model', optName(200)],
  ],
  SessionEnd: [['reason', optName(100)]],
  UserPromptSubmit: [['prompt', optStr]],
  PreToolUse: TOOL,
  PostToolUse: [...TOOL, ['duration_ms', optNum]],
  PostToolUseFailure: [...TOOL, ['is_interrupt', optBool], ['duration_ms', optNum]],
  PostToolBatch: [['tool_calls', { kind: 'toolCalls' }]],
  PermissionRequest: [
    ['tool_name', needed],
    ['permission_suggestions', optArr],
  ],
  Notification: [
    ['message', optStr],
    ['title', optStr],
    ['notification_type', optName(100)],
  ],
  MessageDisplay: [
    ['delta', optStr],
    ['message_id', optStr],
    ['turn_id', optStr],
    ['index', optNum],
    ['final', optBool],
  ],
  SubagentStart: [
    ['agent_id', needed],
    ['agent_type', optId],
  ],
  SubagentStop: [
    ['agent_id', needed],
    ['agent_type', optId],
    ['last_assistant_message', optStr],
  ],
  Stop: [['last_assistant_message', optStr]],
  StopFailure: [
    ['error', optStr],
    ['error_details', optStr],
    ['last_assistant_message', optStr],
  ],
  PreCompact: [
    ['trigger', optName(50)],
    ['custom_instructions', optStr],
  ],
  PostCompact: [
    ['trigger', optName(50)],
    ['compact_summary', optStr],
  ],
}

export const KNOWN_CLAUDE_HOOKS = Object.keys(EVENT_FIELDS)

/** The label drops of an unknown event are counted under (hook names are sender-chosen). */
const OTHER_HOOK_LABEL = 'other'

export interface ValidatedPayload {
  payload: Record<string, unknown> & { hook_event_name: string; session_id: string }
  /** Fields removed for their type or length; `event` is the hook name, or "other" if unknown. */
  dropped?: { event: string; fields: string[] }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

function fail(field: string, problem: string): never {
  throw new ApiError('bad_request', `${field}: ${problem}`, field)
}

/** Checks one field: throws for a needed one, returns false for an optional one to drop. */
function fits(rec: Record<string, unknown>, field: string, rule: FieldRule): boolean {
  const v = rec[field]
  switch (rule.kind) {
    case 'string':
      if (rule.required) {
        if (typeof v !== 'string') fail(field, `expected a string, received ${describe(v)}`)
        if (v.length === 0) fail(field, 'must not be empty')
        if (rule.max !== undefined && v.length > rule.max)
          fail(field, `must be at most ${rule.max} characters`)
        return true
      }
      if (v === undefined) return true
      return typeof v === 'string' && (rule.max === undefined || v.length <= rule.max)
    case 'number':
    case 'boolean':
      return v === undefined || typeof v === rule.kind
    case 'array':
      return v === undefined || Array.isArray(v)
    case 'toolCalls': {
      if (v === undefined) return true
      if (!Array.isArray(v)) return false
      // Entries that are not objects are removed; the rest of the batch still counts.
      const calls = v.filter((c) => c !== null && typeof c === 'object' && !Array.isArray(c))
      if (calls.length === v.length) return true
      rec[field] = calls
      return false
    }
  }
}

/**
 * Throws ApiError('bad_request', …, field) when a field the event is stored by is missing or
 * invalid; otherwise returns the payload (mistyped optional fields removed) and what was dropped.
 */
export function validateClaudePayload(raw: unknown): ValidatedPayload {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new ApiError('bad_request', 'body must be a JSON object', 'body')
  const rec = raw as Record<string, unknown>
  let dropped: string[] | undefined
  const checkAll = (rules: [string, FieldRule][]): void => {
    for (const [field, rule] of rules) {
      if (fits(rec, field, rule)) continue
      if (rule.kind !== 'toolCalls') delete rec[field]
      ;(dropped ??= []).push(field)
    }
  }
  checkAll(COMMON_FIELDS)
  // Own keys only: "constructor" or "toString" is an unknown hook (generic), not Object's method.
  const name = rec.hook_event_name as string
  const specific = Object.hasOwn(EVENT_FIELDS, name) ? EVENT_FIELDS[name] : undefined
  if (specific) checkAll(specific)
  const payload = rec as ValidatedPayload['payload']
  if (!dropped) return { payload }
  return { payload, dropped: { event: specific ? name : OTHER_HOOK_LABEL, fields: dropped } }
}
