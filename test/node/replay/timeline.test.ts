/**
 * The timeline's question answered from the store: a window at a resolution, one lane per
 * session, each event in its bucket with the right kind and station; bounded however many events
 * the window holds; the same counts from the per-minute index as from the events themselves.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import { TIMELINE_KINDS } from '@shared/timeline'
import {
  TimelineAnswerSchema,
  TimelineRequestSchema as TimelineRequest,
  type TimelineAnswer,
} from '@shared/contract/replay'
import { openDatabase, type Db } from '../../../src/main/core/store/db'
import { EventStore } from '../../../src/main/core/store/event-store'
import { TimelineIndex } from '../../../src/main/core/replay/timeline/timeline-index'
import {
  TIMELINE_LIMITS,
  TimelineQuery,
  type TimelineLimits,
} from '../../../src/main/core/replay/timeline/timeline-query'

let dir: string
let db: Db
let store: EventStore
const T0 = Date.UTC(2026, 0, 10, 9, 0, 0)
const MIN = 60_000

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-timeline-'))
  db = openDatabase(join(dir, 'atelier.db'))
  store = new EventStore(db, { maxEvents: 1_000_000, maxAgeDays: 3650 }, { writer: 'inline' })
})
afterEach(async () => {
  await store.close()
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

let n = 0
const base = (sessionId: string, ts: number) => ({
  id: `e${++n}`,
  sessionId,
  agent: 'claude' as const,
  ts,
})

async function seed(events: CanonicalEvent[]): Promise<void> {
  const done = events.map((e) => store.append(e))
  await store.drain()
  await Promise.all(done)
}

/** One turn of session `s` starting at `t`: a prompt, Bash that fails, a Read, a wait, a subagent. */
function turn(s: string, t: number): CanonicalEvent[] {
  return [
    { ...base(s, t), type: 'prompt', text: 'fix the build' },
    {
      ...base(s, t + 1_000),
      type: 'tool.start',
      toolUseId: 'u1',
      tool: 'Bash',
      input: { command: 'npm test' },
    },
    {
      ...base(s, t + 2_000),
      type: 'tool.end',
      toolUseId: 'u1',
      tool: 'Bash',
      input: { command: 'npm test' },
      success: false,
      error: 'exit 1',
    },
    {
      ...base(s, t + 3_000),
      type: 'tool.start',
      toolUseId: 'u2',
      tool: 'Read',
      input: { file_path: '/r/a.ts' },
    },
    {
      ...base(s, t + 4_000),
      type: 'tool.end',
      toolUseId: 'u2',
      tool: 'Read',
      input: { file_path: '/r/a.ts' },
      success: true,
    },
    {
      ...base(s, t + 5_000),
      type: 'permission.request',
      requestId: 'p1',
      tool: 'Write',
      input: {},
    },
    { ...base(s, t + 6_000), type: 'subagent.start', subagentId: 'a1', subagentType: 'Explore' },
    { ...base(s, t + 7_000), type: 'stop' },
  ]
}

const count = (a: TimelineAnswer, sessionId: string, kind: (typeof TIMELINE_KINDS)[number]) =>
  a.lanes
    .find((l) => l.sessionId === sessionId)!
    .cells.reduce((sum, c) => sum + c.n[TIMELINE_KINDS.indexOf(kind)], 0)

function query(limits: Partial<TimelineLimits> = {}) {
  const index = new TimelineIndex(db)
  const q = new TimelineQuery(db, index, (id) => (id === 'a' ? 'Alpha' : undefined), {
    ...TIMELINE_LIMITS,
    ...limits,
  })
  return {
    index,
    ask: (from: number, to: number, buckets: number) =>
      TimelineAnswerSchema.parse(q.answer({ from, to, buckets })),
  }
}

