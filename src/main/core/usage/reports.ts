/**
 * What an agent reports about usage, in the app's terms. Adapters produce these (Claude Code:
 * its statusLine input and its transcript); the usage ledger turns them into cumulative figures.
 */
import type { ContextUse, RateWindowName, TokenCounts } from '@shared/usage'

/** One status-line report: the agent's view of its session right now. */
export interface StatusReport {
  /** The agent's own session id (Claude's changes on /clear). */
  agentSessionId?: string
  transcriptPath?: string
  /** The agent session's cost so far, as the agent counts it (restored on resume). */
  costUsd?: number
  context?: ContextUse
  model?: string
  /** The subscription's rate-limit windows, when the agent reports them. */
  rateLimits: Partial<Record<RateWindowName, { usedPercent: number; resetsAt: number }>>
}

/** One model call found in a transcript. */
export interface CallRecord {
  /** Dedup key: a call's record may be written more than once (one line per content block). */
  key: string
  at: number
  model?: string
  tokens: TokenCounts
}

/** The agent's own running totals for a session, when its transcript has them. */
export interface TotalsRecord {
  at: number
  costUsd: number
  tokens: TokenCounts
}

export type TranscriptRecord =
  { kind: 'call'; call: CallRecord } | { kind: 'totals'; totals: TotalsRecord }
