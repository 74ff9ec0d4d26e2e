/** The timeline's reads: the span of the history and a stretch of it, paged, per session. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import { openDatabase, type Db } from '../../../src/main/core/store/db'
import { EventStore } from '../../../src/main/core/store/event-store'
import { ReplayHistory } from '../../../src/main/core/replay/history'

let dir: string
let db: Db
let store: EventStore
const T0 = Date.UTC(2026, 0, 10)

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-history-'))
  db = openDatabase(join(dir, 'atelier.db'))
  store = new EventStore(db, { maxEvents: 100_000, maxAgeDays: 3650 }, { writer: 'inline' })
})
afterEach(async () => {
  await store.close()
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

async function seed(n: number): Promise<void> {
  const done: Promise<unknown>[] = []
  for (let i = 0; i < n; i++) {
    const e: CanonicalEvent = {
      id: `e${i}`,
      sessionId: i % 3 === 0 ? 'a' : 'b',
      agent: 'claude',
      ts: T0 + i * 1_000,
      type: 'prompt',
      text: `p${i}`,
    }
    done.push(store.append(e))
  }
  await store.drain()
  await Promise.all(done)
}

describe('replay history', () => {
  it('has no span while empty, then spans the first to the last event', async () => {
    const history = new ReplayHistory(db)
    expect(history.span()).toBeNull()
    await seed(10)
    expect(history.span()).toEqual({ firstSeq: 1, lastSeq: 10, firstTs: T0, lastTs: T0 + 9_000 })
  })

  it('pages a stretch in seq order up to its end instant, for chosen sessions', async () => {
    await seed(100)
    const history = new ReplayHistory(db)
    const seen: string[] = []
    let afterSeq = history.cutAt(T0 + 9_500)
    for (;;) {
      const page = history.range({ afterSeq, to: T0 + 60_000, limit: 7, sessionIds: ['a'] })
      seen.push(...page.events.map((e) => e.id))
      expect(page.events.every((e) => e.sessionId === 'a')).toBe(true)
      afterSeq = page.nextSeq
      if (!page.hasMore) break
    }
    const expected = Array.from({ length: 100 }, (_, i) => i)
      .filter((i) => i >= 10 && i <= 60 && i % 3 === 0)
      .map((i) => `e${i}`)
    expect(seen).toEqual(expected)
  })
})
