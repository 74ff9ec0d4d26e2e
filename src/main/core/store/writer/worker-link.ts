/**
 * The request thread's end of the event-writer thread. Each request gets one reply; a worker that
 * dies fails what it had in flight (those appends were never acknowledged, so nothing
 * acknowledged is lost) and the next request starts a fresh one.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads'
import type { AppendResult, EventRow, RetentionPolicy, SeqBounds } from './batch-writer'
import type { WriterLink } from './link'
import { READY_ID, type WriterReply, type WriterRequest, type WriterStart } from './protocol'

/** What both threads are started with (each also gets its role and its end of their channel). */
export type WriterConfig = Pick<WriterStart, 'file' | 'retention'>

/** How to start the thread: the bundled script (out/main/event-writer.js in the app). */
export interface WriterEntry {
  script: string
}

/** Omit applied to each member of a union (plain Omit would merge the members). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never
/** A request before its id is assigned. */
type RequestBody = DistributiveOmit<WriterRequest, 'id'>
type ReplyValue = Extract<WriterReply, { ok: true }>['value']

interface InFlight {
  resolve: (v: ReplyValue) => void
  reject: (e: Error) => void
}

export class ThreadWriterLink implements WriterLink {
  private worker: Worker | null = null
  private checkpointer: Worker | null = null
  private readonly inFlight = new Map<number, InFlight>()
  private nextId = 1
  private closing = false
  private lastBounds: SeqBounds
  private lastBacklog = 0
  /** Called once if the very first worker fails before it ran (e.g. its script is missing). */
  onStartFailure: (err: Error) => void = () => {}
  private everOnline = false

  constructor(
    private readonly entry: WriterEntry,
    private config: WriterConfig,
    initialBounds: SeqBounds,
  ) {
    this.lastBounds = initialBounds
    this.spawn()
  }

  get bounds(): SeqBounds {
    return this.lastBounds
  }

  get ftsBacklog(): number {
    return this.lastBacklog
  }

  write(rows: EventRow[]): Promise<AppendResult[]> {
    return this.request({ op: 'write', rows }) as Promise<AppendResult[]>
  }

  async setRetention(policy: RetentionPolicy): Promise<void> {
    // A restarted worker must come up with the current policy.
    this.config = { ...this.config, retention: policy }
    await this.request({ op: 'setRetention', policy })
  }

  retentionStep(): Promise<number> {
    return this.request({ op: 'retentionStep' }) as Promise<number>
  }

  async flushIndex(): Promise<void> {
    await this.request({ op: 'flushIndex' })
  }

  async close(): Promise<void> {
    if (this.closing) return
    const worker = this.worker
    if (!worker) {
      this.closing = true
      return
    }
    const ended = [worker, this.checkpointer]
      .filter((w): w is Worker => w !== null)
      .map((w) => new Promise<void>((resolve) => w.once('exit', () => resolve())))
    const closed = this.request({ op: 'close' })
    this.closing = true
    await closed.catch(() => undefined)
    await Promise.all(ended)
  }

  private request(body: RequestBody): Promise<ReplyValue> {
    if (this.closing) return Promise.reject(new Error('event writer is closed'))
    const worker = this.worker ?? this.spawn()
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.inFlight.set(id, { resolve, reject })
      worker.postMessage({ ...body, id } as WriterRequest)
    })
  }

  private startThread(role: WriterStart['role'], peer: MessagePort): Worker {
    const workerData: WriterStart = { ...this.config, role, peer }
    const options = { workerData, transferList: [peer] }
    return new Worker(this.entry.script, options)
  }

  private spawn(): Worker {
    const channel = new MessageChannel()
    const worker = this.startThread('writer', channel.port1)
    const checkpointer = this.startThread('checkpointer', channel.port2)
    // Without it the writer checkpoints by itself (SELF_CHECKPOINT_AFTER_MS): slower, not wrong.
    checkpointer.once('error', (err) =>
      console.error('[store] WAL checkpointer thread failed', err),
    )
    this.worker = worker
    this.checkpointer = checkpointer
    worker.on('message', (reply: WriterReply) => this.settle(reply))
    worker.once('error', (err) => this.lost(worker, err))
    worker.once('exit', (code) => {
      if (!this.closing) this.lost(worker, new Error(`event writer thread ended (code ${code})`))
    })
    return worker
  }

  private settle(reply: WriterReply): void {
    if (reply.id === READY_ID && reply.ok) {
      this.everOnline = true
      this.lastBounds = reply.bounds
      return
    }
    const pending = this.inFlight.get(reply.id)
    if (!pending) return
    this.inFlight.delete(reply.id)
    if (!reply.ok) return pending.reject(new Error(reply.error))
    this.lastBounds = reply.bounds
    this.lastBacklog = reply.ftsBacklog
    pending.resolve(reply.value)
  }

  private lost(worker: Worker, err: Error): void {
    if (this.worker !== worker) return
    this.worker = null
    void this.checkpointer?.terminate()
    this.checkpointer = null
    for (const p of this.inFlight.values()) p.reject(err)
    this.inFlight.clear()
    void worker.terminate()
    if (!this.everOnline) this.onStartFailure(err)
  }
}
