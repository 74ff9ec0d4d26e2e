/**
 * The event store on its own database: retention by count and by age (incremental, bounded
 * database), FTS search over prompts / assistant text / commands / file paths with hostile query
 * text, and a startup that does not depend on the number of stored rows.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import { openDatabase, type Db } from '../../../src/main/core/store/db'
import { EventStore, RETENTION_CHUNK } from '../../../src/main/core/store/event-store'

const DAY_MS = 86_400_000
let dir: string
let db: Db
let clock: number
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-store-'))
  db = openDatabase(join(dir, 'atelier.db'))
  clock = Date.UTC(2026, 0, 10)
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

let n = 0
function prompt(text: string, ts = clock, sessionId = 's1'): CanonicalEvent {
  return { id: `e${++n}`, sessionId, agent: 'claude', ts, type: 'prompt', text }
}
function bash(command: string, filePath?: string): CanonicalEvent {
  return {
    id: `e${++n}`,
    sessionId: 's1',
    agent: 'claude',
    ts: clock,
    type: 'tool.start',
    toolUseId: `toolu_${n}`,
    tool: filePath ? 'Edit' : 'Bash',
    input: filePath ? { file_path: filePath, old_string: 'a', new_string: 'b' } : { command },
  }
}
const rowCount = (table: string) =>
  (db.prepare(`SELECT count(*) AS c FROM ${table}`).get() as { c: number }).c

/** In-thread writer with the test's clock (a writer thread always uses the real one). */
const inline = { writer: 'inline' as const, now: () => clock }

async function appendAll(store: EventStore, events: CanonicalEvent[]): Promise<void> {
  const done = Promise.all(events.map((e) => store.append(e)))
  await store.drain()
  await done
}

describe('retention', () => {
  it('keeps at most maxEvents, deleting the oldest in chunks (events and their FTS rows)', async () => {
    const store = new EventStore(db, { maxEvents: 500, maxAgeDays: 365 }, inline)
    for (let round = 0; round < 10; round++) {
      await appendAll(
        store,
        Array.from({ length: 300 }, (_, i) => prompt(`batch${round} item ${i}`)),
      )
      await store.enforceRetention()
      expect(rowCount('events')).toBeLessThanOrEqual(500)
    }
    expect(rowCount('events')).toBe(500)
    expect(rowCount('events_fts')).toBe(500)
    const { events } = await store.list({ limit: 5000 })
    expect(events[0].type === 'prompt' && events[0].text).toBe('batch9 item 299')
    expect(store.approximateCount).toBe(500)
    expect(await store.search('batch0')).toEqual([])
  })

  it('each step deletes at most RETENTION_CHUNK rows, so no delete holds a long lock', async () => {
    const store = new EventStore(db, { maxEvents: 1_000_000, maxAgeDays: 365 }, inline)
    await appendAll(
      store,
      Array.from({ length: RETENTION_CHUNK * 2 + 10 }, (_, i) => prompt(`p${i}`)),
    )
    store.setRetention({ maxEvents: 5, maxAgeDays: 365 })
    expect(await store.enforceRetentionStep()).toBe(RETENTION_CHUNK)
    expect(await store.enforceRetentionStep()).toBe(RETENTION_CHUNK)
    expect(await store.enforceRetentionStep()).toBe(5)
    expect(await store.enforceRetentionStep()).toBe(0)
    expect(rowCount('events')).toBe(5)
  })

  it('drops events older than maxAgeDays', async () => {
    const store = new EventStore(db, { maxEvents: 1_000_000, maxAgeDays: 7 }, inline)
    await appendAll(store, [
      ...Array.from({ length: 50 }, (_, i) => prompt(`ancient ${i}`, clock - 30 * DAY_MS)),
      ...Array.from({ length: 20 }, (_, i) => prompt(`old ${i}`, clock - 8 * DAY_MS)),
      ...Array.from({ length: 10 }, (_, i) => prompt(`fresh ${i}`, clock - 1 * DAY_MS)),
    ])
    await store.enforceRetention()
    const texts = (await store.list({ limit: 100 })).events.map((e) =>
      e.type === 'prompt' ? e.text : '',
    )
    expect(texts).toHaveLength(10)
    expect(texts.every((t) => t.startsWith('fresh'))).toBe(true)
    expect(rowCount('events_fts')).toBe(10)
  })

  it('runs incrementally as events arrive: the database stops growing', async () => {
    const store = new EventStore(db, { maxEvents: 1_000, maxAgeDays: 365 }, inline)
    const sizes: number[] = []
    for (let round = 0; round < 20; round++) {
      await appendAll(
        store,
        Array.from({ length: 500 }, (_, i) => prompt(`${round}-${i} `.padEnd(200, 'x'))),
      )
      sizes.push(rowCount('events'))
    }
    // Flushes alone (no explicit enforceRetention) keep the table near the limit: at most one
    // chunk of slack (deleted as a whole) plus the batch in flight.
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1_000 + RETENTION_CHUNK + 500)
    expect(sizes.at(-1)).toBeLessThanOrEqual(1_000 + RETENTION_CHUNK)
    db.pragma('wal_checkpoint(TRUNCATE)')
    const pages = db.pragma('page_count', { simple: true }) as number
    const pageSize = db.pragma('page_size', { simple: true }) as number
    // 1,000 rows of ~500 bytes with FTS: far below what 10,000 rows would take.
    expect(pages * pageSize).toBeLessThan(4 * 1024 * 1024)
  })
})

