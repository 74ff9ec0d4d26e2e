/**
 * Cumulative usage that never goes down. Claude Code counts per agent session (its session id):
 * the status line's cost restarts at zero after /clear (a new id) and comes back restored on
 * --resume (the same id); /compact keeps counting. So the ledger keeps one running total per
 * agent session, only ever raises it, and adds each rise to the app session's totals, to the
 * day it was seen on, and to the turn it happened in. A session's total is the sum of its agent
 * sessions' (docs/usage.md).
 */
import type { Clock } from '../util/clock'
import {
  addTokens,
  totalTokens,
  ZERO_TOKENS,
  type ContextUse,
  type SessionUsageReport,
  type TokenCounts,
  type TurnUsage,
  type UsageFigures,
} from '@shared/usage'
import type { AgentTotals, UsageDelta, UsageStore } from './usage-store'

/** Recent rises kept per session, for "who consumes most" over the burn-rate horizon. */
export const MAX_RECENT_RISES = 512
export const RECENT_RISES_MS = 24 * 60 * 60_000

export interface Rise {
  at: number
  costUsd: number
  tokens: number
}

interface SessionState {
  agents: Map<string, AgentTotals>
  turn?: TurnUsage & { base: UsageFigures }
  context?: ContextUse
  source: SessionUsageReport['source']
  updatedAt: number
  recent: Rise[]
}

/** What a new reading says an agent session's totals are now (each part optional). */
export interface Reading {
  costUsd?: number
  /** The cost above is Claude Code's own figure (status line, its totals); else an estimate. */
  costReported?: boolean
  tokens?: TokenCounts
}

const maxTokens = (a: TokenCounts, b: TokenCounts): TokenCounts => ({
  input: Math.max(a.input, b.input),
  output: Math.max(a.output, b.output),
  cacheWrite: Math.max(a.cacheWrite, b.cacheWrite),
  cacheRead: Math.max(a.cacheRead, b.cacheRead),
})

const minusTokens = (a: TokenCounts, b: TokenCounts): TokenCounts => ({
  input: a.input - b.input,
  output: a.output - b.output,
  cacheWrite: a.cacheWrite - b.cacheWrite,
  cacheRead: a.cacheRead - b.cacheRead,
})