describe('timeline query', () => {
  it('places each event in its own bucket at a fine zoom, with its kind, station and words', async () => {
    await seed([...turn('a', T0), ...turn('b', T0 + 10 * MIN)])
    // Ten seconds in 100 ms buckets: every event of session a alone in its bucket.
    const a = query().ask(T0, T0 + 10_000, 100)
    expect(a.resolution).toBe('events')
    expect(a.lanes.map((l) => l.sessionId)).toEqual(['a'])
    expect(a.lanes[0].name).toBe('Alpha')
    const cells = a.lanes[0].cells
    expect(cells.map((c) => [c.b, c.kind, c.station ?? null])).toEqual([
      [0, 'turn', null],
      [10, 'tool', 'terminal'],
      [20, 'fail', null],
      [30, 'tool', 'bookshelf'],
      [40, 'other', null],
      [50, 'wait', null],
      [60, 'sub', null],
      [70, 'end', null],
    ])
    expect(cells[1].event).toMatchObject({
      type: 'tool.start',
      tool: 'Bash',
      text: 'Bash npm test',
    })
    expect(cells[2].event).toMatchObject({
      type: 'tool.end',
      ok: false,
      text: 'Bash failed: exit 1',
    })
    expect(cells[1].at).toBe(T0 + 1_000)
  })

  it('sums a whole turn into one bucket at a coarse zoom, coloured by its most telling kind', async () => {
    await seed([...turn('a', T0), ...turn('b', T0 + 10 * MIN)])
    // An hour in 6 buckets of 10 minutes: each session's turn is one cell.
    const a = query().ask(T0, T0 + 60 * MIN, 6)
    expect(a.bucketMs).toBe(10 * MIN)
    expect(a.lanes.map((l) => [l.sessionId, l.cells.map((c) => c.b)])).toEqual([
      ['a', [0]],
      ['b', [1]],
    ])
    const cell = a.lanes[0].cells[0]
    // A failure outranks the wait, the subagent and the tool calls.
    expect(cell.kind).toBe('fail')
    expect(cell.n).toEqual([1, 2, 1, 1, 1, 1, 1])
    expect(cell.event).toBeUndefined()
    expect([cell.at, cell.last]).toEqual([T0, T0 + 7_000])
    // In between: a minute-wide zoom splits nothing of a 7-second turn but keeps the sessions apart.
    const mid = query().ask(T0, T0 + 60 * MIN, 60)
    expect(mid.lanes.map((l) => l.cells.map((c) => c.b))).toEqual([[0], [10]])
  })

  it('stays within its cell bound by halving the resolution, keeping every event counted', async () => {
    const events: CanonicalEvent[] = []
    for (let i = 0; i < 400; i++) {
      events.push({
        ...base(i % 2 ? 'a' : 'b', T0 + i * 1_000),
        type: 'tool.start',
        toolUseId: `t${i}`,
        tool: 'Grep',
        input: {},
      })
    }
    await seed(events)
    const a = query({ cells: 100 }).ask(T0, T0 + 400_000, 400)
    const cells = a.lanes.reduce((sum, l) => sum + l.cells.length, 0)
    expect(cells).toBeLessThanOrEqual(100)
    expect(a.bucketMs).toBe(8_000)
    expect(count(a, 'a', 'tool') + count(a, 'b', 'tool')).toBe(400)
    expect(a.lanes[0].cells.every((c) => c.station === 'scanner')).toBe(true)
  })

  it('answers a dense window from the per-minute index, with the same counts as the events', async () => {
    const events: CanonicalEvent[] = []
    for (let m = 0; m < 30; m++) events.push(...turn(m % 3 ? 'a' : 'b', T0 + m * MIN + 10_000))
    await seed(events)
    const exact = query().ask(T0, T0 + 30 * MIN, 30)
    expect(exact.resolution).toBe('events')
    // Forced dense: nothing indexed yet, so the events are read past the index's progress.
    const dense = query({ exactEvents: 10 })
    const before = dense.ask(T0, T0 + 30 * MIN, 30)
    expect(before.resolution).toBe('minutes')
    while (dense.index.catchUp(50) > 0);
    expect(dense.index.indexedSeq()).toBe(events.length)
    const after = dense.ask(T0, T0 + 30 * MIN, 30)
    for (const a of [before, after]) {
      expect(a.complete).toBe(true)
      for (const s of ['a', 'b']) {
        for (const k of TIMELINE_KINDS)
          expect([s, k, count(a, s, k)]).toEqual([s, k, count(exact, s, k)])
      }
      expect(a.lanes.find((l) => l.sessionId === 'a')!.cells.map((c) => c.b)).toEqual(
        exact.lanes.find((l) => l.sessionId === 'a')!.cells.map((c) => c.b),
      )
    }
    // Never finer than a minute from the index, however many buckets are asked for.
    expect(dense.ask(T0, T0 + 30 * MIN, 3_000).bucketMs).toBe(MIN)
  })

  it('counts weeks from the hour level, the same as the events', async () => {
    const HOUR = 60 * MIN
    const events: CanonicalEvent[] = []
    for (let h = 0; h < 48; h++) events.push(...turn(h % 2 ? 'a' : 'b', T0 + h * HOUR + 5 * MIN))
    await seed(events)
    const exact = query().ask(T0, T0 + 48 * HOUR, 8)
    const dense = query({ exactEvents: 10 })
    while (dense.index.catchUp(100) > 0);
    const hours = (db.prepare('SELECT count(*) AS n FROM timeline_hours').get() as { n: number }).n
    // One row per session, hour, kind and station: 8 per turn here, not one per event.
    expect(hours).toBe(48 * 8)
    const a = dense.ask(T0, T0 + 48 * HOUR, 8)
    expect(a.resolution).toBe('minutes')
    expect(a.bucketMs).toBe(6 * HOUR)
    expect(a.lanes.reduce((n, l) => n + l.cells.length, 0)).toBe(2 * 9)
    for (const s of ['a', 'b'])
      for (const k of TIMELINE_KINDS)
        expect([s, k, count(a, s, k)]).toEqual([s, k, count(exact, s, k)])
    // Buckets of the index's widths, aligned to them; each cell inside its bucket.
    expect(a.from % (6 * HOUR)).toBe(0)
    for (const lane of a.lanes)
      for (const c of lane.cells) {
        expect(c.at).toBeGreaterThanOrEqual(a.from + c.b * a.bucketMs)
        expect(c.last).toBeLessThan(a.from + (c.b + 1) * a.bucketMs)
      }
  })

  it('says when a dense window is only partly counted yet', async () => {
    const events: CanonicalEvent[] = []
    for (let m = 0; m < 5; m++) events.push(...turn('a', T0 + m * MIN))
    await seed(events)
    const a = query({ exactEvents: 10, unindexedEvents: 20 }).ask(T0, T0 + 5 * MIN, 5)
    expect(a.complete).toBe(false)
  })

  it('drops the index rows of minutes retention emptied', async () => {
    await seed([...turn('a', T0), ...turn('a', T0 + 10 * MIN)])
    const { index } = query()
    index.catchUp(100)
    const rows = () =>
      (db.prepare('SELECT count(*) AS n FROM timeline_minutes').get() as { n: number }).n
    const all = rows()
    db.prepare('DELETE FROM events WHERE ts < ?').run(T0 + 5 * MIN)
    await seed([{ ...base('a', T0 + 20 * MIN), type: 'prompt', text: 'later' }])
    index.catchUp(100)
    expect(rows()).toBe(all / 2 + 1)
  })

  it('answers the commits made during sessions inside the window', async () => {
    await seed(turn('a', T0))
    const insert = db.prepare('INSERT INTO session_commits VALUES (?, ?, ?, ?)')
    insert.run('a', 'c1', 'Fix the build', T0 + 6_000)
    insert.run('a', 'c2', 'Later', T0 + 60 * MIN)
    const a = query().ask(T0, T0 + 10 * MIN, 100)
    expect(a.commits).toEqual([
      { sessionId: 'a', hash: 'c1', subject: 'Fix the build', ts: T0 + 6_000 },
    ])
  })

  it('refuses a window that ends before it starts or too many buckets', () => {
    expect(() => TimelineRequest.parse({ from: 10, to: 5, buckets: 10 })).toThrow()
    expect(() => TimelineRequest.parse({ from: 0, to: 5, buckets: 1_000_000 })).toThrow()
  })
})
