/**
 * Usage in SQLite: the running totals of each agent session (what deltas are measured against,
 * so they survive a restart), per-day rows per session (history of the 7-day chart and the
 * per-repository totals), recent turns, and the last reading of each rate-limit window.
 */
import type { Db } from '../store/db'
import type {
  DayTotal,
  RateWindow,
  RateWindowName,
  RepoTotal,
  TokenCounts,
  TurnUsage,
} from '@shared/usage'
import { totalTokens } from '@shared/usage'

export interface AgentTotals {
  agentSessionId: string
  sessionId: string
  costUsd: number
  /** Claude Code itself reported a cost for it (else the cost is an estimate). */
  costReported: boolean
  tokens: TokenCounts
}

export interface UsageDelta {
  tokens: TokenCounts
  costUsd: number
}

/** Turns kept per session. */
export const MAX_TURNS_PER_SESSION = 200

interface AgentRow {
  agent_session_id: string
  session_id: string
  cost_usd: number
  cost_reported: number
  input: number
  output: number
  cache_write: number
  cache_read: number
}

interface TurnRow {
  started_at: number
  ended_at: number | null
  input: number
  output: number
  cache_write: number
  cache_read: number
  cost_usd: number
  cost_estimated: number
}

const tokensOf = (r: {
  input: number
  output: number
  cache_write: number
  cache_read: number
}): TokenCounts => ({
  input: r.input,
  output: r.output,
  cacheWrite: r.cache_write,
  cacheRead: r.cache_read,
})

export class UsageStore {
  constructor(private readonly db: Db) {}

  agents(): AgentTotals[] {
    const rows = this.db.prepare('SELECT * FROM usage_agent_sessions').all() as AgentRow[]
    return rows.map((r) => ({
      agentSessionId: r.agent_session_id,
      sessionId: r.session_id,
      costUsd: r.cost_usd,
      costReported: r.cost_reported === 1,
      tokens: tokensOf(r),
    }))
  }

  /** Stores new totals and the delta they add, attributed to a day and a turn, at once. */
  record(
    totals: AgentTotals,
    delta: UsageDelta,
    at: { day: string; repo: string; now: number },
    turn: TurnUsage | undefined,
  ): void {
    this.db.transaction(() => {
      const t = totals.tokens
      this.db
        .prepare(
          `INSERT INTO usage_agent_sessions
             (agent_session_id, session_id, cost_usd, cost_reported, input, output, cache_write, cache_read, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(agent_session_id) DO UPDATE SET
             cost_usd = excluded.cost_usd, cost_reported = excluded.cost_reported,
             input = excluded.input, output = excluded.output, cache_write = excluded.cache_write,
             cache_read = excluded.cache_read, updated_at = excluded.updated_at`,
        )
        .run(
          totals.agentSessionId,
          totals.sessionId,
          totals.costUsd,
          totals.costReported ? 1 : 0,
          t.input,
          t.output,
          t.cacheWrite,
          t.cacheRead,
          at.now,
        )
      const d = delta.tokens
      if (delta.costUsd > 0 || totalTokens(d) > 0) {
        this.db
          .prepare(
            `INSERT INTO usage_days (day, session_id, repo, input, output, cache_write, cache_read, cost_usd)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT(day, session_id) DO UPDATE SET
               repo = excluded.repo, input = input + excluded.input, output = output + excluded.output,
               cache_write = cache_write + excluded.cache_write, cache_read = cache_read + excluded.cache_read,
               cost_usd = cost_usd + excluded.cost_usd`,
          )
          .run(
            at.day,
            totals.sessionId,
            at.repo,
            d.input,
            d.output,
            d.cacheWrite,
            d.cacheRead,
            delta.costUsd,
          )
      }
      if (turn) this.putTurn(totals.sessionId, turn)
    })()
  }

