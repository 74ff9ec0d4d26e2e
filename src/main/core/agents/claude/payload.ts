/**
 * Validation of raw Claude Code hook payloads (docs/hook-contract.md#payloads). Hand-written
 * rather than zod because it runs on every hook request: a table of field rules checked in a
 * single pass, with the same outcome as the schema it replaced — the first offending field is
 * named in the 400 (its path, and the message starts with it).
 */
import { ApiError } from '@shared/contract/define'

const MAX_ID_CHARS = 200
const MAX_CWD_CHARS = 4096

type Rule =
  | { kind: 'string'; optional: boolean; min?: number; max?: number }
  | { kind: 'number' | 'boolean' | 'array'; optional: true }
  /** Any JSON value, but the key must be there (tool_input). */
  | { kind: 'present' }
  /** PostToolBatch.tool_calls: an optional array of objects with an optional string tool_use_id. */
  | { kind: 'toolCalls' }

const str: Rule = { kind: 'string', optional: false }
const optStr: Rule = { kind: 'string', optional: true }
const optNum: Rule = { kind: 'number', optional: true }
const optBool: Rule = { kind: 'boolean', optional: true }
const optArr: Rule = { kind: 'array', optional: true }
const present: Rule = { kind: 'present' }
const id = (optional: boolean): Rule => ({
  kind: 'string',
  optional,
  min: optional ? undefined : 1,
  max: MAX_ID_CHARS,
})

/** Fields every hook payload carries, in the order they are checked. */
const COMMON: [string, Rule][] = [
  ['hook_event_name', id(false)],
  ['session_id', id(false)],
  ['cwd', { kind: 'string', optional: true, max: MAX_CWD_CHARS }],
  ['transcript_path', optStr],
  ['prompt_id', id(true)],
  ['agent_id', id(true)],
  ['agent_type', id(true)],
]

const TOOL: [string, Rule][] = [
  ['tool_name', str],
  ['tool_input', present],
  ['tool_use_id', str],
]

/** Per-event fields. Missing or mistyped ones are a 400 naming the field. */
const PER_EVENT: Record<string, [string, Rule][]> = {
  SessionStart: [
    ['source', optStr],
    ['model', optStr],
  ],
  SessionEnd: [['reason', optStr]],
  UserPromptSubmit: [['prompt', str]],
  PreToolUse: TOOL,
  PostToolUse: [...TOOL, ['duration_ms', optNum]],
  PostToolUseFailure: [...TOOL, ['is_interrupt', optBool], ['duration_ms', optNum]],
  PostToolBatch: [['tool_calls', { kind: 'toolCalls' }]],
  PermissionRequest: [
    ['tool_name', str],
    ['tool_input', present],
    ['permission_suggestions', optArr],
  ],
  Notification: [
    ['message', optStr],
    ['title', optStr],
    ['notification_type', optStr],
  ],
  MessageDisplay: [
    ['delta', optStr],
    ['message_id', optStr],
    ['turn_id', optStr],
    ['index', optNum],
    ['final', optBool],
  ],
  SubagentStart: [
    ['agent_id', str],
    ['agent_type', optStr],
  ],
  SubagentStop: [
    ['agent_id', str],
    ['agent_type', optStr],
    ['last_assistant_message', optStr],
  ],
  Stop: [['last_assistant_message', optStr]],
  StopFailure: [
    ['error', optStr],
    ['error_details', optStr],
    ['last_assistant_message', optStr],
  ],
  PreCompact: [
    ['trigger', optStr],
    ['custom_instructions', optStr],
  ],
  PostCompact: [
    ['trigger', optStr],
    ['compact_summary', optStr],
  ],
}

export const KNOWN_CLAUDE_HOOKS = Object.keys(PER_EVENT)

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

function fail(field: string, problem: string): never {
  throw new ApiError('bad_request', `${field}: ${problem}`, field)
}

function check(rec: Record<string, unknown>, field: string, rule: Rule): void {
  const v = rec[field]
  switch (rule.kind) {
    case 'present':
      if (v === undefined) fail(field, 'is required')
      return
    case 'string':
      if (v === undefined) {
        if (!rule.optional) fail(field, 'expected a string, received undefined')
        return
      }
      if (typeof v !== 'string') fail(field, `expected a string, received ${describe(v)}`)
      if (rule.min !== undefined && v.length < rule.min)
        fail(field, `must be at least ${rule.min} character(s)`)
      if (rule.max !== undefined && v.length > rule.max)
        fail(field, `must be at most ${rule.max} characters`)
      return
    case 'number':
    case 'boolean':
      if (v !== undefined && typeof v !== rule.kind)
        fail(field, `expected a ${rule.kind}, received ${describe(v)}`)
      return
    case 'array':
      if (v !== undefined && !Array.isArray(v))
        fail(field, `expected an array, received ${describe(v)}`)
      return
    case 'toolCalls': {
      if (v === undefined) return
      if (!Array.isArray(v)) fail(field, `expected an array, received ${describe(v)}`)
      for (let i = 0; i < v.length; i++) {
        const call: unknown = v[i]
        if (!call || typeof call !== 'object' || Array.isArray(call))
          fail(`${field}.${i}`, `expected an object, received ${describe(call)}`)
        const useId = (call as Record<string, unknown>).tool_use_id
        if (useId !== undefined && typeof useId !== 'string')
          fail(`${field}.${i}.tool_use_id`, `expected a string, received ${describe(useId)}`)
      }
      return
    }
  }
}

/** Throws ApiError('bad_request', …, field) for the first invalid field; returns the payload typed. */
export function validateClaudePayload(
  raw: unknown,
): Record<string, unknown> & { hook_event_name: string; session_id: string } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new ApiError('bad_request', 'body must be a JSON object', 'body')
  const rec = raw as Record<string, unknown>
  for (const [field, rule] of COMMON) check(rec, field, rule)
  // Own keys only: "constructor" or "toString" is an unknown hook (generic), not Object's method.
  const name = rec.hook_event_name as string
  const specific = Object.hasOwn(PER_EVENT, name) ? PER_EVENT[name] : undefined
  if (specific) for (const [field, rule] of specific) check(rec, field, rule)
  return rec as Record<string, unknown> & { hook_event_name: string; session_id: string }
}
