/**
 * Delivery of pushes to UI clients (Electron windows, headless WebSocket clients). Events are
 * filtered by each client's subscription, coalesced, and sent at most once per frame
 * (DELIVERY_INTERVAL_MS). A client that cannot keep up — its queue or its transport buffer over
 * the limit — gets its queue dropped and a `resync` push, so no buffer grows without bound.
 */
import type { CanonicalEvent } from '@shared/events'
import type { StreamName, StreamPayload } from '@shared/contract'

export const DELIVERY_INTERVAL_MS = 16
export const MAX_CLIENT_QUEUE = 5_000
export const MAX_CLIENT_BUFFERED_BYTES = 8 * 1024 * 1024

export type PushFn = (stream: StreamName, data: unknown) => void

export interface ClientHandle {
  id: string
  push: PushFn
  /** Bytes queued in the transport (WebSocket bufferedAmount); 0 when unknown. */
  buffered?: () => number
}

interface Client extends ClientHandle {
  filter: 'all' | Set<string>
  queue: CanonicalEvent[]
  /**
   * Told to reload (a `resync` push) and not yet subscribed again: nothing is queued for it and
   * no further resync is sent. A client that fell behind would otherwise get a resync on every
   * frame it stays behind, and each reload it started would add to the backlog that made it
   * fall behind (seen at 1,000 events/s on a loaded machine: dozens of reloads in flight and
   * their answers piling up in the socket).
   */
  awaitingReload: boolean
}

/** Streams whose latest value replaces earlier ones within a frame. */
type LatestStream = Exclude<
  StreamName,
  'events' | 'terminal' | 'git' | 'notify' | 'resync' | 'voice'
>

export class Hub {
  private readonly clients = new Map<string, Client>()
  private timer: NodeJS.Timeout | null = null
  private readonly latest = new Map<LatestStream, () => unknown>()
  private readonly keyed = new Map<
    string,
    { stream: StreamName; data: unknown; sessionId?: string }
  >()
  /** When each queued event's hook arrived (performance.now()), for the delivery latency. */
  private readonly receivedAt = new WeakMap<CanonicalEvent, number>()
  resyncs = 0

  /** `observeDeliveryS`: seconds from a hook's arrival to its events' push to a client. */
  constructor(private readonly observeDeliveryS: (seconds: number) => void = () => {}) {}

  connect(handle: ClientHandle): () => void {
    this.clients.set(handle.id, { ...handle, filter: 'all', queue: [], awaitingReload: false })
    return () => this.clients.delete(handle.id)
  }

  get clientCount(): number {
    return this.clients.size
  }

  queueDepths(): { total: number; max: number } {
    let total = 0
    let max = 0
    for (const c of this.clients.values()) {
      total += c.queue.length
      max = Math.max(max, c.queue.length)
    }
    return { total, max }
  }

  subscribe(clientId: string, sessions: 'all' | string[]): void {
    const c = this.clients.get(clientId)
    if (!c) return
    c.filter = sessions === 'all' ? 'all' : new Set(sessions)
    c.awaitingReload = false
  }

  publishEvents(events: CanonicalEvent[], receivedAtHr = performance.now()): void {
    // Nobody listening: nothing to queue, no timer to run (the common case in tests and benches).
    if (events.length === 0 || this.clients.size === 0) return
    for (const e of events) this.receivedAt.set(e, receivedAtHr)
    for (const c of this.clients.values()) {
      if (c.awaitingReload) continue
      for (const e of events) {
        if (c.filter === 'all' || c.filter.has(e.sessionId)) c.queue.push(e)
      }
      if (c.queue.length > MAX_CLIENT_QUEUE) this.resync(c, 'delivery queue overflow')
    }
    this.schedule()
  }

  /** Marks a whole-state stream dirty; its producer is read once at the next flush. */
  publishLatest<S extends LatestStream>(stream: S, produce: () => StreamPayload<S>): void {
    // A client that connects later fetches whole state itself; nothing to remember until then.
    if (this.clients.size === 0) return
    this.latest.set(stream, produce)
    this.schedule()
  }

  /** Keyed pushes (git status per session): only the newest per key is sent per frame. */
  publishKeyed<S extends StreamName>(
    stream: S,
    key: string,
    data: StreamPayload<S>,
    sessionId?: string,
  ): void {
    if (this.clients.size === 0) return
    this.keyed.set(`${stream}:${key}`, { stream, data, sessionId })
    this.schedule()
  }

  /** Immediate pushes that must not be coalesced (terminal output is batched by its source). */
  publishNow<S extends StreamName>(stream: S, data: StreamPayload<S>, sessionId?: string): void {
    for (const c of this.clients.values()) {
      if (sessionId && c.filter !== 'all' && !c.filter.has(sessionId)) continue
      if (this.overloaded(c)) continue
      c.push(stream, data)
    }
  }

  /** A push for one client only (its own dictation results); false when it is not connected. */
  sendTo<S extends StreamName>(clientId: string, stream: S, data: StreamPayload<S>): boolean {
    const c = this.clients.get(clientId)
    if (!c) return false
    c.push(stream, data)
    return true
  }

  private overloaded(c: Client): boolean {
    return (c.buffered?.() ?? 0) > MAX_CLIENT_BUFFERED_BYTES
  }

  private resync(c: Client, reason: string): void {
    c.queue = []
    if (c.awaitingReload) return
    c.awaitingReload = true
    this.resyncs++
    c.push('resync', { reason })
  }

  private schedule(): void {
    if (!this.timer) this.timer = setTimeout(() => this.flush(), DELIVERY_INTERVAL_MS)
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    const latest = [...this.latest.entries()].map(([s, produce]) => [s, produce()] as const)
    this.latest.clear()
    const keyed = [...this.keyed.values()]
    this.keyed.clear()
    const delivered = new Set<CanonicalEvent>()
    for (const c of this.clients.values()) {
      if (this.overloaded(c)) {
        if (c.queue.length > 0) this.resync(c, 'client too slow')
        continue
      }
      try {
        for (const [s, data] of latest) c.push(s, data)
        for (const k of keyed) {
          if (k.sessionId && c.filter !== 'all' && !c.filter.has(k.sessionId)) continue
          c.push(k.stream, k.data)
        }
        if (c.queue.length > 0) {
          const batch = c.queue
          c.queue = []
          c.push('events', { events: batch })
          for (const e of batch) delivered.add(e)
        }
      } catch {
        // A broken transport must not stop delivery to the others; it is removed on close.
      }
    }
    if (delivered.size === 0) return
    const now = performance.now()
    for (const e of delivered) {
      const start = this.receivedAt.get(e)
      if (start !== undefined) this.observeDeliveryS((now - start) / 1000)
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.clients.clear()
  }
}
