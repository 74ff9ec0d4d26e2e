/**
 * The event store with its writer on worker threads (the default for a database file): appends
 * commit on the writer thread and are visible to reads on the app's connection; the WAL stays
 * bounded because it is checkpointed (by the checkpointer thread) and starts over; close stops both threads; a writer
 * script that cannot start falls back to writing in-thread instead of failing ingest.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import { openDatabase, type Db } from '../../../src/main/core/store/db'
import { EventStore } from '../../../src/main/core/store/event-store'
import { sourceWriterScript } from '../../support/source-writer'
import { recordingLogger } from '../../support/recording-logger'
import { HANG_TIMEOUT_MS } from '../../support/patience'

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
/** The WAL header's checkpoint sequence number: how many times the WAL has started over. */
function walRestarts(): number {
  const header = Buffer.alloc(32)
  const fd = openSync(`${file}-wal`, 'r')
  try {
    return readSync(fd, header, 0, 32, 0) === 32 ? header.readUInt32BE(12) : 0
  } finally {
    closeSync(fd)
  }
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

  it('keeps the WAL bounded under sustained writes: it starts over again and again', async () => {
    const store = threaded()
    const body = 'x'.repeat(400)
    let rows = 0
    const deadline = Date.now() + HANG_TIMEOUT_MS
    try {
      // Without checkpoints the WAL only grows: it holds every page ever written. Once a
      // checkpoint has copied it back, the next write starts it over from the beginning, which
      // bumps the checkpoint sequence number in its header. Keep writing until that happened
      // twice while the writes went on.
      for (let round = 0; walRestarts() < 2; round++) {
        if (Date.now() > deadline) throw new Error(`the WAL never started over (${rows} rows)`)
        await Promise.all(
          Array.from({ length: 300 }, (_, i) =>
            store.append(prompt(`${round} ${i} ${body}`, `s${i % 16}`)),
          ),
        )
        rows += 300
      }
    } finally {
      await store.close()
    }
    expect((db.prepare('SELECT count(*) AS c FROM events').get() as { c: number }).c).toBe(rows)
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
