/**
 * Every hook event type, in real payload shapes, through the real endpoint: what is stored
 * (events.list) and what a subscribed WebSocket client receives must be the same canonical events.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CanonicalEvent, EventOf } from '@shared/events'
import {
  api,
  connectWs,
  postHook,
  startCore,
  storedEvents,
  type TestCore,
  type WsClient,
  waitUntil,
} from './harness'
import { common, CWD, everyEvent } from './payloads'
import { waitFor } from '../../support/core'

let t: TestCore
let client: WsClient
beforeEach(async () => {
  t = await startCore()
  client = await connectWs(t)
})
afterEach(async () => {
  client.close()
  await t.close()
})

function waitForPending(tc: TestCore): Promise<{ requests: { id: string }[] }> {
  return waitFor(async () => {
    const r = await api<{ requests: { id: string }[] }>(tc, 'permissions.list')
    return r.requests.length > 0 ? r : null
  })
}

function only<T extends CanonicalEvent['type']>(events: CanonicalEvent[], type: T): EventOf<T>[] {
  return events.filter((e): e is EventOf<T> => e.type === type)
}

describe('every hook event type', () => {
  it('is stored and delivered as the canonical event it maps to', async () => {
    const sid = 'c0ffee00-1111-4222-8333-444455556666'
    const payloads = everyEvent(sid)
    for (const p of payloads) {
      if (p.hook_event_name === 'PermissionRequest') {
        // The permission broker holds this request until the user answers in the app.
        const held = postHook(t, p)
        const { requests } = await waitForPending(t)
        await api(t, 'permissions.decide', { id: requests[0].id, decision: 'allow' })
        const r = await held
        expect(r.status).toBe(200)
        expect(JSON.stringify(r.json)).toContain('allow')
        continue
      }
      const r = await postHook(t, p)
      expect(r.status, `${String(p.hook_event_name)}: ${r.text}`).toBe(200)
    }
    const stored = await storedEvents(t)
    // One hook each, plus the decision the app stores when it answers the permission request.
    const delivered = await client.waitForEvents(payloads.length + 1)

    expect(stored.map((e) => e.type)).toEqual([
      'session.start',
      'prompt',
      'tool.start',
      'permission.request',
      'permission.decision',
      'tool.end',
      'tool.start',
      'tool.end',
      'tool.batch',
      'notification',
      'assistant.text',
      'subagent.start',
      'tool.start',
      'subagent.stop',
      'stop',
      'stop.failure',
      'compact',
      'compact',
      'generic',
      'session.end',
    ])
    // Delivered = stored: same ids, same seqs, same content.
    expect(delivered).toEqual(stored)
    const seqs = stored.map((e) => e.seq!)
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs)

    const sessionId = stored[0].sessionId
    for (const e of stored) {
      // The decision is the app's own event, stored for the session it answered.
      if (e.type === 'permission.decision') expect(e).toMatchObject({ sessionId, agent: 'claude' })
      else expect(e).toMatchObject({ sessionId, agentSessionId: sid, agent: 'claude', cwd: CWD })
    }
    expect(stored[0]).toMatchObject({
      type: 'session.start',
      source: 'startup',
      model: 'claude-opus-4-8',
    })
    expect(stored[0].promptId).toBeUndefined()
    expect(stored[1]).toMatchObject({
      type: 'prompt',
      text: 'Find the flaky test in src/parser and fix it',
      promptId: 'b1f2c3d4-0000-4000-8000-00000000beef',
    })

    const [bashStart, readStart, grepStart] = only(stored, 'tool.start')
    expect(bashStart).toMatchObject({
      tool: 'Bash',
      toolUseId: 'toolu_01BASH',
      input: { command: 'npm test -- parser' },
    })
    expect(readStart).toMatchObject({
      tool: 'Read',
      input: { file_path: `${CWD}/src/parser/lexer.ts` },
    })
    expect(grepStart).toMatchObject({ tool: 'Grep', agentId: 'agent-abc123' })

    const [perm] = only(stored, 'permission.request')
    expect(perm).toMatchObject({ tool: 'Bash', input: { command: 'rm -rf node_modules' } })
    expect(perm.suggestions).toHaveLength(1)

    const [bashEnd, readEnd] = only(stored, 'tool.end')
    expect(bashEnd).toMatchObject({
      tool: 'Bash',
      success: true,
      durationMs: 1834,
      output: { stdout: 'ok 12 tests' },
    })
    expect(bashEnd.error).toBeUndefined()
    expect(readEnd).toMatchObject({ tool: 'Read', success: false, durationMs: 12 })
    expect(readEnd.error).toContain('No such file or directory')

    expect(only(stored, 'tool.batch')[0].toolUseIds).toEqual(['toolu_01BASH', 'toolu_02READ'])
    expect(only(stored, 'notification')[0]).toMatchObject({
      kind: 'permission_prompt',
      message: 'Claude needs your permission',
      title: 'Claude Code',
    })
    expect(only(stored, 'assistant.text')[0]).toMatchObject({
      text: 'The lexer drops the trailing quote; patching it now.',
      messageId: 'msg_01TEXT',
      final: true,
    })
    expect(only(stored, 'subagent.start')[0]).toMatchObject({
      subagentId: 'agent-abc123',
      subagentType: 'Explore',
    })
    expect(only(stored, 'subagent.stop')[0]).toMatchObject({
      subagentId: 'agent-abc123',
      text: 'tokenizeString is defined in lexer.ts line 88',
    })
    expect(only(stored, 'stop')[0]).toMatchObject({
      text: 'Fixed the lexer; all parser tests pass.',
    })
    expect(only(stored, 'stop.failure')[0]).toMatchObject({
      error: 'rate_limit',
      details: '429 Too Many Requests',
      text: 'API Error: Rate limit reached',
    })
    expect(only(stored, 'compact')).toMatchObject([
      { phase: 'pre', trigger: 'manual' },
      { phase: 'post', trigger: 'manual', summary: 'Fixed lexer quote handling in the parser.' },
    ])
    const [generic] = only(stored, 'generic')
    expect(generic.hookEvent).toBe('TeammateIdle')
    expect(generic.raw).toMatchObject({ teammate: 'reviewer', hook_event_name: 'TeammateIdle' })
    expect(only(stored, 'session.end')[0].reason).toBe('prompt_input_exit')

    // One observed session was created for the Claude session id, and it ended offline.
    const { sessions } = await api<{
      sessions: { id: string; kind: string; status: string; claudeSessionId?: string }[]
    }>(t, 'sessions.list')
    expect(sessions).toHaveLength(1)
    expect(sessions[0]).toMatchObject({
      id: sessionId,
      kind: 'observed',
      status: 'offline',
      claudeSessionId: sid,
    })
  })
})

describe('tool results', () => {
  it('marks PostToolUse with tool_response.success:false (or is_error) as a failure', async () => {
    const sid = 'tool-results'
    const write = { tool_name: 'Write', tool_input: { file_path: '/tmp/x.txt', content: 'hi' } }
    await postHook(
      t,
      common(sid, 'PostToolUse', {
        ...write,
        tool_use_id: 'toolu_W1',
        tool_response: { filePath: '/tmp/x.txt', success: false },
      }),
    )
    await postHook(
      t,
      common(sid, 'PostToolUse', {
        ...write,
        tool_use_id: 'toolu_W2',
        tool_response: { is_error: true, content: 'denied' },
      }),
    )
    await postHook(
      t,
      common(sid, 'PostToolUse', {
        ...write,
        tool_use_id: 'toolu_W3',
        tool_response: { filePath: '/tmp/x.txt', success: true },
      }),
    )
    const ends = only(await storedEvents(t), 'tool.end')
    expect(ends.map((e) => [e.toolUseId, e.success])).toEqual([
      ['toolu_W1', false],
      ['toolu_W2', false],
      ['toolu_W3', true],
    ])
    expect(ends[0].error).toContain('"success":false')
    const pushed = only(await client.waitForEvents(3), 'tool.end')
    expect(pushed.map((e) => e.success)).toEqual([false, false, true])
  })

  it("prefers Claude's duration_ms and pairs pre/post when it is missing", async () => {
    const sid = 'durations'
    const bash = { tool_name: 'Bash', tool_input: { command: 'sleep 0.05' } }
    await postHook(t, common(sid, 'PreToolUse', { ...bash, tool_use_id: 'toolu_A' }))
    await postHook(t, common(sid, 'PreToolUse', { ...bash, tool_use_id: 'toolu_B' }))
    await new Promise((r) => setTimeout(r, 60))
    await postHook(
      t,
      common(sid, 'PostToolUse', {
        ...bash,
        tool_use_id: 'toolu_A',
        tool_response: { stdout: '' },
        duration_ms: 7,
      }),
    )
    await postHook(
      t,
      common(sid, 'PostToolUse', {
        ...bash,
        tool_use_id: 'toolu_B',
        tool_response: { stdout: '' },
      }),
    )
    // A post without a pre: no pairing possible, so no duration is invented.
    await postHook(
      t,
      common(sid, 'PostToolUse', {
        ...bash,
        tool_use_id: 'toolu_C',
        tool_response: { stdout: '' },
      }),
    )
    const ends = only(await storedEvents(t), 'tool.end')
    expect(ends[0].durationMs).toBe(7)
    expect(ends[1].durationMs).toBeGreaterThanOrEqual(50)
    expect(ends[1].durationMs).toBeLessThan(60_000)
    expect(ends[2].durationMs).toBeUndefined()
  })
})

describe('subagents', () => {
  it('are keyed by agent_id: interleaved subagents of one type stay distinct', async () => {
    const sid = 'subagents'
    const start = (id: string) =>
      common(sid, 'SubagentStart', { agent_id: id, agent_type: 'general-purpose' })
    const stop = (id: string, text: string) =>
      common(sid, 'SubagentStop', {
        agent_id: id,
        agent_type: 'general-purpose',
        last_assistant_message: text,
        stop_hook_active: false,
      })
    const subagentCount = async () =>
      (await api<{ sessions: { subagents: number }[] }>(t, 'sessions.list')).sessions[0].subagents

    await postHook(t, start('agent-one'))
    await postHook(t, start('agent-two'))
    expect(await subagentCount()).toBe(2)
    await postHook(
      t,
      common(sid, 'PreToolUse', {
        tool_name: 'Read',
        tool_input: { file_path: '/a' },
        tool_use_id: 'toolu_S1',
        agent_id: 'agent-two',
        agent_type: 'general-purpose',
      }),
    )
    await postHook(t, stop('agent-two', 'two done'))
    expect(await subagentCount()).toBe(1)
    await postHook(t, stop('agent-one', 'one done'))
    expect(await subagentCount()).toBe(0)

    const stored = await storedEvents(t)
    expect(only(stored, 'subagent.start').map((e) => e.subagentId)).toEqual([
      'agent-one',
      'agent-two',
    ])
    expect(only(stored, 'subagent.stop').map((e) => [e.subagentId, e.text])).toEqual([
      ['agent-two', 'two done'],
      ['agent-one', 'one done'],
    ])
    expect(only(stored, 'tool.start')[0].agentId).toBe('agent-two')
    // A retried SubagentStop (same agent_id) is the same event: stored once.
    await postHook(t, stop('agent-one', 'one done'))
    expect(only(await storedEvents(t), 'subagent.stop')).toHaveLength(2)
  })
})

describe('a retried hook', () => {
  it('is stored once and changes nothing live: status, tools, delivery, notifications', async () => {
    const sid = 'retried'
    const retry = (id: string) => ({ headers: { 'x-atelier-event-id': id } })
    const session = () => t.core.services.registry.list().find((s) => s.claudeSessionId === sid)!
    const notified: unknown[] = []
    t.core.notifications.addSink({ show: (n) => notified.push(n) })

    await postHook(t, common(sid, 'SessionStart', { source: 'startup' }), retry('start'))
    const bash = { tool_name: 'Bash', tool_use_id: 'toolu_R', tool_input: { command: 'ls' } }
    await postHook(t, common(sid, 'PreToolUse', bash))
    await postHook(t, common(sid, 'PostToolUse', { ...bash, tool_response: { stdout: '' } }))
    const stop = common(sid, 'Stop', { last_assistant_message: 'Done.' })
    await postHook(t, stop, retry('stop-1'))
    await client.waitForEvents(4)
    await waitUntil(() => notified.length === 1, undefined, 'the finished notification')
    expect(session().status).toBe('finished')

    // The same hooks again (a retried POST): answered, but nothing live replays (a replayed tool
    // start would make the session work again).
    expect((await postHook(t, common(sid, 'PreToolUse', bash))).status).toBe(200)
    expect((await postHook(t, stop, retry('stop-1'))).status).toBe(200)
    expect(session().status).toBe('finished')
    expect(session().currentTool).toBeUndefined()
    // A marker event after the retries: once it is delivered, anything they had pushed would be too.
    await postHook(t, common(sid, 'Notification', { message: 'marker', notification_type: 'x' }))
    const pushed = await client.waitForEvents(5)
    expect(pushed.map((e) => e.type)).toEqual([
      'session.start',
      'tool.start',
      'tool.end',
      'stop',
      'notification',
    ])
    expect(only(await storedEvents(t), 'stop')).toHaveLength(1)
    expect(notified).toHaveLength(1)
  })
})
