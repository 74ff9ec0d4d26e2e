/**
 * Claude Code's statusLine input, reduced to the session usage the app shows: cost, context use,
 * token totals and the model's display name. Every field is optional and checked; anything
 * unexpected is left out rather than rejected (the status line is informational).
 */
import type { SessionUsage } from '@shared/sessions'

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
