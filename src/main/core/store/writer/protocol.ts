/**
 * Messages between the request thread and the event-writer thread. Requests carry an id; each
 * gets exactly one reply with the store's seq bounds after it ran, so the request thread can show
 * counts without asking the database.
 */
import type { MessagePort } from 'node:worker_threads'
import type { AppendResult, EventRow, RetentionPolicy, SeqBounds } from './batch-writer'

/** The thread's first message, once its connection is open: not an answer to any request. */
export const READY_ID = 0

export interface WriterStart {
  role: 'writer' | 'checkpointer'
  file: string
  retention: RetentionPolicy
  /** The other thread's end of the writer ↔ checkpointer channel. */
  peer: MessagePort
}

/** Writer → checkpointer: copy the WAL back now; or stop. */
export type WriterNote = 'checkpoint' | 'close'
/** Checkpointer → writer: few frames left (a short checkpoint lets the WAL restart), or not. */
export type CheckpointerNote = 'caught-up' | 'behind'

export type WriterRequest =
  | { id: number; op: 'write'; rows: EventRow[] }
  | { id: number; op: 'setRetention'; policy: RetentionPolicy }
  /** One retention step (at most RETENTION_CHUNK rows); answers the number deleted. */
  | { id: number; op: 'retentionStep' }
  | { id: number; op: 'flushIndex' }
  | { id: number; op: 'close' }

export type WriterReply =
  | {
      id: number
      ok: true
      value: AppendResult[] | number | null
      bounds: SeqBounds
      ftsBacklog: number
    }
  | { id: number; ok: false; error: string }
