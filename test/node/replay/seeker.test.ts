/**
 * Seek mechanics, independent of which reducer is folded: a state rebuilt from the nearest
 * checkpoint plus the events after it equals the fold of the whole history up to the same cut,
 * at any cut; checkpoints of another reducer version are never resumed from.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import { openDatabase, type Db } from '../../../src/main/core/store/db'
import { EventStore } from '../../../src/main/core/store/event-store'
import type { ReplayFold } from '../../../src/main/core/replay/fold'
import { Seeker } from '../../../src/main/core/replay/seeker'

/** A fold that remembers, per session, how many events it saw and the ids in order (hashed). */
type Tally = Record<string, { count: number; hash: number; last: string }>
const tally = (version = 'tally-1'): ReplayFold<Tally> & { applied: number } => ({
  version,
  applied: 0,
  initial: () => ({}),
  apply(state, e) {
    this.applied++
    const s = (state[e.sessionId] ??= { count: 0, hash: 7, last: '' })
    s.count++
    for (const ch of e.id) s.hash = (s.hash * 31 + ch.charCodeAt(0)) | 0
    s.last = e.type
    return state
  },
})

function foldAll(events: CanonicalEvent[], upToSeq: number): Tally {
  const f = tally()
  let s = f.initial()
  for (const e of events) if ((e.seq ?? 0) <= upToSeq) s = f.apply(s, e)
  return s
}

/** A seeded PRNG (mulberry32): the same instants on every run. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

let dir: string
let db: Db
let store: EventStore
const T0 = Date.UTC(2026, 0, 10)
const stored: CanonicalEvent[] = []

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-seek-'))
  db = openDatabase(join(dir, 'atelier.db'))
  store = new EventStore(db, { maxEvents: 1_000_000, maxAgeDays: 3650 }, { writer: 'inline' })
  stored.length = 0
  const rand = prng(42)
  let ts = T0
  const pending: Promise<unknown>[] = []
  for (let i = 0; i < 2_500; i++) {
    ts += Math.floor(rand() * 3_000)
    const e: CanonicalEvent = {
      id: `ev-${i}`,
      sessionId: `s${Math.floor(rand() * 5)}`,
      agent: 'claude',
      ts,
      type: 'prompt',
      text: `p${i}`,
    }
    pending.push(store.append(e).then((r) => stored.push({ ...e, seq: r.seq })))
  }
  await store.drain()
  await Promise.all(pending)
  stored.sort((a, b) => a.seq! - b.seq!)
})
afterEach(async () => {
  await store.close()
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('seek', () => {
  it('rebuilds the same state as a fold of the whole history, with or without checkpoints', () => {
    const fold = tally()
    const seeker = new Seeker(db, fold, 100)
    const rand = prng(7)
    const cuts = [
      0,
      1,
      99,
      100,
      101,
      2_499,
      2_500,
      2_600,
      ...Array.from({ length: 40 }, () => Math.floor(rand() * 2_600)),
    ]
    for (const seq of cuts) expect(seeker.stateAtSeq(seq).state).toEqual(foldAll(stored, seq))

    expect(seeker.catchUp()).toBe(2_500)
    expect(seeker.checkpointedSeq()).toBe(2_500)
    for (const seq of cuts) {
      fold.applied = 0
      const { state, seq: at } = seeker.stateAtSeq(seq)
      expect(state).toEqual(foldAll(stored, seq))
      expect(at).toBe(Math.min(seq, 2_500))
      // From the nearest checkpoint: never more than one stretch of events folded.
      expect(fold.applied).toBeLessThan(100)
    }
  })

  it('maps an instant to the last event received at or before it', () => {
    const seeker = new Seeker(db, tally(), 100)
    seeker.catchUp()
    const rand = prng(9)
    for (let i = 0; i < 40; i++) {
      const e = stored[Math.floor(rand() * stored.length)]
      const at = e.ts + Math.floor(rand() * 2)
      const expected = stored.filter((x) => x.ts <= at).at(-1)!.seq!
      expect(seeker.cutAt(at)).toBe(expected)
      expect(seeker.stateAt(at).state).toEqual(foldAll(stored, expected))
    }
    expect(seeker.stateAt(T0 - 1)).toEqual({ seq: 0, state: {} })
  })

  it('checkpoints only complete stretches, a bounded number of events per call', async () => {
    const seeker = new Seeker(db, tally(), 100)
    expect(seeker.catchUp(250)).toBe(300)
    expect(seeker.checkpointedSeq()).toBe(300)
    seeker.catchUp()
    expect(seeker.checkpointedSeq()).toBe(2_500)
    const e: CanonicalEvent = {
      id: 'late',
      sessionId: 's1',
      agent: 'claude',
      ts: T0 + 9e9,
      type: 'prompt',
      text: 'x',
    }
    const appended = store.append(e)
    await store.drain()
    const { seq } = await appended
    expect(seeker.catchUp()).toBe(0)
    expect(seeker.stateAtSeq(seq).state).toEqual(foldAll([...stored, { ...e, seq }], seq))
  })

  it('drops checkpoints written by another reducer version', () => {
    new Seeker(db, tally('tally-1'), 100).catchUp()
    const other = tally('tally-2')
    const seeker = new Seeker(db, other, 100)
    expect(seeker.checkpointedSeq()).toBe(0)
    other.applied = 0
    seeker.stateAtSeq(2_000)
    expect(other.applied).toBe(2_000)
  })
})
