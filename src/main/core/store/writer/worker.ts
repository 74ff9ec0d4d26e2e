/**
 * The event-writer threads. One module, two roles, each with its own connection:
 *
 * - `writer` does every write to the events table (inserts, deferred search indexing,
 *   retention), so commits never hold the thread that parses hooks. Write requests that arrive
 *   while a batch commits are coalesced: everything queued by the time the thread is free goes
 *   into one transaction.
 * - `checkpointer` copies the WAL back into the database file. A checkpoint ends in an fsync
 *   that takes milliseconds; run inside a commit (SQLite's autocheckpoint) it stalled every
 *   acknowledged request behind it. Here it runs beside the writer, which only has to do a
 *   short final checkpoint, when idle, so that the next write can start the WAL over.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads'
import { openDatabase, type Db } from '../db'
import { EventWriter, type AppendResult, type EventRow } from './batch-writer'
import {
  READY_ID,
  type CheckpointerNote,
  type WriterNote,
  type WriterReply,
  type WriterRequest,
  type WriterStart,
} from './protocol'

/**
 * How often, at most, the writer asks for a checkpoint while it writes. Measured under the
 * ingest benchmark: 50 ms spent twice as long in the writer's final checkpoints; 500 ms let the
 * WAL grow until commits slowed down.
 */
export const CHECKPOINT_INTERVAL_MS = 200
/** The checkpointer has caught up when at most this many WAL frames are left to copy. */
export const CAUGHT_UP_FRAMES = 256
const MAX_CATCH_UP_PASSES = 4
/** If the checkpointer never answers (it died), the writer checkpoints itself this often. */
export const SELF_CHECKPOINT_AFTER_MS = 2_000

type ReplyValue = Extract<WriterReply, { ok: true }>['value']

function serveWriter(port: MessagePort, start: WriterStart, peer: MessagePort): void {
  const db = openDatabase(start.file)
  db.pragma('wal_autocheckpoint = 0')
  const writer = new EventWriter(db, start.retention)
  let writes: Extract<WriterRequest, { op: 'write' }>[] = []
  let scheduled = false
  let closed = false
  let checkpointAsked = false
  let lastAsked = 0
  let lastCheckpoint = performance.now()

  const reply = (id: number, value: ReplyValue) =>
    port.postMessage({
      id,
      ok: true,
      value,
      bounds: writer.bounds,
      ftsBacklog: writer.ftsBacklog,
    } satisfies WriterReply)
  const fail = (id: number, err: unknown) =>
    port.postMessage({
      id,
      ok: false,
      error: err instanceof Error ? err.message : String(err),
    } satisfies WriterReply)

  /** Short: the checkpointer already copied all but the last few frames. */
  function checkpointHere(): void {
    checkpointAsked = false
    lastCheckpoint = performance.now()
    try {
      db.pragma('wal_checkpoint(PASSIVE)')
    } catch (err) {
      console.error('[store] WAL checkpoint failed', err)
    }
  }

  function afterCommit(): void {
    const now = performance.now()
    if (now - lastCheckpoint >= SELF_CHECKPOINT_AFTER_MS) return checkpointHere()
    if (!checkpointAsked && now - lastAsked >= CHECKPOINT_INTERVAL_MS) {
      checkpointAsked = true
      lastAsked = now
      peer.postMessage('checkpoint' satisfies WriterNote)
    }
  }

  function commitQueued(): void {
    scheduled = false
    if (writes.length === 0) return
    const batch = writes
    writes = []
    const rows: EventRow[] = batch.length === 1 ? batch[0].rows : batch.flatMap((w) => w.rows)
    let results: AppendResult[]
    try {
      results = writer.write(rows)
    } catch (err) {
      for (const w of batch) fail(w.id, err)
      return
    }
    let offset = 0
    for (const w of batch) {
      reply(w.id, results.slice(offset, offset + w.rows.length))
      offset += w.rows.length
    }
    afterCommit()
  }

  peer.on('message', (note: CheckpointerNote) => {
    if (closed) return
    if (note === 'caught-up') {
      // Between batches, so no acknowledged request waits for it.
      if (!scheduled) checkpointHere()
      else setImmediate(() => !closed && checkpointHere())
    } else checkpointAsked = false
  })

  reply(READY_ID, null)
  port.on('message', (req: WriterRequest) => {
    if (closed) return fail(req.id, new Error('event writer is closed'))
    if (req.op === 'write') {
      writes.push(req)
      if (!scheduled) {
        scheduled = true
        setImmediate(commitQueued)
      }
      return
    }
    // Everything else runs after the writes sent before it.
    commitQueued()
    try {
      switch (req.op) {
        case 'setRetention':
          writer.setRetention(req.policy)
          return reply(req.id, null)
        case 'retentionStep':
          return reply(req.id, writer.enforceRetentionStep())
        case 'flushIndex':
          writer.flushIndex()
          return reply(req.id, null)
        case 'close':
          closed = true
          writer.close()
          checkpointHere()
          db.close()
          peer.postMessage('close' satisfies WriterNote)
          reply(req.id, null)
          peer.close()
          port.close()
          return
      }
    } catch (err) {
      fail(req.id, err)
    }
  })
}

const left = (r: { log: number; checkpointed: number }) => r.log - r.checkpointed

function serveCheckpointer(start: WriterStart, peer: MessagePort): void {
  let db: Db | null = openDatabase(start.file)
  db.pragma('wal_autocheckpoint = 0')
  const checkpoint = () =>
    (db!.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[])[0]
  const stop = () => {
    db?.close()
    db = null
    peer.close()
  }
  // The writer's end closes with the writer's thread, whether it said 'close' or died.
  peer.once('close', stop)
  peer.on('message', (note: WriterNote) => {
    if (!db) return
    if (note === 'close') return stop()
    let answer: CheckpointerNote = 'behind'
    try {
      let r = checkpoint()
      // The writer kept writing during the pass: go again while the rest is still large.
      for (let pass = 1; pass < MAX_CATCH_UP_PASSES && left(r) > CAUGHT_UP_FRAMES; pass++)
        r = checkpoint()
      if (left(r) <= CAUGHT_UP_FRAMES) answer = 'caught-up'
    } catch (err) {
      console.error('[store] background WAL checkpoint failed', err)
    }
    peer.postMessage(answer)
  })
}

if (parentPort) {
  const start = workerData as WriterStart
  if (start.role === 'checkpointer') serveCheckpointer(start, start.peer)
  else serveWriter(parentPort, start, start.peer)
}
