/**
 * The authoritative set of sessions: stored records plus live, derived state (status, current
 * tool, subagents, running tools). Every change is announced through onChange so the hub can push
 * the session list; every per-session map is bounded.
 */
import { randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import type { CanonicalEvent } from '@shared/events'
import {
  SESSION_STATUSES,
  type HexCoord,
  type Session,
  type SessionStatus,
  type SessionUsage,
} from '@shared/sessions'
import { ApiError } from '@shared/contract/define'
import type { SessionRecord, SessionStore } from '../store/session-store'
import {
  initialLifecycle,
  isTurnState,
  reduceSession,
  type LifecycleAction,
  type SessionLifecycle,
} from '@shared/lifecycle'
import { BoundedMap } from '../util/bounded-map'
import { truncate } from '../util/trim'

export type StateListener = (sessionId: string, state: SessionStatus) => void

export const MAX_PENDING_TOOLS_PER_SESSION = 256
export const PENDING_TOOL_TTL_MS = 60 * 60_000
export const MAX_OBSERVED_SESSIONS = 500
const LAST_PROMPT_PREVIEW_CHARS = 300

interface LiveState {
  /** The lifecycle state (status, the turn's open calls, subagents), moved by reduceSession. */
  lc: SessionLifecycle
  alive: boolean
  currentTool?: string
  /** Tool starts by id, for the durations of their ends (bounded, expire by TTL). */
  pendingTools: BoundedMap<string, { tool: string; ts: number }>
}

export class SessionRegistry {
  private readonly records = new Map<string, SessionRecord>()
  private readonly live = new Map<string, LiveState>()
  private readonly listeners = new Set<() => void>()
  private readonly stateListeners = new Set<StateListener>()
  private readonly tokenIndex = new Map<string, string>()

  constructor(
    private readonly store: SessionStore,
    private readonly now: () => number = Date.now,
  ) {
    for (const r of store.all()) this.adopt(r, 'offline')
  }

  private adopt(r: SessionRecord, status: SessionStatus): void {
    this.records.set(r.id, r)
    if (r.token) this.tokenIndex.set(r.token, r.id)
    this.live.set(r.id, {
      lc: initialLifecycle(status, this.now()),
      alive: false,
      pendingTools: new BoundedMap(MAX_PENDING_TOOLS_PER_SESSION, PENDING_TOOL_TTL_MS, this.now),
    })
  }

  onChange(cb: () => void): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  private changed(): void {
    for (const cb of this.listeners) cb()
  }

  /** Called with a session's new lifecycle state each time it changes (cheaper than onChange). */
  onStateChange(cb: StateListener): () => void {
    this.stateListeners.add(cb)
    return () => this.stateListeners.delete(cb)
  }

  private stateChanged(id: string, before: SessionStatus, after: SessionStatus): void {
    if (before === after) return
    for (const cb of this.stateListeners) cb(id, after)
  }

  record(id: string): SessionRecord | undefined {
    return this.records.get(id)
  }

  has(id: string): boolean {
    return this.records.has(id)
  }

  sessionIdForToken(token: string): string | undefined {
    return this.tokenIndex.get(token)
  }

  list(): Session[] {
    return [...this.records.values()]
      .sort((a, b) => a.order - b.order || a.createdAt - b.createdAt)
      .map((r) => this.toPublic(r))
  }

  get(id: string): Session | undefined {
    const r = this.records.get(id)
    return r ? this.toPublic(r) : undefined
  }

  private toPublic(r: SessionRecord): Session {
    const l = this.live.get(r.id)!
    return {
      id: r.id,
      name: r.name,
      cwd: r.cwd,
      status: l.lc.state,
      kind: r.kind,
      backend: r.backend,
      ...(r.hostId ? { hostId: r.hostId } : {}),
      ...(r.claudeSessionId ? { claudeSessionId: r.claudeSessionId } : {}),
      permissionMode: r.permissionMode,
      ...(r.model ? { model: r.model } : {}),
      args: r.args,
      worktree: r.worktree,
      createdAt: r.createdAt,
      lastActivity: r.lastActivity,
      ...(l.currentTool ? { currentTool: l.currentTool } : {}),
      ...(r.lastPrompt ? { lastPrompt: r.lastPrompt } : {}),
      zone: r.zone,
      order: r.order,
      alive: l.alive,
      subagents: Object.keys(l.lc.subagents).length,
      usage: r.usage,
      ...(l.lc.state === 'failed' && l.lc.failure ? { failure: l.lc.failure } : {}),
      ...(l.lc.state === 'offline' && l.lc.exit ? { exit: l.lc.exit } : {}),
    }
  }

  /** Throws a conflict when another session already stands on this hex. */
  assertZoneFree(zone: HexCoord, exceptId?: string): void {
    for (const r of this.records.values()) {
      if (r.id !== exceptId && r.zone?.q === zone.q && r.zone?.r === zone.r) {
        throw new ApiError('conflict', `hex ${zone.q},${zone.r} already holds "${r.name}"`, 'zone')
      }
    }
  }

  nextOrder(): number {
    let max = 0
    for (const r of this.records.values()) max = Math.max(max, r.order)
    return max + 1
  }

  /** Adds or replaces a record (managed sessions are created by the session manager). */
  put(r: SessionRecord, status?: SessionStatus): void {
    const existing = this.live.get(r.id)
    const old = this.records.get(r.id)
    if (old?.token && old.token !== r.token) this.tokenIndex.delete(old.token)
    if (existing) {
      this.records.set(r.id, r)
      if (r.token) this.tokenIndex.set(r.token, r.id)
      if (status) {
        const before = existing.lc.state
        existing.lc = { ...existing.lc, state: status }
        this.stateChanged(r.id, before, status)
      }
    } else {
      this.adopt(r, status ?? 'idle')
    }
    this.store.upsert(r)
    if (r.claudeSessionId) this.store.addAlias(r.claudeSessionId, r.id)
    this.changed()
  }

  update(id: string, patch: Partial<SessionRecord>): SessionRecord | undefined {
    const r = this.records.get(id)
    if (!r) return undefined
    const next = { ...r, ...patch }
    this.put(next)
    return next
  }

  remove(id: string): void {
    const r = this.records.get(id)
    if (!r) return
    if (r.token) this.tokenIndex.delete(r.token)
    this.records.delete(id)
    this.live.delete(id)
    this.store.delete(id)
    this.changed()
  }

  /**
   * The process came up (found running) or went away (with its exit code or signal). A process
   * the app spawns afresh is `dispatch(id, { type: 'process.spawned' })`: starting until
   * SessionStart.
   */
  setAlive(
    id: string,
    alive: boolean,
    exit?: { code: number | null; signal: string | null },
  ): void {
    const l = this.live.get(id)
    if (!l || l.alive === alive) return
    l.alive = alive
    if (!alive) {
      l.pendingTools.clear()
      this.move(id, l, {
        type: 'process.exit',
        ts: this.now(),
        code: exit?.code ?? null,
        signal: exit?.signal ?? null,
      })
    } else this.move(id, l, { type: 'process.adopted', ts: this.now() })
    this.changed()
  }

  /**
   * A process found running again after an app restart (tmux): its turn may still run, so its
   * lifecycle is what its stored history says (`history`: its latest events, oldest first) when
   * that is a turn, rather than a fresh idle. Call before the process is marked alive.
   */
  resumeFromHistory(id: string, history: CanonicalEvent[]): void {
    const l = this.live.get(id)
    const r = this.records.get(id)
    if (!l || !r || history.length === 0) return
    let lc = initialLifecycle('idle', history[0].ts)
    for (const e of history) lc = reduceSession(lc, { type: 'event', event: e }, r.kind)
    if (!isTurnState(lc.state)) return
    l.lc = { ...lc, closed: [] }
    for (const t of lc.tools) l.pendingTools.set(t.toolUseId, { tool: t.tool, ts: t.since })
    l.currentTool = lc.tools.filter((t) => !t.agentId).at(-1)?.tool
    this.changed()
  }

  /** Applies an app action or a process event to the session's lifecycle. */
  dispatch(id: string, action: LifecycleAction): SessionLifecycle | undefined {
    const l = this.live.get(id)
    if (!l) return undefined
    const before = l.lc
    this.move(id, l, action)
    if (l.lc !== before) this.changed()
    return l.lc
  }

  /** The lifecycle state of a session (its open calls, what the last transition closed). */
  lifecycle(id: string): SessionLifecycle | undefined {
    return this.live.get(id)?.lc
  }

  private move(
    id: string,
    l: LiveState,
    input: LifecycleAction | { type: 'event'; event: CanonicalEvent },
  ): void {
    const kind = this.records.get(id)?.kind ?? 'managed'
    const before = l.lc.state
    l.lc = reduceSession(l.lc, input, kind)
    if (l.lc.tools.length === 0) l.currentTool = undefined
    this.stateChanged(id, before, l.lc.state)
  }

  /**
   * Claude refreshes its status line several times a turn, mostly with the same figures: only a
   * real change is stored and announced (each is a database write and a push to every window).
   */
  setUsage(id: string, usage: SessionUsage): void {
    const r = this.records.get(id)
    if (!r) return
    const current = r.usage as Record<string, unknown>
    const same = Object.entries(usage).every(([k, v]) => current[k] === v)
    if (same) return
    this.update(id, { usage: { ...r.usage, ...usage } })
  }

  /**
   * Finds the app session for a hook event: the managed session named by the hook header, else
   * an alias of the agent's session id, else a new observed session (global hooks).
   */
  resolve(agentSessionId: string, cwd: string | undefined, headerSessionId?: string): string {
    if (headerSessionId && this.records.has(headerSessionId)) {
      this.linkAlias(agentSessionId, headerSessionId)
      return headerSessionId
    }
    const alias = this.store.aliasOf(agentSessionId)
    if (alias && this.records.has(alias)) return alias
    return this.createObserved(agentSessionId, cwd)
  }

  /**
   * Like resolve, for an observer credential of global hooks (this machine's, or a host's with
   * `hostId`): null when the agent session is a managed one (its own hooks report it) or an
   * observed one of another place, else the observed session, made on its first event.
   */
  resolveObserved(agentSessionId: string, cwd: string | undefined, hostId?: string): string | null {
    const alias = this.store.aliasOf(agentSessionId)
    const r = alias ? this.records.get(alias) : undefined
    if (r) return r.kind === 'managed' || r.hostId !== hostId ? null : r.id
    return this.createObserved(agentSessionId, cwd, hostId)
  }

  private linkAlias(agentSessionId: string, sessionId: string): void {
    const r = this.records.get(sessionId)!
    if (r.claudeSessionId === agentSessionId) return
    // Every Claude session id seen for this session (after /clear, forks) keeps pointing here.
    this.store.addAlias(agentSessionId, sessionId)
  }

  private createObserved(agentSessionId: string, cwd: string | undefined, hostId?: string): string {
    const observed = [...this.records.values()].filter((r) => r.kind === 'observed')
    if (observed.length >= MAX_OBSERVED_SESSIONS) {
      // Bounded: forget the least recently active observed session.
      const oldest = observed.sort((a, b) => a.lastActivity - b.lastActivity)[0]
      this.remove(oldest.id)
    }
    const now = this.now()
    const record: SessionRecord = {
      id: randomUUID(),
      name: cwd ? basename(cwd) || cwd : `Claude ${agentSessionId.slice(0, 8)}`,
      cwd: cwd ?? '/',
      kind: 'observed',
      backend: null,
      ...(hostId ? { hostId } : {}),
      claudeSessionId: agentSessionId,
      launched: true,
      permissionMode: 'default',
      args: [],
      worktree: null,
      createdAt: now,
      lastActivity: now,
      zone: null,
      order: this.nextOrder(),
      usage: {},
    }
    this.put(record, 'idle')
    this.live.get(record.id)!.alive = true
    return record.id
  }

  /**
   * A tool.end the agent gave no duration gets one from its tool.start, before it is stored.
   * Reads live state and changes none: the event may yet turn out to be a duplicate.
   */
  fillToolDuration(e: CanonicalEvent): void {
    if (e.type !== 'tool.end' || e.durationMs !== undefined) return
    const start = this.live.get(e.sessionId)?.pendingTools.get(e.toolUseId)
    if (start) e.durationMs = Math.max(0, e.ts - start.ts)
  }

  /** Applies a newly stored event to the session's live state (status, tools, subagents). */
  applyEvent(e: CanonicalEvent): void {
    const r = this.records.get(e.sessionId)
    const l = this.live.get(e.sessionId)
    if (!r || !l) return
    switch (e.type) {
      case 'tool.start':
        l.pendingTools.set(e.toolUseId, { tool: e.tool, ts: e.ts })
        if (!e.agentId) l.currentTool = e.tool
        break
      case 'tool.end':
        l.pendingTools.delete(e.toolUseId)
        if (l.currentTool === e.tool) l.currentTool = undefined
        break
      case 'session.start':
        if (r.kind === 'observed') l.alive = true
        break
    }
    if (
      e.type === 'session.end' &&
      r.kind === 'observed' &&
      e.reason !== 'clear' &&
      e.reason !== 'resume'
    ) {
      l.alive = false
    }
    // Time enters the reducer inside its input (the event's receipt time), as it does in replay.
    // A stored exit of a process that was restarted since is history only: the new one runs.
    if (!(e.type === 'process.exit' && l.alive))
      this.move(e.sessionId, l, { type: 'event', event: e })
    const patch: Partial<SessionRecord> = { lastActivity: Math.max(r.lastActivity, e.ts) }
    if (e.type === 'prompt') patch.lastPrompt = truncate(e.text, LAST_PROMPT_PREVIEW_CHARS)
    if (e.type === 'session.start' && e.model && !r.model)
      patch.usage = { ...r.usage, model: e.model }
    // Keep the record in memory; persist activity lazily (flushActivity) to stay off the hot path.
    this.records.set(r.id, { ...r, ...patch })
    this.dirtyActivity.add(r.id)
    this.changed()
  }

  private readonly dirtyActivity = new Set<string>()

  /** Persists lastActivity/lastPrompt of sessions touched by events since the last call. */
  flushActivity(): void {
    for (const id of this.dirtyActivity) {
      const r = this.records.get(id)
      if (r) this.store.upsert(r)
    }
    this.dirtyActivity.clear()
  }

  /** Failsafe sweep: stale "working" sessions become idle; expired maps are trimmed. */
  tick(): void {
    const now = this.now()
    for (const [id, l] of this.live) {
      l.pendingTools.sweep()
      const before = l.lc
      this.move(id, l, { type: 'tick', ts: now })
      if (l.lc !== before) this.changed()
    }
  }

  statusCounts(): Record<SessionStatus, number> {
    const counts = Object.fromEntries(SESSION_STATUSES.map((s) => [s, 0])) as Record<
      SessionStatus,
      number
    >
    for (const l of this.live.values()) counts[l.lc.state]++
    return counts
  }
}
