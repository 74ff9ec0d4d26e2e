import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import type { PendingRequest } from '@shared/permissions'
import { startTestCore, waitFor, type TestCore } from '../../support/core'
import { PermissionBroker } from '../../../src/main/core/permissions/broker'
import {
  permissionDecisionOutput,
  questionAnswerOutput,
} from '../../../src/main/core/permissions/decisions'

const SID = 'claude-session-1'
const permissionRequest = (command = 'touch marker.txt') => ({
  hook_event_name: 'PermissionRequest',
  session_id: SID,
  cwd: '/tmp/repo',
  tool_name: 'Bash',
  tool_input: { command, description: 'Create marker' },
  permission_suggestions: [
    {
      type: 'addRules',
      rules: [{ toolName: 'Bash', ruleContent: command }],
      behavior: 'allow',
      destination: 'localSettings',
    },
    { type: 'setMode', mode: 'acceptEdits', destination: 'session' },
  ],
})

let t: TestCore
beforeEach(async () => {
  t = await startTestCore()
})
afterEach(async () => {
  await t.close()
})

async function pending(): Promise<PendingRequest[]> {
  return (await t.api<{ requests: PendingRequest[] }>('permissions.list')).requests
}

describe('permission broker over HTTP', () => {
  it('holds the hook until allowed, then returns the allow decision', async () => {
    const res = t.hook(permissionRequest())
    const [req] = await waitFor(async () =>
      (await pending()).length === 1 ? await pending() : null,
    )
    expect(req).toMatchObject({
      kind: 'permission',
      toolName: 'Bash',
      toolInput: { command: 'touch marker.txt' },
    })
    const sessions = await t.api<{ sessions: { status: string }[] }>('sessions.list')
    expect(sessions.sessions[0].status).toBe('permission')
    await t.api('permissions.decide', { id: req.id, decision: 'allow' })
    const body = (await (await res).json()) as object
    expect(body).toEqual({
      hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'allow' } },
    })
    expect(await pending()).toEqual([])
  })

  it('deny carries the message; always echoes the rule suggestion', async () => {
    const denied = t.hook(permissionRequest('rm -rf build'))
    const [d] = await waitFor(async () => ((await pending()).length ? await pending() : null))
    await t.api('permissions.decide', { id: d.id, decision: 'deny', message: 'not now' })
    expect(
      ((await (await denied).json()) as { hookSpecificOutput: { decision: unknown } })
        .hookSpecificOutput.decision,
    ).toEqual({ behavior: 'deny', message: 'not now' })

    const always = t.hook(permissionRequest('npm test'))
    const [a] = await waitFor(async () => ((await pending()).length ? await pending() : null))
    await t.api('permissions.decide', { id: a.id, decision: 'always' })
    const decision = (
      (await (await always).json()) as {
        hookSpecificOutput: { decision: { behavior: string; updatedPermissions: unknown } }
      }
    ).hookSpecificOutput.decision
    expect(decision.behavior).toBe('allow')
    // Claude's own suggestion, exactly as given: nothing added beside it.
    expect(decision.updatedPermissions).toEqual([
      {
        type: 'addRules',
        rules: [{ toolName: 'Bash', ruleContent: 'npm test' }],
        behavior: 'allow',
        destination: 'localSettings',
      },
    ])
  })

  it('clears the request when the terminal answered first (a later tool event arrives)', async () => {
    const res = t.hook(permissionRequest())
    await waitFor(async () => (await pending()).length === 1)
    await t.hook({
      hook_event_name: 'PostToolUse',
      session_id: SID,
      cwd: '/tmp/repo',
      tool_name: 'Bash',
      tool_input: permissionRequest().tool_input,
      tool_use_id: 'toolu_9',
      tool_response: { stdout: '' },
      duration_ms: 5,
    })
    const r = await res
    expect(r.status).toBe(200)
    expect(await r.text()).toBe('')
    expect(await pending()).toEqual([])
  })

  it('interrupting a session stops it at its held prompt: deny with interrupt', async () => {
    const res = t.hook(permissionRequest())
    const [req] = await waitFor(async () => ((await pending()).length ? await pending() : null))
    await t.api('sessions.interrupt', { id: req.sessionId })
    expect(await (await res).json()).toEqual({
      hookSpecificOutput: {
        hookEventName: 'PermissionRequest',
        decision: { behavior: 'deny', message: 'Interrupted from Atelier', interrupt: true },
      },
    })
    expect(await pending()).toEqual([])
  })

  it('resolves cleanly with no decision when the session ends', async () => {
    const res = t.hook(permissionRequest())
    const [req] = await waitFor(async () => ((await pending()).length ? await pending() : null))
    expect(req.expiresAt - req.createdAt).toBe(10 * 60_000)
    t.core.broker.cancelSession(req.sessionId)
    const r = await res
    expect(r.status).toBe(200)
    expect(await r.text()).toBe('')
    expect(await pending()).toEqual([])
  })

  it("sends a session's held request back to the terminal (its host stopped answering), settled there", async () => {
    const res = t.hook(permissionRequest())
    const [req] = await waitFor(async () => ((await pending()).length ? await pending() : null))
    t.core.broker.backToTerminal(req.sessionId)
    const r = await res
    expect(r.status).toBe(200)
    expect(await r.text()).toBe('')
    expect(await pending()).toEqual([])
    const events = (
      await t.api<{ events: CanonicalEvent[] }>('events.list', { sessionId: req.sessionId })
    ).events
    const decision = await waitFor(async () =>
      (
        await t.api<{ events: CanonicalEvent[] }>('events.list', { sessionId: req.sessionId })
      ).events.find((e) => e.type === 'permission.decision'),
    )
    expect(events.length).toBeGreaterThan(0)
    expect(decision).toMatchObject({ requestId: req.id, outcome: 'terminal', by: 'terminal' })
  })

  it('drops a request whose hook connection closed', async () => {
    const ctrl = new AbortController()
    const res = fetch(t.url('/hooks/claude'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.core.info.token}` },
      body: JSON.stringify(permissionRequest()),
      signal: ctrl.signal,
    }).catch(() => null)
    await waitFor(async () => (await pending()).length === 1)
    ctrl.abort()
    await res
    await waitFor(async () => (await pending()).length === 0)
  })

  it('unknown request ids are a clear 404', async () => {
    await expect(
      t.api('permissions.decide', { id: 'nope', decision: 'allow' }),
    ).rejects.toMatchObject({ status: 404 })
  })
})

describe('broker timeout', () => {
  it('times out cleanly with no decision and clears the list', async () => {
    const changes: number[] = []
    const resolved: string[] = []
    const broker = new PermissionBroker({
      timeoutMs: () => 30,
      canHoldQuestions: () => true,
      onChange: (r) => changes.push(r.length),
      onResolved: (_r, how) => resolved.push(how),
    })
    const event = {
      id: 'e',
      sessionId: 's',
      agent: 'claude' as const,
      ts: Date.now(),
      type: 'permission.request' as const,
      requestId: 'r1',
      tool: 'Bash',
      input: {},
    }
    const out = await broker.respond(
      { sessionId: 's', events: [event], duplicate: false },
      {},
      () => new AbortController().signal,
    )
    expect(out).toBeNull()
    expect(resolved).toEqual(['timeout'])
    expect(changes).toEqual([1, 0])
    expect(broker.list()).toEqual([])
  })
})

describe('answered elsewhere: only evidence about the held call itself', () => {
  const at = { agent: 'claude' as const, sessionId: 's', ts: Date.now() + 1 }
  const pre = (toolUseId: string, command: string, agentId?: string): CanonicalEvent => ({
    ...at,
    id: `pre-${toolUseId}`,
    type: 'tool.start',
    toolUseId,
    tool: 'Bash',
    input: { command },
    ...(agentId ? { agentId } : {}),
  })
  const post = (toolUseId: string, command: string, agentId?: string): CanonicalEvent => ({
    ...at,
    id: `post-${toolUseId}`,
    type: 'tool.end',
    toolUseId,
    tool: 'Bash',
    input: { command },
    success: true,
    ...(agentId ? { agentId } : {}),
  })
  const askFor = (command: string, agentId?: string): CanonicalEvent => ({
    ...at,
    id: `req-${command}`,
    type: 'permission.request',
    requestId: `req-${command}`,
    tool: 'Bash',
    input: { command },
    ...(agentId ? { agentId } : {}),
  })

  function brokerWithLog() {
    const resolved: string[] = []
    const broker = new PermissionBroker({
      timeoutMs: () => 600_000,
      canHoldQuestions: () => true,
      onChange: () => {},
      onResolved: (r, how) => resolved.push(`${r.id}:${how}`),
    })
    const hold = (e: CanonicalEvent) => {
      broker.observe([e])
      return broker.respond(
        { sessionId: 's', events: [e], duplicate: false },
        {},
        () => new AbortController().signal,
      )
    }
    return { broker, resolved, hold }
  }

  it('a parallel tool finishing is not an answer; the held call finishing is', async () => {
    const { broker, resolved, hold } = brokerWithLog()
    broker.observe([pre('toolu_A', 'make deploy'), pre('toolu_B', 'ls')])
    const answer = hold(askFor('make deploy'))
    broker.observe([post('toolu_B', 'ls')])
    broker.observe([{ ...at, id: 'batch-B', type: 'tool.batch', toolUseIds: ['toolu_B'] }])
    expect(broker.list().map((r) => r.id)).toEqual(['req-make deploy'])
    broker.observe([post('toolu_A', 'make deploy')])
    expect(await answer).toBeNull()
    expect(resolved).toEqual(['req-make deploy:elsewhere'])
  })

  it('a batch that includes the held call answers it', async () => {
    const { broker, resolved, hold } = brokerWithLog()
    broker.observe([pre('toolu_A', 'make deploy')])
    const answer = hold(askFor('make deploy'))
    broker.observe([{ ...at, id: 'b', type: 'tool.batch', toolUseIds: ['toolu_A', 'toolu_C'] }])
    expect(await answer).toBeNull()
    expect(resolved).toEqual(['req-make deploy:elsewhere'])
  })

  it("a subagent's request outlives the main agent's Stop; its own call answers it", async () => {
    const { broker, resolved, hold } = brokerWithLog()
    broker.observe([pre('toolu_S', 'npm publish', 'agent-1')])
    const answer = hold(askFor('npm publish', 'agent-1'))
    broker.observe([{ ...at, id: 'stop', type: 'stop', text: 'Waiting on the agent' }])
    broker.observe([post('toolu_X', 'echo other', 'agent-2')])
    expect(broker.list()).toHaveLength(1)
    broker.observe([post('toolu_S', 'npm publish', 'agent-1')])
    expect(await answer).toBeNull()
    expect(resolved).toEqual(['req-npm publish:elsewhere'])
  })

  it("the main agent's turn ending answers its own held request", async () => {
    const { broker, resolved, hold } = brokerWithLog()
    broker.observe([pre('toolu_A', 'make deploy')])
    const answer = hold(askFor('make deploy'))
    broker.observe([{ ...at, id: 'stop', type: 'stop', text: 'Done' }])
    expect(await answer).toBeNull()
    expect(resolved).toEqual(['req-make deploy:elsewhere'])
  })

  it('with no PreToolUse seen, a finished call with the same tool and input is the evidence', async () => {
    const { broker, resolved, hold } = brokerWithLog()
    const answer = hold(askFor('make deploy'))
    broker.observe([post('toolu_Z', 'ls')])
    expect(broker.list()).toHaveLength(1)
    broker.observe([post('toolu_Y', 'make deploy')])
    expect(await answer).toBeNull()
    expect(resolved).toEqual(['req-make deploy:elsewhere'])
  })
})

describe('decision shapes', () => {
  it('deny without a message says it came from Atelier', () => {
    expect(permissionDecisionOutput('deny', {})).toMatchObject({
      hookSpecificOutput: { decision: { behavior: 'deny', message: 'Denied from Atelier' } },
    })
  })

  it('answers questions through updatedInput.answers', () => {
    const input = {
      questions: [
        { question: 'Which?', options: [{ label: 'A' }, { label: 'B' }], multiSelect: true },
      ],
    }
    expect(questionAnswerOutput(input, { 'Which?': ['A', 'B'] })).toEqual({
      hookSpecificOutput: {
        hookEventName: 'PreToolUse',
        permissionDecision: 'allow',
        permissionDecisionReason: 'Answered in Atelier',
        updatedInput: { ...input, answers: { 'Which?': 'A, B' } },
      },
    })
  })
})
