/**
 * Prompts wait here instead of being typed into a busy terminal: a prompt for a session that is
 * working, waiting on a question or a permission, starting, or held (parked, over budget) is
 * queued; each time the session is ready for input and not held, the first queued prompt is sent.
 * Queues are visible, editable and reorderable, bounded, and stored (docs/fleet.md).
 */
import { randomUUID } from 'node:crypto'
import { ApiError } from '@shared/contract/define'
import { MAX_QUEUED_PROMPTS, type QueuedPrompt } from '@shared/fleet'
import type { Logger } from '../log/logger'
import type { PromptStore } from './prompt-store'

/** What may happen to a prompt for a session right now. */
export type PromptGate = { kind: 'send' } | { kind: 'queue' } | { kind: 'refuse'; message: string }

/**
 * After a prompt is sent, the next waits until the session shows it took it (its turn started,
 * or a command such as /clear or /compact ran); this long at most, for commands that show
 * nothing.
 */
export const SUBMIT_WAIT_MS = 30_000

export interface PromptQueueOptions {
  store: PromptStore
  gate: (sessionId: string) => PromptGate
  send: (sessionId: string, text: string) => Promise<void>
  now: () => number
  log: Logger
}

export class PromptQueue {
  private readonly queues: Map<string, QueuedPrompt[]>
  /** Sessions a queued prompt was just sent to, until their turn starts. */
  private readonly inflight = new Map<string, NodeJS.Timeout>()
  private readonly listeners = new Set<() => void>()

  constructor(private readonly opts: PromptQueueOptions) {
    this.queues = opts.store.all()
  }

  onChange(cb: () => void): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  list(sessionId: string): QueuedPrompt[] {
    return this.queues.get(sessionId) ?? []
  }

  all(): Record<string, QueuedPrompt[]> {
    return Object.fromEntries(this.queues)
  }

  /**
   * A prompt for a session: sent now when it can take one and nothing waits before it, else
   * queued. Throws when the session cannot take prompts at all (no process).
   */
  async submit(sessionId: string, text: string): Promise<{ queued: QueuedPrompt | null }> {
    const gate = this.opts.gate(sessionId)
    if (gate.kind === 'refuse') throw new ApiError('conflict', gate.message)
    if (
      gate.kind === 'send' &&
      this.list(sessionId).length === 0 &&
      !this.inflight.has(sessionId)
    ) {
      await this.opts.send(sessionId, text)
      this.markInflight(sessionId)
      return { queued: null }
    }
    const queue = this.list(sessionId)
    if (queue.length >= MAX_QUEUED_PROMPTS)
      throw new ApiError(
        'conflict',
        `${MAX_QUEUED_PROMPTS} prompts already wait for this session: send or remove some first`,
      )
    const prompt: QueuedPrompt = { id: randomUUID(), sessionId, text, createdAt: this.opts.now() }
    this.save(sessionId, [...queue, prompt])
    return { queued: prompt }
  }

  private find(id: string): { queue: QueuedPrompt[]; index: number } {
    for (const queue of this.queues.values()) {
      const index = queue.findIndex((p) => p.id === id)
      if (index !== -1) return { queue, index }
    }
    throw new ApiError(
      'not_found',
      `no queued prompt with id "${id}" (it may have been sent)`,
      'id',
    )
  }

  edit(id: string, text: string): QueuedPrompt {
    const { queue, index } = this.find(id)
    const next = { ...queue[index], text }
    const copy = [...queue]
    copy[index] = next
    this.save(next.sessionId, copy)
    return next
  }

  /** Moves a queued prompt to `index` (0 is sent first). */
  move(id: string, index: number): void {
    const { queue, index: from } = this.find(id)
    const copy = [...queue]
    const [p] = copy.splice(from, 1)
    copy.splice(Math.max(0, Math.min(index, copy.length)), 0, p)
    this.save(p.sessionId, copy)
  }

  remove(id: string): void {
    const { queue, index } = this.find(id)
    const sessionId = queue[index].sessionId
    this.save(
      sessionId,
      queue.filter((_, i) => i !== index),
    )
  }

  /** The session was deleted: its queue goes with it. */
  forget(sessionId: string): void {
    clearTimeout(this.inflight.get(sessionId))
    this.inflight.delete(sessionId)
    if (this.queues.has(sessionId)) this.save(sessionId, [])
  }

  /** The session took the prompt sent last (a turn started, a command ran). */
  accepted(sessionId: string): void {
    const t = this.inflight.get(sessionId)
    if (t === undefined) return
    clearTimeout(t)
    this.inflight.delete(sessionId)
  }

  /** Sends the first queued prompt of every session that can take one now. */
  drain(): void {
    for (const sessionId of [...this.queues.keys()]) void this.drainOne(sessionId)
  }

  private async drainOne(sessionId: string): Promise<void> {
    const queue = this.list(sessionId)
    if (queue.length === 0 || this.inflight.has(sessionId)) return
    if (this.opts.gate(sessionId).kind !== 'send') return
    const [head, ...rest] = queue
    this.save(sessionId, rest)
    this.markInflight(sessionId)
    try {
      await this.opts.send(sessionId, head.text)
    } catch (err) {
      // Not lost: back at the front, to go with the next chance.
      this.accepted(sessionId)
      this.save(sessionId, [head, ...this.list(sessionId)])
      this.opts.log.warn(`a queued prompt for ${sessionId} could not be sent`, err)
    }
  }

  private markInflight(sessionId: string): void {
    clearTimeout(this.inflight.get(sessionId))
    const t = setTimeout(() => {
      this.inflight.delete(sessionId)
      this.drain()
    }, SUBMIT_WAIT_MS)
    t.unref()
    this.inflight.set(sessionId, t)
  }

  private save(sessionId: string, queue: QueuedPrompt[]): void {
    if (queue.length === 0) this.queues.delete(sessionId)
    else this.queues.set(sessionId, queue)
    this.opts.store.save(sessionId, queue)
    for (const cb of this.listeners) cb()
  }

  close(): void {
    for (const t of this.inflight.values()) clearTimeout(t)
    this.inflight.clear()
  }
}
