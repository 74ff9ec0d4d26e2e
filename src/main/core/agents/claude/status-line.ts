/**
 * Claude Code's statusLine input, reduced to the session usage the app shows: cost, context use,
 * token totals and the model's display name. Every field is optional and checked; anything
 * unexpected is left out rather than rejected (the status line is informational).
 */
import type { SessionUsage } from '@shared/sessions'
import { RATE_WINDOWS } from '@shared/usage'
import type { StatusReport } from '../../usage/reports'

type Json = Record<string, unknown>

const object = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {})
const finite = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined

export function usageFromStatusLine(raw: unknown): SessionUsage {
  const r = object(raw)
  const cost = object(r.cost)
  const ctx = object(r.context_window)
  const model = object(r.model)
  const usage: SessionUsage = {}
  const costUsd = finite(cost.total_cost_usd)
  const contextPercent = finite(ctx.used_percentage)
  const inputTokens = finite(ctx.total_input_tokens)
  const outputTokens = finite(ctx.total_output_tokens)
  if (costUsd !== undefined) usage.costUsd = costUsd
  if (contextPercent !== undefined) usage.contextPercent = contextPercent
  if (inputTokens !== undefined) usage.inputTokens = inputTokens
  if (outputTokens !== undefined) usage.outputTokens = outputTokens
  if (typeof model.display_name === 'string') usage.model = model.display_name
  return usage
}

/** Claude Code's `resets_at` is in seconds since the epoch; anything past this is not. */
const MAX_EPOCH_SECONDS = 1e11

/**
 * The whole report the usage ledger needs: the agent session and its transcript, the cumulative
 * cost, the context of the last model call, and the subscription's rate-limit windows
 * (`rate_limits.five_hour` / `seven_day`: `used_percentage` 0–100, `resets_at` in epoch seconds;
 * present only for subscribers or behind a gateway, after the first model call).
 */
export function statusReportFromStatusLine(raw: unknown): StatusReport {
  const r = object(raw)
  const cost = object(r.cost)
  const ctx = object(r.context_window)
  const model = object(r.model)
  const report: StatusReport = { rateLimits: {} }
  if (typeof r.session_id === 'string' && r.session_id) report.agentSessionId = r.session_id
  if (typeof r.transcript_path === 'string' && r.transcript_path.startsWith('/'))
    report.transcriptPath = r.transcript_path
  const costUsd = finite(cost.total_cost_usd)
  if (costUsd !== undefined && costUsd >= 0) report.costUsd = costUsd
  if (typeof model.display_name === 'string') report.model = model.display_name
  const contextTokens = finite(ctx.total_input_tokens)
  // current_usage is null before the first call: then there is no context to speak of yet.
  if (contextTokens !== undefined && ctx.current_usage && contextTokens >= 0) {
    const percent = finite(ctx.used_percentage)
    const windowSize = finite(ctx.context_window_size)
    report.context = {
      tokens: contextTokens,
      ...(percent !== undefined && percent >= 0 && percent <= 100 ? { percent } : {}),
      ...(windowSize !== undefined && windowSize > 0 ? { windowSize } : {}),
    }
  }
  const limits = object(r.rate_limits)
  for (const name of RATE_WINDOWS) {
    const w = object(limits[name])
    const used = finite(w.used_percentage)
    const resets = finite(w.resets_at)
    if (used === undefined || resets === undefined || resets <= 0 || resets > MAX_EPOCH_SECONDS)
      continue
    report.rateLimits[name] = {
      usedPercent: Math.min(100, Math.max(0, used)),
      resetsAt: resets * 1000,
    }
  }
  return report
}
