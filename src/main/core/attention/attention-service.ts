/**
 * The attention queue at work: follows how turns end (from the events), what the broker holds
 * and the sessions' statuses, remembers when the user looked at each session, and announces the
 * queue when it changes.
 */
import type { AttentionItem } from '@shared/attention'
import type { CanonicalEvent } from '@shared/events'
import type { PendingRequest } from '@shared/permissions'
import type { Session } from '@shared/sessions'
import { buildAttention } from './attention-queue'
import type { AttentionStore, SessionAttention, TurnOutcome } from './attention-store'

export interface AttentionServiceOptions {
  store: AttentionStore
  sessions: () => Session[]
  pending: () => PendingRequest[]
  now: () => number
}

export class AttentionService {
  private readonly turns: Map<string, SessionAttention>
  private readonly listeners = new Set<() => void>()
  private last = ''
  private scheduled = false

  constructor(private readonly opts: AttentionServiceOptions) {
    this.turns = opts.store.all()
  }

  onChange(cb: () => void): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  items(): AttentionItem[] {
    return buildAttention({
      sessions: this.opts.sessions(),
      pending: this.opts.pending(),
      turns: this.turns,
    })
  }

  /** How the main agent's turns end; a new turn clears the last one's outcome. */
  events(events: readonly CanonicalEvent[]): void {
    let changed = false
    for (const e of events) {
      if (e.agentId) continue
      let outcome: TurnOutcome | null | undefined
      if (e.type === 'stop') outcome = { kind: 'finished', at: e.ts, eventId: e.id }
      else if (e.type === 'stop.failure')
        // Claude Code reports many API errors as "unknown"; its last message says which.
        outcome = {
          kind: 'failed',
          at: e.ts,
          eventId: e.id,
          detail: e.error === 'unknown' ? (e.text ?? e.details ?? e.error) : e.error,
        }
      else if (e.type === 'prompt' || e.type === 'subagent.result' || e.type === 'claude.notice')
        outcome = null
      // Claude is back after a crash (restarted or resumed): the crash no longer waits.
      else if (
        e.type === 'session.start' &&
        this.turns.get(e.sessionId)?.outcome?.kind === 'crashed'
      )
        outcome = null
      if (outcome === undefined) continue
      const prev = this.turns.get(e.sessionId)
      const next = { outcome, seenAt: prev?.seenAt ?? 0 }
      this.turns.set(e.sessionId, next)
      this.opts.store.put(e.sessionId, next)
      changed = true
    }
    if (changed) this.refresh()
  }

  /**
   * A session's process ended without the app ending it. A clean exit (code 0: the user typed
   * /exit) needs nothing; a non-zero code or a signal is a crash, queued with the failures.
   */
  processExited(sessionId: string, exit: NonNullable<Session['exit']>): void {
    if (exit.code === 0 && exit.signal === null) return
    const prev = this.turns.get(sessionId)
    const next: SessionAttention = {
      outcome: {
        kind: 'crashed',
        at: this.opts.now(),
        detail: exit.signal ?? `exit code ${exit.code ?? 'unknown'}`,
      },
      seenAt: prev?.seenAt ?? 0,
    }
    this.turns.set(sessionId, next)
    this.opts.store.put(sessionId, next)
    this.refresh()
  }

  /** The user looked at the session: its failed or finished turn leaves the queue. */
  seen(sessionId: string): void {
    const prev = this.turns.get(sessionId)
    const next = { outcome: prev?.outcome ?? null, seenAt: this.opts.now() }
    this.turns.set(sessionId, next)
    this.opts.store.put(sessionId, next)
    this.refresh()
  }

  forget(sessionId: string): void {
    this.turns.delete(sessionId)
    this.opts.store.delete(sessionId)
    this.refresh()
  }

  /**
   * Announces the queue if it differs from the last one announced. Called on every session
   * change (each hook event): the queue is rebuilt once per turn of the event loop, not per event.
   */
  refresh(): void {
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      this.announce()
    })
  }

  private announce(): void {
    const key = JSON.stringify(this.items())
    if (key === this.last) return
    this.last = key
    for (const cb of this.listeners) cb()
  }
}
