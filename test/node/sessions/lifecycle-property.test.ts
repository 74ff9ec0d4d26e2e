/**
 * Lifecycle property test: random sequences of events and app actions — duplicates and
 * out-of-order arrival included — folded through the shared reducer never leave a session
 * working without a running turn, never leave a call open once its turn ended, and always end in
 * a documented state. Seeded, bounded: a failure prints its seed and is replayed exactly.
 */
import { describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import {
  initialLifecycle,
  isTurnState,
  reduceSession,
  SESSION_STATES,
  type LifecycleInput,
  type SessionKind,
  type SessionLifecycle,
} from '@shared/lifecycle'
import { prng } from '../../support/replay-stream'

const SEEDS = 200
const STEPS = 60
const TOOLS = ['Bash', 'Read', 'AskUserQuestion', 'ExitPlanMode', 'Edit']

function randomInput(rand: () => number, n: number, ts: number): LifecycleInput {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]
  const id = `t${Math.floor(rand() * 4)}`
  const agentId = rand() < 0.2 ? 'agent-1' : undefined
  const base = { id: `e${n}`, sessionId: 's', agent: 'claude' as const, ts }
  const events: CanonicalEvent[] = [
    { ...base, type: 'prompt', text: 'go' },
    { ...base, type: 'tool.start', toolUseId: id, tool: pick(TOOLS), input: {}, agentId },
    {
      ...base,
      type: 'tool.end',
      toolUseId: id,
      tool: pick(TOOLS),
      input: {},
      success: rand() < 0.8,
    },
    { ...base, type: 'tool.batch', toolUseIds: [id] },
    { ...base, type: 'permission.request', requestId: 'r', tool: pick(TOOLS), input: {} },
    {
      ...base,
      type: 'permission.decision',
      requestId: 'r',
      tool: pick(TOOLS),
      outcome: pick(['allow', 'always', 'deny', 'terminal', 'timeout'] as const),
      by: 'app',
      interrupt: rand() < 0.3,
    },
    {
      ...base,
      type: 'notification',
      kind: pick(['permission_prompt', 'elicitation_dialog', 'idle_prompt', 'auth_success']),
      message: 'm',
    },
    { ...base, type: 'stop', agentId },
    { ...base, type: 'stop.failure', error: 'rate_limit', agentId },
    { ...base, type: 'subagent.start', subagentId: 'agent-1', subagentType: 'Explore' },
    { ...base, type: 'subagent.stop', subagentId: 'agent-1', subagentType: 'Explore' },
    { ...base, type: 'session.start', source: pick(['startup', 'resume', 'clear', 'compact']) },
    { ...base, type: 'session.end', reason: pick(['clear', 'resume', 'other', 'logout']) },
    { ...base, type: 'compact', phase: 'pre', trigger: 'auto' },
    { ...base, type: 'interrupt', by: pick(['app', 'terminal'] as const) },
    { ...base, type: 'process.exit', code: pick([0, 1, null]), signal: pick([null, 'SIGKILL']) },
    { ...base, type: 'assistant.text', text: 'hi' },
  ]
  const r = rand()
  if (r < 0.05) return { type: 'process.spawned', ts }
  if (r < 0.08) return { type: 'process.screen', ts }
  if (r < 0.11) return { type: 'process.adopted', ts }
  if (r < 0.14) return { type: 'process.exit', ts, code: rand() < 0.5 ? 0 : null, signal: null }
  if (r < 0.2) return { type: 'tick', ts: ts + Math.floor(rand() * 3_600_000) }
  return { type: 'event', event: pick(events) }
}

/** Duplicates (a retried hook) and out-of-order arrival (a late, older event). */
function shuffleSome(rand: () => number, inputs: LifecycleInput[]): LifecycleInput[] {
  const out = [...inputs]
  for (let i = 0; i < out.length; i++) {
    const r = rand()
    if (r < 0.1) out.splice(i + 1, 0, out[i])
    else if (r < 0.2 && i + 1 < out.length) [out[i], out[i + 1]] = [out[i + 1], out[i]]
  }
  return out
}

function check(s: SessionLifecycle, where: string): void {
  expect(SESSION_STATES, where).toContain(s.state)
  // Working (or waiting inside a turn) means a turn runs; calls are open only inside one.
  if (!isTurnState(s.state)) expect(s.tools, `${where}: calls open after the turn`).toEqual([])
  for (const c of s.closed) expect(s.tools.map((t) => t.toolUseId)).not.toContain(c.toolUseId)
  expect(new Set(s.tools.map((t) => t.toolUseId)).size, where).toBe(s.tools.length)
  if (s.state === 'failed') expect(s.failure, where).toBeDefined()
  else expect(s.failure, where).toBeUndefined()
}

describe('lifecycle property', () => {
  for (const kind of ['managed', 'observed'] as SessionKind[]) {
    it(`${kind}: ${SEEDS} random histories of ${STEPS} steps end in documented, consistent states`, () => {
      for (let seed = 1; seed <= SEEDS; seed++) {
        const rand = prng(seed)
        const inputs = shuffleSome(
          rand,
          Array.from({ length: STEPS }, (_, n) => randomInput(rand, n, 1_000 + n * 1_000)),
        )
        let s = initialLifecycle(kind === 'managed' ? 'offline' : 'idle', 0)
        inputs.forEach((input, step) => {
          s = reduceSession(s, input, kind)
          check(
            s,
            `seed ${seed}, step ${step} (${input.type === 'event' ? input.event.type : input.type})`,
          )
        })
        // Replaying the same history gives the same state (replay relies on it).
        const again = inputs.reduce(
          (x, i) => reduceSession(x, i, kind),
          initialLifecycle(kind === 'managed' ? 'offline' : 'idle', 0),
        )
        expect(again, `seed ${seed}`).toEqual(s)
      }
    })
  }
})
