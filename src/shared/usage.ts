/**
 * Usage and quota, as the fleet view shows them (docs/usage.md): tokens and cost per session and
 * per turn, totals per day and per repository, and the subscription's rate-limit windows with a
 * forecast of when each runs out at the current pace.
 */
import { z } from 'zod'

/** Token counts of model calls, summed. Cache reads and writes are input tokens too. */
export const TokenCountsSchema = z.object({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cacheWrite: z.number().nonnegative(),
  cacheRead: z.number().nonnegative(),
})
export type TokenCounts = z.infer<typeof TokenCountsSchema>

export const ZERO_TOKENS: TokenCounts = { input: 0, output: 0, cacheWrite: 0, cacheRead: 0 }

export function totalTokens(t: TokenCounts): number {
  return t.input + t.output + t.cacheWrite + t.cacheRead
}

export function addTokens(a: TokenCounts, b: TokenCounts): TokenCounts {
  return {
    input: a.input + b.input,
    output: a.output + b.output,
    cacheWrite: a.cacheWrite + b.cacheWrite,
    cacheRead: a.cacheRead + b.cacheRead,
  }
}

/** Cumulative figures: they never go down (resume, /clear and /compact included). */
export const UsageFiguresSchema = z.object({
  tokens: TokenCountsSchema,
  costUsd: z.number().nonnegative(),
  /**
   * Part of the cost is an estimate from published prices (sessions without a status line: the
   * transcript has tokens, not dollars). False when every dollar came from Claude Code itself.
   */
  costEstimated: z.boolean(),
})
export type UsageFigures = z.infer<typeof UsageFiguresSchema>

export const TurnUsageSchema = z.object({
  startedAt: z.number(),
  /** Set once the turn ended; usage reported after its end still counts for it. */
  endedAt: z.number().optional(),
  usage: UsageFiguresSchema,
})
export type TurnUsage = z.infer<typeof TurnUsageSchema>

export const ContextUseSchema = z.object({
  /** Tokens in the context of the last model call. */
  tokens: z.number().nonnegative(),
  /** Of the model's context window, when known. */
  percent: z.number().min(0).max(100).optional(),
  windowSize: z.number().positive().optional(),
})
export type ContextUse = z.infer<typeof ContextUseSchema>

export const SessionUsageReportSchema = z.object({
  sessionId: z.string(),
  total: UsageFiguresSchema,
  /** The running turn, or the last one. */
  turn: TurnUsageSchema.optional(),
  context: ContextUseSchema.optional(),
  /** Where the figures come from: Claude Code's status line, or the transcript alone. */
  source: z.enum(['status-line', 'transcript', 'none']),
  updatedAt: z.number(),
})
export type SessionUsageReport = z.infer<typeof SessionUsageReportSchema>

export const RATE_WINDOWS = ['five_hour', 'seven_day'] as const
export const RateWindowNameSchema = z.enum(RATE_WINDOWS)
export type RateWindowName = z.infer<typeof RateWindowNameSchema>

export const RATE_WINDOW_LABEL: Record<RateWindowName, string> = {
  five_hour: '5-hour window',
  seven_day: '7-day window',
}

/** One rate-limit window as Claude Code last reported it. */
export const RateWindowSchema = z.object({
  usedPercent: z.number().min(0).max(100),
  /** When the window resets (ms since the epoch). */
  resetsAt: z.number(),
  /** When the app received this reading. */
  observedAt: z.number(),
})
export type RateWindow = z.infer<typeof RateWindowSchema>

export const WindowForecastSchema = z.object({
  window: RateWindowNameSchema,
  usedPercent: z.number(),
  resetsAt: z.number(),
  /** Percentage points per hour over the recent readings; null until two readings differ. */
  burnPercentPerHour: z.number().nullable(),
  /** When the window reaches 100 % at this pace; null when it will not before it resets. */
  exhaustsAt: z.number().nullable(),
  /** used ≥ the warning threshold, or it runs out before it resets. */
  warning: z.boolean(),
})
export type WindowForecast = z.infer<typeof WindowForecastSchema>

export const ConsumerSchema = z.object({
  sessionId: z.string(),
  /** Over the burn-rate horizon. */
  costUsd: z.number(),
  tokens: z.number(),
  /** Of all sessions' cost (or tokens, when no cost is known) over that horizon, 0–1. */
  share: z.number(),
})
export type Consumer = z.infer<typeof ConsumerSchema>

export const QuotaReportSchema = z.object({
  windows: z.array(WindowForecastSchema),
  /** Who burns the most over the burn-rate horizon, biggest first. */
  topConsumers: z.array(ConsumerSchema),
  /** The horizon the burn rate and the consumers are measured over, ms. */
  horizonMs: z.number(),
})
export type QuotaReport = z.infer<typeof QuotaReportSchema>

export const DayTotalSchema = z.object({
  /** Local calendar day, YYYY-MM-DD. */
  day: z.string(),
  costUsd: z.number(),
  tokens: z.number(),
})
export type DayTotal = z.infer<typeof DayTotalSchema>

export const RepoTotalSchema = z.object({
  repo: z.string(),
  costUsd: z.number(),
  tokens: z.number(),
})
export type RepoTotal = z.infer<typeof RepoTotalSchema>

/** Everything the usage view shows, pushed whole (it is small: a few numbers per session). */
export const UsageSnapshotSchema = z.object({
  sessions: z.array(SessionUsageReportSchema),
  quota: QuotaReportSchema,
  /** The last 7 days, oldest first, today last (days without use included, as zero). */
  days: z.array(DayTotalSchema),
  /** Over the same 7 days, biggest first. */
  repos: z.array(RepoTotalSchema),
  today: DayTotalSchema,
})
export type UsageSnapshot = z.infer<typeof UsageSnapshotSchema>
