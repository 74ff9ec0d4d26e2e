/**
 * The hook ingest pipeline, one pass: the adapter validates and normalises the payload into
 * canonical events (once), the group-committed store makes them durable, and only then are the
 * events that were new applied to live state — the session registry, the hub (UI delivery) and
 * the observers (permission broker, notifications, git). A duplicate (a retried POST) is answered
 * from the store and changes nothing live. Resolves once the events are durable.
 */
import { randomUUID } from 'node:crypto'
import type { CanonicalEvent } from '@shared/events'
import type { PendingRequest } from '@shared/permissions'
import type { Settlement } from '../permissions/broker'
import { ApiError } from '@shared/contract/define'
import type { AgentAdapter } from '../agents/types'
import type { EventStore } from '../store/event-store'
import type { SessionRegistry } from '../sessions/registry'
import type { Hub } from './hub'
import type { Metrics } from '../metrics/metrics'
import type { CoreProbe } from '../probe'
import type { StatusReport } from '../usage/reports'

export interface HookAuth {
  /** Session bound to the per-session token used, if any. */
  tokenSessionId?: string
  /** X-Atelier-Session header. */
  headerSessionId?: string
  /** X-Atelier-Event-Id header (idempotency key). */
  eventId?: string
  /**
   * Sent with the observer token (global hooks). Such an event may only create or feed an
   * observed session: one from a managed session's own Claude is dropped, since that session's
   * hooks already report it (and answer its questions).
   */
  observer?: boolean
  /**
   * When the event happened (ms), for one that reaches the app late: a remote host's spool
   * replayed after a dropped link. Otherwise it happened as it arrives.
   */
  occurredAt?: number
  /** With `observer`: the host whose observer credential sent it (its sessions carry `hostId`). */
  observerHostId?: string
}

export interface IngestResult {
  sessionId: string
  events: CanonicalEvent[]
  duplicate: boolean
  /** Not stored: an observer's copy of a managed session's event. */
  ignored?: boolean
}

/** A hook's events, made but not stored yet (`Ingest.prepareHook`). */
export interface PreparedHook {
  sessionId: string
  events: CanonicalEvent[]
  /** Not to be stored: an observer's copy of a managed session's event. */
  ignored?: boolean
}

export type EventListener = (events: CanonicalEvent[]) => void
export type StatusListener = (sessionId: string, report: StatusReport) => void

export class Ingest {
  private readonly listeners = new Set<EventListener>()
  private readonly statusListeners = new Set<StatusListener>()
  private readonly adapters = new Map<string, AgentAdapter>()

  constructor(
    private readonly store: EventStore,
    private readonly sessions: SessionRegistry,
    private readonly hub: Hub,
    private readonly metrics: Metrics,
    adapters: AgentAdapter[],
    private readonly probe: CoreProbe = {},
    private readonly now: () => number = Date.now,
  ) {
    for (const a of adapters) this.adapters.set(a.agent, a)
  }

  /** Observers of persisted events (permission broker, notifications, git refresh…). */
  onEvents(cb: EventListener): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  /** Observers of status-line reports (the usage ledger). */
  onStatusLine(cb: StatusListener): () => void {
    this.statusListeners.add(cb)
    return () => this.statusListeners.delete(cb)
  }

  hasAdapter(agent: string): boolean {
    return this.adapters.has(agent)
  }

  private adapter(agent: string): AgentAdapter {
    const adapter = this.adapters.get(agent)
    if (!adapter) throw new ApiError('not_found', `no adapter for agent "${agent}"`)
    return adapter
  }

  /**
   * The agent's status line input, read from the session's status file: updates the session's
   * usage (never stored as an event). A report for a session no longer known is dropped.
   */
  statusLine(agent: string, raw: unknown, sessionId: string): void {
    if (!this.sessions.has(sessionId)) return
    const adapter = this.adapter(agent)
    this.sessions.setUsage(sessionId, adapter.usage(raw))
    if (this.statusListeners.size === 0) return
    const report = adapter.statusReport(raw)
    for (const cb of this.statusListeners) cb(sessionId, report)
  }

  async ingestHook(
    agent: string,
    raw: unknown,
    auth: HookAuth,
    receivedAtHr = performance.now(),
  ): Promise<IngestResult> {
    return this.commitHook(this.prepareHook(agent, raw, auth), receivedAtHr)
  }

