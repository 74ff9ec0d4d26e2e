/**
 * Derived session state: the status machine driven by canonical events (through the real adapter),
 * the failsafe that returns a silent "working" session to idle, and the bounds on every map.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import { openDatabase, type Db } from '../../../src/main/core/store/db'
import { SessionStore } from '../../../src/main/core/store/session-store'
import {
  MAX_OBSERVED_SESSIONS,
  MAX_PENDING_TOOLS_PER_SESSION,
  PENDING_TOOL_TTL_MS,
  SessionRegistry,
} from '../../../src/main/core/sessions/registry'
import { WORKING_TIMEOUT_MS, WORKING_WITH_TOOL_TIMEOUT_MS } from '../../../src/shared/lifecycle'
import { claudeAdapter } from '../../../src/main/core/agents/claude/adapter'
import { common, CWD } from './payloads'
import { readHookFixture } from '../../support/hook-fixtures'

let db: Db
let clock: number
let registry: SessionRegistry
beforeEach(() => {
  db = openDatabase(':memory:')
  clock = 1_000_000
  registry = new SessionRegistry(new SessionStore(db), () => clock)
})
afterEach(() => db.close())

/** Runs a raw hook payload through the adapter and the registry, as the ingest does. */
function hook(raw: Record<string, unknown>): CanonicalEvent[] {
  const env = claudeAdapter.envelope(raw)
  const sessionId = registry.resolve(env.agentSessionId, env.cwd)
  const events = claudeAdapter.toEvents(env, { sessionId, receivedAt: clock })
  for (const e of events) registry.fillToolDuration(e)
  for (const e of events) registry.applyEvent(e)
  return events
}
const statusOf = (sid: string) => registry.list().find((s) => s.claudeSessionId === sid)!.status

describe('status machine', () => {
  it('follows a turn: idle → working → permission → working → question → working → finished → failed → offline', () => {
    const sid = 'turn'
    const seen: string[] = []
    const step = (raw: Record<string, unknown>) => {
      hook(raw)
      seen.push(statusOf(sid))
    }
    step(common(sid, 'SessionStart', { source: 'startup' }))
    step(common(sid, 'UserPromptSubmit', { prompt: 'go' }))
    step(common(sid, 'PermissionRequest', { tool_name: 'Bash', tool_input: { command: 'rm x' } }))
    step(
      common(sid, 'PreToolUse', {
        tool_name: 'Bash',
        tool_input: { command: 'rm x' },
        tool_use_id: 't1',
      }),
    )
    step(
      common(sid, 'PostToolUse', {
        tool_name: 'Bash',
        tool_input: {},
        tool_use_id: 't1',
        tool_response: {},
      }),
    )
    step(
      common(sid, 'PreToolUse', {
        tool_name: 'AskUserQuestion',
        tool_input: { questions: [] },
        tool_use_id: 't2',
      }),
    )
    step(
      common(sid, 'PostToolUse', {
        tool_name: 'AskUserQuestion',
        tool_input: {},
        tool_use_id: 't2',
        tool_response: {},
      }),
    )
    step(common(sid, 'Stop', { last_assistant_message: 'done' }))
    step(
      common(sid, 'Notification', {
        notification_type: 'idle_prompt',
        message: 'Claude is waiting for your input',
      }),
    )
    step(common(sid, 'UserPromptSubmit', { prompt: 'again' }))
    step(common(sid, 'StopFailure', { error: 'rate_limit' }))
    step(common(sid, 'SessionEnd', { reason: 'other' }))
    expect(seen).toEqual([
      'idle',
      'working',
      'permission',
      'working',
      'working',
      'question',
      'working',
      'finished',
      'finished', // the idle_prompt a minute after a finished turn changes nothing
      'working',
      'failed',
      'offline',
    ])
    expect(registry.list()[0].failure).toBeUndefined()
  })

  it('an API error the CLI names "unknown" fails the session with its last message as the details', () => {
    const real = readHookFixture().payloads.find(
      (p) => p.hook_event_name === 'StopFailure' && p.error === 'unknown',
    )!
    expect(real.error_details).toBeUndefined()
    const sid = String(real.session_id)
    hook({ ...real, hook_event_name: 'UserPromptSubmit', prompt: 'go' })
    const [event] = hook(real)
    expect(event).toMatchObject({
      type: 'stop.failure',
      error: 'unknown',
      details: 'API Error: 400 The fake API refuses this request.',
    })
    expect(event).not.toHaveProperty('text') // the message is kept once, as the details
    expect(statusOf(sid)).toBe('failed')
    const session = registry.list().find((s) => s.claudeSessionId === sid)!
    expect(session.failure).toEqual({
      error: 'unknown',
      details: 'API Error: 400 The fake API refuses this request.',
    })
  })

  it('a named error keeps its own details and the last message as text', () => {
    const sid = 'named'
    hook(common(sid, 'UserPromptSubmit', { prompt: 'go' }))
    const [event] = hook(
      common(sid, 'StopFailure', {
        error: 'rate_limit',
        error_details: '429 slow down',
        last_assistant_message: 'API Error: Rate limited',
      }),
    )
    expect(event).toMatchObject({
      error: 'rate_limit',
      details: '429 slow down',
      text: 'API Error: Rate limited',
    })
  })

  it('a subagent stop does not end the main turn; /clear does not take the session offline', () => {
    const sid = 'sub'
    hook(common(sid, 'UserPromptSubmit', { prompt: 'go' }))
    hook(common(sid, 'Stop', { agent_id: 'agent-1' }))
    expect(statusOf(sid)).toBe('working')
    hook(
      common(sid, 'Notification', {
        notification_type: 'permission_prompt',
        message: 'Claude needs your permission',
      }),
    )
    expect(statusOf(sid)).toBe('permission')
    hook(common(sid, 'SessionEnd', { reason: 'clear' }))
    expect(statusOf(sid)).toBe('idle')
    expect(registry.list()[0].alive).toBe(true)
  })

  it('the failsafe returns a silent working session to idle (longer while a tool runs)', () => {
    hook(common('quiet', 'UserPromptSubmit', { prompt: 'go' }))
    hook(
      common('busy', 'PreToolUse', {
        tool_name: 'Bash',
        tool_input: { command: 'make' },
        tool_use_id: 'long',
      }),
    )
    clock += WORKING_TIMEOUT_MS - 1
    registry.tick()
    expect([statusOf('quiet'), statusOf('busy')]).toEqual(['working', 'working'])
    clock += 2
    registry.tick()
    expect([statusOf('quiet'), statusOf('busy')]).toEqual(['idle', 'working'])
    clock += WORKING_WITH_TOOL_TIMEOUT_MS
    registry.tick()
    expect(statusOf('busy')).toBe('idle')
  })
})