/** Local calendar day of a time, YYYY-MM-DD. */
export function localDay(ms: number): string {
  const d = new Date(ms)
  const two = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`
}

export class UsageLedger {
  private readonly sessions = new Map<string, SessionState>()
  private readonly listeners = new Set<(sessionId: string) => void>()

  constructor(
    private readonly store: UsageStore,
    private readonly clock: Clock,
    /** The repository a session's usage is counted under (its git root, else its folder). */
    private readonly repoOf: (sessionId: string) => string,
  ) {
    for (const a of store.agents()) this.state(a.sessionId).agents.set(a.agentSessionId, a)
  }

  onChange(cb: (sessionId: string) => void): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  private state(sessionId: string): SessionState {
    let s = this.sessions.get(sessionId)
    if (!s) {
      s = { agents: new Map(), source: 'none', updatedAt: 0, recent: [] }
      this.sessions.set(sessionId, s)
    }
    return s
  }

  /** A new reading of one agent session's totals: only rises count. */
  read(sessionId: string, agentSessionId: string, reading: Reading): void {
    const s = this.state(sessionId)
    const before = s.agents.get(agentSessionId) ?? {
      agentSessionId,
      sessionId,
      costUsd: 0,
      costReported: false,
      tokens: ZERO_TOKENS,
    }
    const tokens = reading.tokens ? maxTokens(before.tokens, reading.tokens) : before.tokens
    let costUsd = before.costUsd
    if (reading.costUsd !== undefined) costUsd = Math.max(costUsd, reading.costUsd)
    const after: AgentTotals = {
      agentSessionId,
      sessionId,
      costUsd,
      costReported: before.costReported || Boolean(reading.costReported),
      tokens,
    }
    const delta: UsageDelta = {
      tokens: minusTokens(after.tokens, before.tokens),
      costUsd: after.costUsd - before.costUsd,
    }
    const changed =
      delta.costUsd > 0 ||
      totalTokens(delta.tokens) > 0 ||
      after.costReported !== before.costReported
    s.agents.set(agentSessionId, after)
    if (!changed) return
    const now = this.clock.now()
    if (s.turn) {
      s.turn.usage = this.totalsOf(s, s.turn.base)
    }
    if (delta.costUsd > 0 || totalTokens(delta.tokens) > 0) {
      s.recent.push({ at: now, costUsd: delta.costUsd, tokens: totalTokens(delta.tokens) })
      this.pruneRecent(s, now)
    }
    s.updatedAt = now
    this.store.record(
      after,
      delta,
      { day: localDay(now), repo: this.repoOf(sessionId), now },
      s.turn ? this.publicTurn(s.turn) : undefined,
    )
    this.emit(sessionId)
  }

  /** The context of the session's last model call, and where its figures come from. */
  context(
    sessionId: string,
    context: ContextUse | undefined,
    source: 'status-line' | 'transcript',
  ): void {
    const s = this.state(sessionId)
    // A status line outranks the transcript: it knows the context window's size.
    if (source === 'transcript' && s.source === 'status-line') return
    const same = JSON.stringify(s.context) === JSON.stringify(context) && s.source === source
    if (context) s.context = context
    s.source = source
    if (same) return
    s.updatedAt = this.clock.now()
    this.emit(sessionId)
  }

  /** A turn began (a prompt, or Claude's own injected message): the last one is closed. */
  turnStarted(sessionId: string, at: number): void {
    const s = this.state(sessionId)
    if (s.turn) {
      s.turn.endedAt ??= at
      this.store.putTurn(sessionId, this.publicTurn(s.turn))
    }
    const base = this.totalsOf(s)
    s.turn = {
      startedAt: at,
      base,
      usage: { tokens: ZERO_TOKENS, costUsd: 0, costEstimated: false },
    }
    this.store.putTurn(sessionId, this.publicTurn(s.turn))
    this.emit(sessionId)
  }

  /** The turn ended; usage reported after this (the status line lags) still counts for it. */
  turnEnded(sessionId: string, at: number): void {
    const s = this.sessions.get(sessionId)
    if (!s?.turn || s.turn.endedAt !== undefined) return
    s.turn.endedAt = at
    this.store.putTurn(sessionId, this.publicTurn(s.turn))
    this.emit(sessionId)
  }

  private publicTurn(t: TurnUsage): TurnUsage {
    return {
      startedAt: t.startedAt,
      ...(t.endedAt !== undefined ? { endedAt: t.endedAt } : {}),
      usage: t.usage,
    }
  }

  /** The session's totals (less `base`, for a turn). */
  private totalsOf(s: SessionState, base?: UsageFigures): UsageFigures {
    let tokens = ZERO_TOKENS
    let costUsd = 0
    let costEstimated = false
    for (const a of s.agents.values()) {
      tokens = addTokens(tokens, a.tokens)
      costUsd += a.costUsd
      if (!a.costReported && totalTokens(a.tokens) > 0) costEstimated = true
    }
    if (!base) return { tokens, costUsd, costEstimated }
    return {
      tokens: minusTokens(tokens, base.tokens),
      costUsd: Math.max(0, costUsd - base.costUsd),
      costEstimated,
    }
  }

  report(sessionId: string): SessionUsageReport {
    const s = this.state(sessionId)
    return {
      sessionId,
      total: this.totalsOf(s),
      ...(s.turn ? { turn: this.publicTurn(s.turn) } : {}),
      ...(s.context ? { context: s.context } : {}),
      source: s.source,
      updatedAt: s.updatedAt,
    }
  }

  turns(sessionId: string, limit: number): TurnUsage[] {
    return this.store.turns(sessionId, limit)
  }

  /** Per session, what it used since `since` (kept for a day at most). */
  usedSince(since: number): Map<string, { costUsd: number; tokens: number }> {
    const out = new Map<string, { costUsd: number; tokens: number }>()
    for (const [id, s] of this.sessions) {
      let costUsd = 0
      let tokens = 0
      for (const r of s.recent) {
        if (r.at < since) continue
        costUsd += r.costUsd
        tokens += r.tokens
      }
      if (costUsd > 0 || tokens > 0) out.set(id, { costUsd, tokens })
    }
    return out
  }

  private pruneRecent(s: SessionState, now: number): void {
    const cutoff = now - RECENT_RISES_MS
    let drop = 0
    while (drop < s.recent.length && s.recent[drop].at < cutoff) drop++
    if (s.recent.length - drop > MAX_RECENT_RISES) drop = s.recent.length - MAX_RECENT_RISES
    if (drop > 0) s.recent.splice(0, drop)
  }

  /** The session was deleted: its live figures and turns go; its days stay in the history. */
  forget(sessionId: string): void {
    this.sessions.delete(sessionId)
    this.store.forgetSession(sessionId)
  }

  private emit(sessionId: string): void {
    for (const cb of this.listeners) cb(sessionId)
  }
}
