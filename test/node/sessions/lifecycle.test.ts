/**
 * The pure session reducer (src/shared/lifecycle.ts): the transitions docs/session-lifecycle.md
 * lists, what each closes, and that it is a function of its arguments only.
 */
import { describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import {
  initialLifecycle,
  reduceSession,
  WORKING_TIMEOUT_MS,
  type LifecycleInput,
  type SessionLifecycle,
} from '@shared/lifecycle'

let n = 0
function ev(e: Record<string, unknown> & { type: CanonicalEvent['type'] }): LifecycleInput {
  n++
  return {
    type: 'event',
    event: { id: `e${n}`, sessionId: 's', agent: 'claude', ts: 1000 + n, ...e } as CanonicalEvent,
  }
}
const prompt = () => ev({ type: 'prompt', text: 'go' })
const toolStart = (id: string, tool = 'Bash', agentId?: string) =>
  ev({ type: 'tool.start', toolUseId: id, tool, input: {}, ...(agentId ? { agentId } : {}) })

function run(inputs: LifecycleInput[], from = initialLifecycle('idle', 0)): SessionLifecycle {
  return inputs.reduce((s, i) => reduceSession(s, i, 'managed'), from)
}

describe('session reducer', () => {
  it('an interrupt from the app ends the turn and closes its open calls as interrupted', () => {
    const s = run([prompt(), toolStart('t1'), ev({ type: 'interrupt', by: 'app' })])
    expect(s.state).toBe('interrupted')
    expect(s.tools).toEqual([])
    expect(s.closed.map((c) => [c.toolUseId, c.state])).toEqual([['t1', 'interrupted']])
    // The next transition reports only what it closed itself.
    expect(run([prompt()], s).closed).toEqual([])
  })

  it('a Stop after an interrupt the key did not achieve shows the turn finished', () => {
    const s = run([prompt(), toolStart('t1'), ev({ type: 'interrupt', by: 'app' })])
    expect(run([ev({ type: 'stop' })], s).state).toBe('finished')
    // A subagent's Stop is its own end, never the main turn's.
    expect(run([ev({ type: 'stop', agentId: 'a1' })], s).state).toBe('interrupted')
  })

  it('a stored process exit ends the turn like the live one, and a repeat changes nothing', () => {
    const exit = ev({ type: 'process.exit', code: null, signal: 'SIGKILL' })
    const s = run([prompt(), toolStart('t1'), exit])
    expect(s.state).toBe('offline')
    expect(s.exit).toEqual({ code: null, signal: 'SIGKILL' })
    expect(s.closed.map((c) => [c.toolUseId, c.state])).toEqual([['t1', 'interrupted']])
    const live = run(
      [{ type: 'process.exit', ts: 1, code: null, signal: 'SIGKILL' }, exit],
      run([prompt(), toolStart('t1')]),
    )
    expect(live.state).toBe('offline')
    expect(live.closed).toEqual([])
  })

  it('an interrupt outside a turn changes nothing', () => {
    const finished = run([prompt(), ev({ type: 'stop' })])
    expect(finished.state).toBe('finished')
    expect(run([ev({ type: 'interrupt', by: 'terminal' })], finished).state).toBe('finished')
  })

  it('a denial ends its call as denied; the turn goes on unless the denial interrupts', () => {
    const asked = run([
      prompt(),
      toolStart('t1'),
      ev({ type: 'permission.request', requestId: 'r', tool: 'Bash', input: {} }),
    ])
    expect(asked.state).toBe('permission')
    const decision = (outcome: string, more: Record<string, unknown> = {}) =>
      ev({ type: 'permission.decision', requestId: 'r', tool: 'Bash', outcome, by: 'app', ...more })
    const denied = run([decision('deny', { reason: 'not now' })], asked)
    expect(denied.state).toBe('working')
    expect(denied.closed.map((c) => [c.toolUseId, c.state])).toEqual([['t1', 'denied']])
    const stopped = run([decision('deny', { interrupt: true })], asked)
    expect(stopped.state).toBe('interrupted')
    expect(stopped.closed.map((c) => c.state)).toEqual(['denied'])
    const allowed = run([decision('allow')], asked)
    expect([allowed.state, allowed.tools.length]).toEqual(['working', 1])
    // Answered in the terminal: the call goes on; timed out: Claude's prompt still waits.
    expect(run([decision('terminal', { by: 'terminal' })], asked).state).toBe('working')
    expect(run([decision('timeout', { by: 'timeout' })], asked).state).toBe('permission')
    // A decision naming its call ends that one, not the newest of the same tool.
    const two = run([toolStart('t2')], asked)
    const exact = run([decision('deny', { toolUseId: 't1' })], two)
    expect(exact.closed.map((c) => c.toolUseId)).toEqual(['t1'])
    expect(exact.tools.map((c) => c.toolUseId)).toEqual(['t2'])
  })

  it("Claude's permission notice arriving after the decision does not put the session back to waiting", () => {
    const needsPermission = () =>
      ev({
        type: 'notification',
        kind: 'permission_prompt',
        message: 'Claude needs your permission',
      })
    const asked = run([
      prompt(),
      toolStart('t1'),
      ev({ type: 'permission.request', requestId: 'r', tool: 'Bash', input: {} }),
    ])
    for (const outcome of ['allow', 'deny']) {
      const decided = run(
        [ev({ type: 'permission.decision', requestId: 'r', tool: 'Bash', outcome, by: 'app' })],
        asked,
      )
      // Claude sends its notice on a timer of its own: under load it lands after the decision.
      const late = run([needsPermission()], decided)
      expect(late.state).toBe('working')
      expect(late.tools.map((t) => t.toolUseId)).toEqual(outcome === 'allow' ? ['t1'] : [])
    }
    // A later call that asks in the terminal (no PermissionRequest hook) is waiting again.
    const allowed = run(
      [
        ev({
          type: 'permission.decision',
          requestId: 'r',
          tool: 'Bash',
          outcome: 'allow',
          by: 'app',
        }),
      ],
      asked,
    )
    expect(run([toolStart('t2', 'Write'), needsPermission()], allowed).state).toBe('permission')
    // So is a new request, and the notice while a request is open or timed out keeps waiting.
    expect(run([needsPermission()], asked).state).toBe('permission')
    const timedOut = run(
      [
        ev({
          type: 'permission.decision',
          requestId: 'r',
          tool: 'Bash',
          outcome: 'timeout',
          by: 'timeout',
        }),
      ],
      asked,
    )
    expect(run([needsPermission()], timedOut).state).toBe('permission')
    // A new turn forgets the decision.
    const next = run([ev({ type: 'stop', text: 'Done.' }), prompt(), needsPermission()], allowed)
    expect(next.state).toBe('permission')
  })

  it('finished is a success that a later idle notification does not turn into waiting', () => {
    const s = run([
      prompt(),
      ev({ type: 'stop', text: 'Done.' }),
      ev({
        type: 'notification',
        kind: 'idle_prompt',
        message: 'Claude is waiting for your input',
      }),
    ])
    expect(s.state).toBe('finished')
  })

  it('a silent working session hearing idle_prompt was interrupted in its terminal', () => {
    const s = run([
      prompt(),
      toolStart('t1'),
      ev({
        type: 'notification',
        kind: 'idle_prompt',
        message: 'Claude is waiting for your input',
      }),
    ])
    expect(s.state).toBe('idle')
    expect(s.closed.map((c) => c.state)).toEqual(['interrupted'])
  })

  it('failed keeps what StopFailure said; a new prompt clears it', () => {
    const s = run([
      prompt(),
      ev({ type: 'stop.failure', error: 'rate_limit', details: '429 slow down' }),
    ])
    expect(s.state).toBe('failed')
    expect(s.failure).toEqual({ error: 'rate_limit', details: '429 slow down' })
    expect(run([prompt()], s).failure).toBeUndefined()
  })

  it('starting, a screen, SessionStart; an exit with its code or signal; a late event does not revive it', () => {
    const started = run([{ type: 'process.spawned', ts: 1 }])
    expect(started.state).toBe('starting')
    expect(run([{ type: 'process.screen', ts: 2 }], started).state).toBe('screen')
    const ready = run(
      [{ type: 'process.screen', ts: 2 }, ev({ type: 'session.start', source: 'startup' })],
      started,
    )
    expect(ready.state).toBe('idle')
    const gone = run(
      [prompt(), toolStart('t1'), { type: 'process.exit', ts: 9, code: null, signal: 'SIGKILL' }],
      ready,
    )
    expect(gone.state).toBe('offline')
    expect(gone.exit).toEqual({ code: null, signal: 'SIGKILL' })
    expect(gone.closed.map((c) => c.state)).toEqual(['interrupted'])
    expect(run([toolStart('late')], gone).state).toBe('offline')
  })

  it('questions and plans wait on the user; their end lets the turn go on', () => {
    const q = run([prompt(), toolStart('q1', 'AskUserQuestion')])
    expect(q.state).toBe('question')
    const answered = run(
      [
        ev({
          type: 'tool.end',
          toolUseId: 'q1',
          tool: 'AskUserQuestion',
          input: {},
          success: true,
        }),
      ],
      q,
    )
    expect(answered.state).toBe('working')
    expect(run([toolStart('p1', 'ExitPlanMode')], answered).state).toBe('permission')
  })

  it('the working timeout ends a silent turn; a question is never timed out', () => {
    const working = run([prompt()])
    const at = working.lastInputAt
    expect(run([{ type: 'tick', ts: at + WORKING_TIMEOUT_MS }], working).state).toBe('working')
    expect(run([{ type: 'tick', ts: at + WORKING_TIMEOUT_MS + 1 }], working).state).toBe('idle')
    const q = run([toolStart('q', 'AskUserQuestion')], working)
    expect(run([{ type: 'tick', ts: at + 10 * WORKING_TIMEOUT_MS }], q).state).toBe('question')
  })

  it('is pure: the same inputs give the same state, and no input or state is changed', () => {
    const inputs = [
      prompt(),
      toolStart('t1'),
      toolStart('t2', 'Read', 'agent-1'),
      ev({ type: 'stop' }),
    ]
    const frozen = JSON.stringify(inputs)
    const start = initialLifecycle('idle', 0)
    const a = run(inputs, start)
    const b = run(inputs, start)
    expect(a).toEqual(b)
    expect(JSON.stringify(inputs)).toBe(frozen)
    expect(start).toEqual(initialLifecycle('idle', 0))
  })
})