  /**
   * The synchronous half of a hook's ingest: validates the payload, finds its session and makes
   * its canonical events. Throws (a clear ApiError) on a payload that cannot be an event, so a
   * caller can answer the hook before its events are stored (http/server.ts, early answers).
   */
  prepareHook(agent: string, raw: unknown, auth: HookAuth): PreparedHook {
    const adapter = this.adapter(agent)
    const env = adapter.envelope(raw)
    if (env.dropped)
      for (const field of env.dropped.fields)
        this.metrics.hookFieldsDropped.inc({ event: env.dropped.event, field })
    // A per-session token pins the session: it cannot write into another session's history.
    const sessionId = auth.observer
      ? this.sessions.resolveObserved(env.agentSessionId, env.cwd, auth.observerHostId)
      : (auth.tokenSessionId ??
        this.sessions.resolve(env.agentSessionId, env.cwd, auth.headerSessionId))
    if (sessionId === null) return { sessionId: '', events: [], ignored: true }
    const events = adapter.toEvents(env, {
      sessionId,
      receivedAt: auth.occurredAt ?? this.now(),
      eventId: auth.eventId,
    })
    for (const e of events) this.sessions.fillToolDuration(e)
    return { sessionId, events }
  }

  /** The asynchronous half: stores the prepared events, then applies the new ones. */
  async commitHook(
    prepared: PreparedHook,
    receivedAtHr = performance.now(),
  ): Promise<IngestResult> {
    if (prepared.ignored) return { sessionId: '', events: [], duplicate: false, ignored: true }
    return this.commit(prepared.sessionId, prepared.events, receivedAtHr)
  }

  /**
   * Stores an interrupt the app witnessed (Claude Code sends no hook for one) exactly as a hook's
   * event, so the feed, the live state and replay all see the turn end.
   */
  async interrupted(sessionId: string, by: 'app' | 'terminal'): Promise<IngestResult> {
    const e: CanonicalEvent = {
      id: randomUUID(),
      type: 'interrupt',
      by,
      sessionId,
      agent: 'claude',
      ts: this.now(),
    }
    return this.commit(sessionId, [e], performance.now())
  }

  /**
   * Stores the end of a managed session's process the app saw (no hook can say so), so the feed
   * and replay close the turn's open calls as the live state did.
   */
  async processExited(
    sessionId: string,
    exit: { code: number | null; signal: string | null },
  ): Promise<IngestResult> {
    const e: CanonicalEvent = {
      id: randomUUID(),
      type: 'process.exit',
      code: exit.code,
      signal: exit.signal,
      sessionId,
      agent: 'claude',
      ts: this.now(),
    }
    return this.commit(sessionId, [e], performance.now())
  }

  /** Stores how a held permission request was settled (the broker's settlement). */
  async settled(
    request: Pick<PendingRequest, 'id' | 'sessionId' | 'toolName'>,
    s: Settlement,
  ): Promise<IngestResult> {
    const e: CanonicalEvent = {
      id: `decision:${request.id}`,
      type: 'permission.decision',
      requestId: request.id,
      tool: request.toolName,
      ...s,
      sessionId: request.sessionId,
      agent: 'claude',
      ts: this.now(),
    }
    return this.commit(request.sessionId, [e], performance.now())
  }

  /** Makes the events durable, then applies the new ones (not duplicates) to live state. */
  private async commit(
    sessionId: string,
    events: CanonicalEvent[],
    receivedAtHr: number,
  ): Promise<IngestResult> {
    const results =
      events.length === 1
        ? [await this.store.append(events[0])]
        : await Promise.all(events.map((e) => this.store.append(e)))
    const fresh: CanonicalEvent[] = []
    for (let i = 0; i < results.length; i++) {
      if (results[i].duplicate) continue
      // The adapter's objects are this pipeline's own: the sequence number is set, not copied in.
      events[i].seq = results[i].seq
      fresh.push(events[i])
      this.ingestedCounter(events[i].type).inc()
    }
    this.metrics.ingestLatency.observe((performance.now() - receivedAtHr) / 1000)
    if (fresh.length > 0) {
      this.probe.committed?.(fresh, receivedAtHr)
      for (const e of fresh) this.sessions.applyEvent(e)
      this.probe.applied?.(fresh, (id) => this.sessions.lifecycle(id))
      this.hub.publishEvents(fresh, receivedAtHr)
      for (const cb of this.listeners) cb(fresh)
    }
    return { sessionId, events: fresh, duplicate: fresh.length === 0 && results.length > 0 }
  }

  /** prom-client hashes a label set on every inc(); the per-type child is looked up once. */
  private readonly ingestedByType = new Map<string, { inc(): void }>()
  private ingestedCounter(type: string): { inc(): void } {
    let counter = this.ingestedByType.get(type)
    if (!counter) {
      counter = this.metrics.eventsIngested.labels({ type })
      this.ingestedByType.set(type, counter)
    }
    return counter
  }
}