describe('full-text search', () => {
  it('finds prompts, assistant text, commands and file paths', async () => {
    const store = new EventStore(db, { maxEvents: 1_000, maxAgeDays: 365 }, inline)
    await appendAll(store, [
      prompt('Refactor the tokenizer for speed'),
      {
        id: 'a1',
        sessionId: 's2',
        agent: 'claude',
        ts: clock,
        type: 'assistant.text',
        text: 'The quicksilver cache is warm now',
      },
      {
        id: 'st1',
        sessionId: 's1',
        agent: 'claude',
        ts: clock,
        type: 'stop',
        text: 'All done with the zeppelin migration',
      },
      bash('npm run lint -- --fix'),
      bash('', '/home/dev/src/components/HexGrid.tsx'),
    ])
    const hit = async (q: string, sessionId?: string) =>
      (await store.search(q, 50, sessionId)).map((r) => r.event.id)
    expect(await hit('tokenizer')).toEqual(['e' + String(n - 2)])
    expect(await hit('quicksilver')).toEqual(['a1'])
    expect(await hit('zeppelin')).toEqual(['st1'])
    expect(await hit('lint --fix')).toHaveLength(1)
    expect(await hit('HexGrid.tsx')).toHaveLength(1)
    expect(await hit('hexgr')).toHaveLength(1) // last word is a prefix, case-insensitive
    expect(await hit('quicksilver', 's1')).toEqual([])
    expect((await store.search('tokenizer'))[0].snippet).toContain('[tokenizer]')
  })

  it('treats FTS operators and special characters as literal text', async () => {
    const store = new EventStore(db, { maxEvents: 1_000, maxAgeDays: 365 }, inline)
    await appendAll(store, [prompt('fix "quoted" AND NOT (grouped) col:on * star ^caret')])
    const hostile = [
      '"',
      '""',
      '*',
      'AND',
      'NOT',
      'OR',
      '(',
      ')',
      'col:on',
      'NEAR(a b)',
      '^caret',
      '-',
      "'; DROP TABLE events; --",
      '\u0000',
      '🙂',
      '   ',
    ]
    for (const q of hostile) await expect(store.search(q), q).resolves.toBeInstanceOf(Array)
    expect(await store.search('(grouped)')).toHaveLength(1)
    expect(await store.search('col:on')).toHaveLength(1)
    expect(await store.search('"quoted"')).toHaveLength(1)
    expect(rowCount('events')).toBe(1)
  })
})

describe('deferred FTS indexing', () => {
  it('indexes after a crash: events committed but not yet indexed are indexed at the next start', async () => {
    const file = join(dir, 'crash.db')
    const first = openDatabase(file)
    const store = new EventStore(first, { maxEvents: 1_000, maxAgeDays: 365 }, inline)
    await appendAll(store, [prompt('orphaned walrus text'), prompt('second walrus')])
    // The events are committed (their appends resolved); the process dies before indexing.
    expect((first.prepare('SELECT count(*) AS c FROM events_fts').get() as { c: number }).c).toBe(0)
    first.close()
    const second = openDatabase(file)
    try {
      const reopened = new EventStore(second, { maxEvents: 1_000, maxAgeDays: 365 }, inline)
      expect(await reopened.search('walrus')).toHaveLength(2)
      expect(
        (second.prepare('SELECT count(*) AS c FROM events_fts').get() as { c: number }).c,
      ).toBe(2)
      await reopened.close()
    } finally {
      second.close()
    }
  })

  it('a search sees events appended a moment ago', async () => {
    const store = new EventStore(db, { maxEvents: 1_000, maxAgeDays: 365 }, inline)
    const pending = store.append(prompt('immediately searchable narwhal'))
    expect(await store.search('narwhal')).toHaveLength(1)
    await pending
  })
})