describe('bounded maps', () => {
  it('pending tool uses are capped per session and expire by TTL', () => {
    const sid = 'many-tools'
    for (let i = 0; i < MAX_PENDING_TOOLS_PER_SESSION + 50; i++) {
      hook(
        common(sid, 'PreToolUse', {
          tool_name: 'Read',
          tool_input: { file_path: `/f${i}` },
          tool_use_id: `t${i}`,
        }),
      )
    }
    // The oldest starts were evicted: their ends get no paired duration; the newest still pair.
    clock += 10
    const [evicted] = hook(
      common(sid, 'PostToolUse', {
        tool_name: 'Read',
        tool_input: {},
        tool_use_id: 't0',
        tool_response: {},
      }),
    )
    const last = `t${MAX_PENDING_TOOLS_PER_SESSION + 49}`
    const [kept] = hook(
      common(sid, 'PostToolUse', {
        tool_name: 'Read',
        tool_input: {},
        tool_use_id: last,
        tool_response: {},
      }),
    )
    expect(evicted.type === 'tool.end' && evicted.durationMs).toBeUndefined()
    expect(kept.type === 'tool.end' && kept.durationMs).toBe(10)
    // After the TTL, a sweep empties the map: a later end gets no duration.
    clock += PENDING_TOOL_TTL_MS + 1
    registry.tick()
    const [late] = hook(
      common(sid, 'PostToolUse', {
        tool_name: 'Read',
        tool_input: {},
        tool_use_id: 't100',
        tool_response: {},
      }),
    )
    expect(late.type === 'tool.end' && late.durationMs).toBeUndefined()
  })

  it('observed sessions are capped, forgetting the least recently active', () => {
    for (let i = 0; i < MAX_OBSERVED_SESSIONS + 5; i++) {
      clock += 1
      hook(common(`claude-${i}`, 'UserPromptSubmit', { prompt: 'hi' }))
    }
    const ids = registry.list().map((s) => s.claudeSessionId)
    expect(ids).toHaveLength(MAX_OBSERVED_SESSIONS)
    expect(ids).not.toContain('claude-0')
    expect(ids).toContain(`claude-${MAX_OBSERVED_SESSIONS + 4}`)
  })
})

describe('announcements', () => {
  it('announces each state change once, and usage only when a figure changed', () => {
    hook(common('s1', 'SessionStart', { source: 'startup' }))
    const id = registry.resolve('s1', CWD)
    const states: string[] = []
    let changes = 0
    registry.onStateChange((sid, state) => states.push(`${sid === id ? 'S' : '?'}:${state}`))
    registry.onChange(() => changes++)

    hook(common('s1', 'UserPromptSubmit', { prompt: 'go' }))
    hook(common('s1', 'PreToolUse', { tool_name: 'Read', tool_input: {}, tool_use_id: 't1' }))
    hook(common('s1', 'Stop', {}))
    expect(states).toEqual(['S:working', 'S:finished'])

    changes = 0
    registry.setUsage(id, { costUsd: 0.5, contextPercent: 10, model: 'Opus' })
    expect(changes).toBe(1)
    // The status line's next refresh with the same figures: nothing stored, nothing announced.
    registry.setUsage(id, { costUsd: 0.5, contextPercent: 10, model: 'Opus' })
    registry.setUsage(id, { costUsd: 0.5 })
    expect(changes).toBe(1)
    registry.setUsage(id, { costUsd: 0.75, contextPercent: 10 })
    expect(changes).toBe(2)
    expect(registry.get(id)?.usage).toMatchObject({
      costUsd: 0.75,
      contextPercent: 10,
      model: 'Opus',
    })
  })
})
