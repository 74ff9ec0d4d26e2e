/**
 * The event store with its writer on worker threads (the default for a database file): appends
 * commit on the writer thread and are visible to reads on the app's connection; the WAL stays
 * bounded because the checkpointer thread copies it back; close stops both threads; a writer
 * script that cannot start falls back to writing in-thread instead of failing ingest.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import { openDatabase, type Db } from '../../../src/main/core/store/db'
import { EventStore } from '../../../src/main/core/store/event-store'
import { sourceWriterScript } from '../../support/source-writer'
import { recordingLogger } from '../../support/recording-logger'

let dir: string
let db: Db
let file: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-writer-'))
  file = join(dir, 'atelier.db')
  db = openDatabase(file)
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

const retention = { maxEvents: 1_000_000, maxAgeDays: 365 }
let n = 0
function prompt(text: string, sessionId = 's1'): CanonicalEvent {
  return { id: `w${++n}`, sessionId, agent: 'claude', ts: Date.now(), type: 'prompt', text }
}
const threaded = () =>
  new EventStore(db, retention, { writer: { entry: { script: sourceWriterScript() } } })

describe('event writer thread', () => {
  it('commits on its own connection; reads here see every acknowledged append', async () => {
    const store = threaded()
    try {
      const first = await store.append(prompt('the albatross circles'))
      const again = await store.append({ ...prompt('ignored'), id: `w${n - 1}` })
      expect(first.duplicate).toBe(false)
      expect(again).toEqual({ seq: first.seq, duplicate: true })
      const many = await Promise.all(
        Array.from({ length: 500 }, (_, i) => store.append(prompt(`row ${i}`, `s${i % 7}`))),
      )
      expect(new Set(many.map((r) => r.seq)).size).toBe(500)
      expect(store.lastSeq).toBe(Math.max(...many.map((r) => r.seq)))
      expect(store.approximateCount).toBe(501)
      // A second connection (a restarted app) sees the rows: they are committed, not cached.
      const other = openDatabase(file)
      expect((other.prepare('SELECT count(*) AS c FROM events').get() as { c: number }).c).toBe(501)
      other.close()
      expect((await store.list({ sessionId: 's3', limit: 1000 })).events).toHaveLength(71)
      expect(await store.search('albatross')).toHaveLength(1)
    } finally {
      await store.close()
    }
  })

  it('keeps the WAL bounded under sustained writes: the checkpointer copies it back', async () => {
    const store = threaded()
    const body = 'x'.repeat(400)
    let rows = 0
    try {
      // Sustained writes for longer than several checkpoint intervals (and shorter than the
      // writer's own fallback checkpoint), paced so a loaded machine writes less, not later.
      const started = Date.now()
      for (let round = 0; Date.now() - started < 1_500; round++) {
        await Promise.all(
          Array.from({ length: 300 }, (_, i) =>
            store.append(prompt(`${round} ${i} ${body}`, `s${i % 16}`)),
          ),
        )
        rows += 300
        await new Promise((r) => setTimeout(r, 10))
      }
    } finally {
      await store.close()
    }
    expect((db.prepare('SELECT count(*) AS c FROM events').get() as { c: number }).c).toBe(rows)
    // Without checkpoints the WAL holds every page ever written — more than the database file
    // itself; with them it starts over and holds only the last interval's pages.
    const walBytes = statSync(`${file}-wal`).size
    const dbBytes = statSync(file).size
    expect(walBytes).toBeLessThan(dbBytes / 2)
  })

  it('close commits what is queued, then appends are refused', async () => {
    const store = threaded()
    const queued = store.append(prompt('last words'))
    await store.close()
    await expect(queued).resolves.toMatchObject({ duplicate: false })
    await expect(store.append(prompt('too late'))).rejects.toThrow(/closed/)
    expect((db.prepare('SELECT count(*) AS c FROM events').get() as { c: number }).c).toBe(1)
  })

  it('falls back to writing in-thread when the writer script cannot start', async () => {
    const log = recordingLogger()
    const store = new EventStore(db, retention, {
      writer: { entry: { script: join(dir, 'missing-writer.js') } },
      log,
    })
    try {
      // The first append may be refused (it went to the thread that failed); none after it is.
      await store.append(prompt('first')).catch(() => undefined)
      await expect(store.append(prompt('second'))).resolves.toMatchObject({ duplicate: false })
      expect((await store.list({ limit: 10 })).events.map((e) => e.id)).toContain(`w${n}`)
      expect(
        log.entries.some((e) => e.level === 'error' && e.text.includes('writing in-thread')),
      ).toBe(true)
    } finally {
      await store.close()
    }
  })
})