  putTurn(sessionId: string, turn: TurnUsage): void {
    const t = turn.usage.tokens
    this.db
      .prepare(
        `INSERT INTO usage_turns
           (session_id, started_at, ended_at, input, output, cache_write, cache_read, cost_usd, cost_estimated)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(session_id, started_at) DO UPDATE SET
           ended_at = excluded.ended_at, input = excluded.input, output = excluded.output,
           cache_write = excluded.cache_write, cache_read = excluded.cache_read,
           cost_usd = excluded.cost_usd, cost_estimated = excluded.cost_estimated`,
      )
      .run(
        sessionId,
        turn.startedAt,
        turn.endedAt ?? null,
        t.input,
        t.output,
        t.cacheWrite,
        t.cacheRead,
        turn.usage.costUsd,
        turn.usage.costEstimated ? 1 : 0,
      )
  }

  /** The newest turns of a session, newest first; older ones beyond the cap are deleted. */
  turns(sessionId: string, limit = MAX_TURNS_PER_SESSION): TurnUsage[] {
    this.db
      .prepare(
        `DELETE FROM usage_turns WHERE session_id = ? AND started_at NOT IN
           (SELECT started_at FROM usage_turns WHERE session_id = ? ORDER BY started_at DESC LIMIT ?)`,
      )
      .run(sessionId, sessionId, MAX_TURNS_PER_SESSION)
    const rows = this.db
      .prepare('SELECT * FROM usage_turns WHERE session_id = ? ORDER BY started_at DESC LIMIT ?')
      .all(sessionId, limit) as TurnRow[]
    return rows.map((r) => ({
      startedAt: r.started_at,
      ...(r.ended_at !== null ? { endedAt: r.ended_at } : {}),
      usage: { tokens: tokensOf(r), costUsd: r.cost_usd, costEstimated: r.cost_estimated === 1 },
    }))
  }

  /** Totals per day from `fromDay` (inclusive), oldest first; days without use are absent. */
  days(fromDay: string): DayTotal[] {
    const rows = this.db
      .prepare(
        `SELECT day, SUM(cost_usd) AS cost, SUM(input + output + cache_write + cache_read) AS tokens
         FROM usage_days WHERE day >= ? GROUP BY day ORDER BY day`,
      )
      .all(fromDay) as { day: string; cost: number; tokens: number }[]
    return rows.map((r) => ({ day: r.day, costUsd: r.cost, tokens: r.tokens }))
  }

  repos(fromDay: string): RepoTotal[] {
    const rows = this.db
      .prepare(
        `SELECT repo, SUM(cost_usd) AS cost, SUM(input + output + cache_write + cache_read) AS tokens
         FROM usage_days WHERE day >= ? GROUP BY repo ORDER BY cost DESC, tokens DESC`,
      )
      .all(fromDay) as { repo: string; cost: number; tokens: number }[]
    return rows.map((r) => ({ repo: r.repo, costUsd: r.cost, tokens: r.tokens }))
  }

  /** A deleted session's totals and turns go; its days stay in the history. */
  forgetSession(sessionId: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM usage_agent_sessions WHERE session_id = ?').run(sessionId)
      this.db.prepare('DELETE FROM usage_turns WHERE session_id = ?').run(sessionId)
    })()
  }

  /** Drops days before `day` (history retention). */
  pruneDaysBefore(day: string): void {
    this.db.prepare('DELETE FROM usage_days WHERE day < ?').run(day)
  }

  rateWindows(): Partial<Record<RateWindowName, RateWindow>> {
    const rows = this.db.prepare('SELECT * FROM rate_windows').all() as {
      window: RateWindowName
      used_percent: number
      resets_at: number
      observed_at: number
    }[]
    const out: Partial<Record<RateWindowName, RateWindow>> = {}
    for (const r of rows)
      out[r.window] = {
        usedPercent: r.used_percent,
        resetsAt: r.resets_at,
        observedAt: r.observed_at,
      }
    return out
  }

  putRateWindow(name: RateWindowName, w: RateWindow): void {
    this.db
      .prepare(
        `INSERT INTO rate_windows (window, used_percent, resets_at, observed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(window) DO UPDATE SET used_percent = excluded.used_percent,
           resets_at = excluded.resets_at, observed_at = excluded.observed_at`,
      )
      .run(name, w.usedPercent, w.resetsAt, w.observedAt)
  }
}
