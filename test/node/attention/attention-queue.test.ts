/**
 * The attention queue's rules: what Claude waits on first (oldest first), then failed turns, then
 * finished turns not yet looked at; in whatever order they happened; handled items leave.
 */
import { describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import type { PendingRequest } from '@shared/permissions'
import type { Session } from '@shared/sessions'
import { openDatabase } from '../../../src/main/core/store/db'
import { AttentionStore } from '../../../src/main/core/attention/attention-store'
import { AttentionService } from '../../../src/main/core/attention/attention-service'
import { makeSession } from '../../support/session-fixture'

const T0 = 1_800_000_000_000

function request(id: string, sessionId: string, createdAt: number): PendingRequest {
  return {
    id,
    sessionId,
    kind: 'permission',
    toolName: 'Bash',
    toolInput: { command: 'make' },
    createdAt,
    expiresAt: createdAt + 600_000,
  }
}

function setup() {
  const sessions: Session[] = ['a', 'b', 'c', 'd'].map((id) =>
    makeSession(id, { status: 'idle', lastActivity: T0 }),
  )
  let pending: PendingRequest[] = []
  let now = T0
  const store = new AttentionStore(openDatabase(':memory:'))
  const svc = new AttentionService({
    store,
    sessions: () => sessions,
    pending: () => pending,
    now: () => now,
  })
  let changes = 0
  svc.onChange(() => changes++)
  return {
    svc,
    store,
    sessions,
    setPending: (p: PendingRequest[]) => {
      pending = p
      svc.refresh()
    },
    setNow: (t: number) => (now = t),
    changes: () => changes,
  }
}

let seq = 0
const ev = (type: string, sessionId: string, ts: number, extra: object = {}) =>
  ({ id: `e${++seq}`, type, sessionId, agent: 'claude', ts, ...extra }) as CanonicalEvent

const settle = () => new Promise((r) => setImmediate(r))

/** Every order of three things happening. */
function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs]
  return xs.flatMap((x, i) =>
    permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]),
  )
}

describe('attention queue', () => {
  it('needs you, then failed, then finished, whatever order they happened in', () => {
    const happenings = ['permission', 'failure', 'finish'] as const
    for (const order of permutations([...happenings])) {
      const t = setup()
      order.forEach((what, i) => {
        const at = T0 + (i + 1) * 1000
        if (what === 'permission') t.setPending([request('r1', 'a', at)])
        if (what === 'failure') t.svc.events([ev('stop.failure', 'b', at, { error: 'rate_limit' })])
        if (what === 'finish') t.svc.events([ev('stop', 'c', at)])
      })
      expect(
        t.svc.items().map((i) => [i.kind, i.sessionId]),
        `happened in the order ${order.join(', ')}`,
      ).toEqual([
        ['permission', 'a'],
        ['failed', 'b'],
        ['finished', 'c'],
      ])
    }
  })

  it('within a group, oldest first', () => {
    const t = setup()
    t.setPending([request('late', 'b', T0 + 5000), request('early', 'a', T0 + 1000)])
    t.svc.events([ev('stop', 'd', T0 + 3000), ev('stop', 'c', T0 + 2000)])
    expect(t.svc.items().map((i) => i.id)).toEqual([
      'ask:early',
      'ask:late',
      `finished:c:${T0 + 2000}`,
      `finished:d:${T0 + 3000}`,
    ])
    expect(t.svc.items()[0]).toMatchObject({ title: 'Allow Bash?', requestId: 'early' })
    expect(t.svc.items()[2].eventId).toBeDefined()
  })

  it('handled items leave: an answer, a look, a new turn', () => {
    const t = setup()
    t.setPending([request('r1', 'a', T0 + 1000)])
    t.svc.events([
      ev('stop.failure', 'b', T0 + 2000, { error: 'overloaded' }),
      ev('stop', 'c', T0 + 3000),
    ])
    expect(t.svc.items()).toHaveLength(3)
    t.setPending([])
    expect(t.svc.items().map((i) => i.kind)).toEqual(['failed', 'finished'])
    t.setNow(T0 + 4000)
    t.svc.seen('b')
    expect(t.svc.items().map((i) => i.kind)).toEqual(['finished'])
    t.svc.events([ev('prompt', 'c', T0 + 5000, { text: 'next' })])
    expect(t.svc.items()).toEqual([])
    // A later finish of a session looked at before comes back.
    t.svc.events([ev('stop', 'b', T0 + 6000)])
    expect(t.svc.items().map((i) => [i.kind, i.sessionId])).toEqual([['finished', 'b']])
  })

  it('a subagent stopping is not the turn ending; a running turn hides the last outcome', () => {
    const t = setup()
    t.svc.events([ev('stop', 'a', T0 + 1000, { agentId: 'sub-1' })])
    expect(t.svc.items()).toEqual([])
    t.svc.events([ev('stop', 'a', T0 + 2000)])
    t.sessions[0].status = 'working'
    expect(t.svc.items()).toEqual([])
  })

  it('a session waiting on its terminal (no request held by the app) needs you too', () => {
    const t = setup()
    t.sessions[3].status = 'permission'
    expect(t.svc.items().map((i) => [i.kind, i.sessionId])).toEqual([['permission', 'd']])
  })

  it('a process that ended by itself with an error is a crash, queued with the failures', () => {
    const t = setup()
    t.svc.events([ev('stop', 'a', T0 + 1000)])
    t.setNow(T0 + 2000)
    t.svc.processExited('b', { code: null, signal: 'SIGKILL' })
    t.setNow(T0 + 3000)
    t.svc.processExited('c', { code: 1, signal: null })
    // /exit in the terminal: a clean end, nothing to look at.
    t.svc.processExited('d', { code: 0, signal: null })
    expect(t.svc.items().map((i) => [i.kind, i.sessionId, i.title])).toEqual([
      ['crashed', 'b', 'Crashed (SIGKILL)'],
      ['crashed', 'c', 'Crashed (exit code 1)'],
      ['finished', 'a', 'Finished'],
    ])
    // Looked at, or Claude started again: the crash leaves.
    t.setNow(T0 + 4000)
    t.svc.seen('b')
    t.svc.events([ev('session.start', 'c', T0 + 5000, { source: 'resume' })])
    expect(t.svc.items().map((i) => [i.kind, i.sessionId])).toEqual([['finished', 'a']])
  })

  it('outcomes and looks survive a restart; announcements only on change', async () => {
    const t = setup()
    t.svc.events([ev('stop', 'c', T0 + 1000), ev('stop', 'd', T0 + 2000)])
    t.setNow(T0 + 3000)
    t.svc.seen('d')
    const again = new AttentionService({
      store: t.store,
      sessions: () => t.sessions,
      pending: () => [],
      now: () => T0,
    })
    expect(again.items().map((i) => i.sessionId)).toEqual(['c'])
    await settle()
    const before = t.changes()
    expect(before).toBeGreaterThan(0)
    t.svc.refresh()
    await settle()
    expect(t.changes()).toBe(before)
  })
})
