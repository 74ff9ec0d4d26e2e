/**
 * Tolerant intake (issue 13): only the fields an event is stored by can reject a hook. A `null`
 * (or any unexpected type) in an optional field drops that field, keeps the event and counts the
 * drop in atelier_hook_fields_dropped_total{event,field}. The cases are generated from the
 * validator's own table, so a field added there is covered here without editing this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import {
  COMMON_FIELDS,
  EVENT_FIELDS,
  KNOWN_CLAUDE_HOOKS,
} from '../../../src/main/core/agents/claude/payload'
import { postHook, startCore, storedEvents, type TestCore } from './harness'
import { common, everyEvent } from './payloads'
import { waitFor } from '../../support/core'

let t: TestCore
beforeAll(async () => {
  t = await startCore()
})
afterAll(() => t.close())

/** Every field of a known event that is not one it is stored by, from the validator's table. */
function optionalFields(event: string): string[] {
  const rules = [...COMMON_FIELDS, ...EVENT_FIELDS[event]]
  const needed = new Set(
    rules.filter(([, r]) => r.kind === 'string' && r.required).map(([field]) => field),
  )
  return [...new Set(rules.map(([field]) => field))].filter((field) => !needed.has(field))
}

async function droppedCount(event: string, field: string): Promise<number> {
  const metric = await t.core.metrics.hookFieldsDropped.get()
  const hit = metric.values.find((v) => v.labels.event === event && v.labels.field === field)
  return hit?.value ?? 0
}

/** Posts and waits until the session has an event stored (PermissionRequest holds its answer). */
async function postAndStored(sid: string, body: Record<string, unknown>): Promise<CanonicalEvent> {
  const reply = postHook(t, body)
  if (body.hook_event_name !== 'PermissionRequest') expect((await reply).status).toBe(200)
  else void reply.catch(() => undefined)
  return waitFor(async () => {
    const events = (await storedEvents(t)).filter((e) => e.agentSessionId === sid)
    return events[0] ?? null
  })
}

/** One real-shaped payload per known event, from the shared fixtures. */
function sampleOf(event: string, sid: string): Record<string, unknown> {
  const sample = everyEvent(sid).find((p) => p.hook_event_name === event)
  if (!sample) throw new Error(`payloads.ts has no sample of ${event}`)
  return sample
}

describe('a null in an optional field', () => {
  const cases = KNOWN_CLAUDE_HOOKS.flatMap((event) =>
    optionalFields(event).map((field) => [event, field] as const),
  )

  it('covers every known event', () => {
    expect(new Set(cases.map(([event]) => event))).toEqual(new Set(KNOWN_CLAUDE_HOOKS))
    expect(cases.length).toBeGreaterThan(KNOWN_CLAUDE_HOOKS.length * 5)
  })

  it.each(cases)('%s.%s: the event is kept and the drop counted', async (event, field) => {
    const sid = `null-${event}-${field}`
    const before = await droppedCount(event, field)
    const stored = await postAndStored(sid, { ...sampleOf(event, sid), [field]: null })
    expect(stored.type).not.toBe('generic')
    expect(await droppedCount(event, field)).toBe(before + 1)
  })
})

describe('a string longer than its stored field', () => {
  const cases = KNOWN_CLAUDE_HOOKS.flatMap((event) => {
    // The event's own rule for a field wins over the common one (agent_id of subagent events).
    const rules = new Map([...COMMON_FIELDS, ...EVENT_FIELDS[event]])
    return optionalFields(event).flatMap((field) => {
      const rule = rules.get(field)
      return rule?.kind === 'string' && rule.max !== undefined
        ? [[event, field, rule.max] as const]
        : []
    })
  })

  it.each(cases)('%s.%s: dropped, the event stored as its type', async (event, field, max) => {
    const sid = `long-${event}-${field}`
    const before = await droppedCount(event, field)
    await postAndStored(sid, { ...sampleOf(event, sid), [field]: 'x'.repeat(max + 1) })
    // Read back through the store's schema: an over-long field would turn it into a generic row.
    const stored = (await storedEvents(t)).find((e) => e.agentSessionId === sid)
    expect(stored?.type).not.toBe('generic')
    expect(await droppedCount(event, field)).toBe(before + 1)
  })
})

describe('other unexpected shapes', () => {
  it('the real PreCompact of /compact without instructions (custom_instructions: null)', async () => {
    const sid = 'precompact-real'
    const body = {
      session_id: sid,
      transcript_path: `/home/dev/.claude/projects/-tmp-x/${sid}.jsonl`,
      cwd: '/tmp/x',
      hook_event_name: 'PreCompact',
      trigger: 'manual',
      custom_instructions: null,
    }
    const stored = await postAndStored(sid, body)
    expect(stored).toMatchObject({ type: 'compact', phase: 'pre', trigger: 'manual' })
  })

  it('a wrong type is dropped, not the event; the fields that matter are kept', async () => {
    const sid = 'wrong-types'
    const stored = await postAndStored(
      sid,
      common(sid, 'PostToolUse', {
        tool_name: 'Bash',
        tool_input: { command: 'ls' },
        tool_use_id: 'toolu_wrong',
        tool_response: { stdout: 'a' },
        duration_ms: 'slow',
        cwd: 42,
        prompt_id: ['x'],
      }),
    )
    expect(stored).toMatchObject({ type: 'tool.end', tool: 'Bash', toolUseId: 'toolu_wrong' })
    expect(stored).not.toHaveProperty('durationMs')
    expect(stored).not.toHaveProperty('promptId')
    expect(await droppedCount('PostToolUse', 'duration_ms')).toBeGreaterThan(0)
  })

  it('a tool batch keeps its object entries and drops the rest', async () => {
    const sid = 'batch-mixed'
    const stored = await postAndStored(
      sid,
      common(sid, 'PostToolBatch', { tool_calls: [null, 7, { tool_use_id: 'toolu_kept' }] }),
    )
    expect(stored).toMatchObject({ type: 'tool.batch', toolUseIds: ['toolu_kept'] })
  })

  it('an unknown event keeps unknown fields; a drop there is counted under "other"', async () => {
    const sid = 'unknown-event'
    const before = await droppedCount('other', 'cwd')
    const stored = await postAndStored(
      sid,
      common(sid, 'SomethingNew', { cwd: null, brand_new: { depth: [1, 2] } }),
    )
    expect(stored).toMatchObject({ type: 'generic', hookEvent: 'SomethingNew' })
    expect((stored as { raw: Record<string, unknown> }).raw.brand_new).toEqual({ depth: [1, 2] })
    expect(await droppedCount('other', 'cwd')).toBe(before + 1)
  })

  it('the fields an event is stored by still reject it, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ session_id: null, hook_event_name: 'Stop' }, 'session_id'],
      [{ session_id: 's', hook_event_name: null }, 'hook_event_name'],
      [common('s', 'PreToolUse', { tool_name: 'Bash', tool_use_id: null }), 'tool_use_id'],
      [common('s', 'PostToolUse', { tool_name: null, tool_use_id: 't' }), 'tool_name'],
      [common('s', 'SubagentStop', { agent_id: null }), 'agent_id'],
    ]
    for (const [body, field] of cases) {
      const r = await postHook(t, body)
      expect(r.status, JSON.stringify(body)).toBe(400)
      expect((r.json as { error: { field: string } }).error.field).toBe(field)
    }
  })
})
