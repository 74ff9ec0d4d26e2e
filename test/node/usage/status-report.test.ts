/** Claude Code's statusLine input as the usage ledger reads it (shape of 2.1.332, captured). */
import { describe, expect, it } from 'vitest'
import { statusReportFromStatusLine } from '../../../src/main/core/agents/claude/status-line'

const CAPTURED = {
  session_id: 'cafc2951-2159-4ade-81bd-9a36a97994fc',
  transcript_path: '/home/u/.claude/projects/-repo/cafc2951-2159-4ade-81bd-9a36a97994fc.jsonl',
  cwd: '/repo',
  model: { id: 'claude-opus-5-5', display_name: 'Opus 5.5' },
  cost: { total_cost_usd: 0.07416, total_duration_ms: 8625 },
  context_window: {
    total_input_tokens: 4700,
    total_output_tokens: 300,
    context_window_size: 1000000,
    current_usage: {
      input_tokens: 4000,
      output_tokens: 300,
      cache_creation_input_tokens: 500,
      cache_read_input_tokens: 200,
    },
    used_percentage: 0.47,
    remaining_percentage: 99.53,
  },
  rate_limits: {
    five_hour: { used_percentage: 40, resets_at: 1796117245 },
    seven_day: { used_percentage: 20, resets_at: 1796372845 },
  },
}

describe('statusReportFromStatusLine', () => {
  it('reads the agent session, transcript, cost, context and both windows', () => {
    expect(statusReportFromStatusLine(CAPTURED)).toEqual({
      agentSessionId: CAPTURED.session_id,
      transcriptPath: CAPTURED.transcript_path,
      costUsd: 0.07416,
      model: 'Opus 5.5',
      context: { tokens: 4700, percent: 0.47, windowSize: 1000000 },
      rateLimits: {
        five_hour: { usedPercent: 40, resetsAt: 1796117245_000 },
        seven_day: { usedPercent: 20, resetsAt: 1796372845_000 },
      },
    })
  })

  it('before the first model call there is no context and no window', () => {
    const r = statusReportFromStatusLine({
      ...CAPTURED,
      context_window: { total_input_tokens: 0, current_usage: null, used_percentage: null },
      rate_limits: undefined,
    })
    expect(r.context).toBeUndefined()
    expect(r.rateLimits).toEqual({})
  })

  it('drops what is malformed and keeps the rest', () => {
    const r = statusReportFromStatusLine({
      session_id: 42,
      transcript_path: 'relative/path.jsonl',
      cost: { total_cost_usd: -1 },
      rate_limits: {
        five_hour: { used_percentage: 'x', resets_at: 1 },
        seven_day: { used_percentage: 140, resets_at: 1796372845 },
      },
    })
    expect(r).toEqual({
      rateLimits: { seven_day: { usedPercent: 100, resetsAt: 1796372845_000 } },
    })
    expect(statusReportFromStatusLine(null)).toEqual({ rateLimits: {} })
    expect(statusReportFromStatusLine('garbage')).toEqual({ rateLimits: {} })
  })
})
