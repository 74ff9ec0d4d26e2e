/** Statistics for the zone info dialog, computed from one session's events. */
import type { CanonicalEvent } from '@shared/events'
import { initialLifecycle, reduceSession, type SessionLifecycle } from '@shared/lifecycle'

export interface ToolStat {
  tool: string
  count: number
  failures: number
  /** Calls a permission decision denied: never counted as a success. */
  denied: number
  /** Mean duration of finished calls, ms; null when none reported one. */
  avgMs: number | null
}

export interface ZoneStats {
  prompts: number
  toolCalls: number
  tools: ToolStat[]
  /** Files read or written, most recent first. */
  files: string[]
  subagents: number
  firstTs: number | null
  lastTs: number | null
}

const PATH_FIELDS = ['file_path', 'notebook_path', 'path'] as const

function pathOf(input: unknown): string | undefined {
  if (!input || typeof input !== 'object') return undefined
  for (const f of PATH_FIELDS) {
    const v = (input as Record<string, unknown>)[f]
    if (typeof v === 'string' && v) return v
  }
  return undefined
}

export function zoneStats(events: readonly CanonicalEvent[]): ZoneStats {
  const tools = new Map<
    string,
    { count: number; failures: number; denied: number; totalMs: number; timed: number }
  >()
  // The shared lifecycle says which call a denial ended (a decision may not name its call).
  let lc: SessionLifecycle | null = null
  const seenCalls = new Set<string>()
  const fileTimes = new Map<string, number>()
  let prompts = 0
  let subagents = 0
  let firstTs: number | null = null
  let lastTs: number | null = null
  for (const e of events) {
    lc = reduceSession(
      lc ?? initialLifecycle('idle', e.ts),
      { type: 'event', event: e },
      'observed',
    )
    for (const c of lc.closed) {
      const t = c.state === 'denied' ? tools.get(c.tool) : undefined
      if (t) t.denied++
    }
    firstTs = firstTs === null ? e.ts : Math.min(firstTs, e.ts)
    lastTs = lastTs === null ? e.ts : Math.max(lastTs, e.ts)
    if (e.type === 'prompt') prompts++
    else if (e.type === 'subagent.start') subagents++
    else if (e.type === 'tool.start' || e.type === 'tool.end') {
      const t = tools.get(e.tool) ?? { count: 0, failures: 0, denied: 0, totalMs: 0, timed: 0 }
      // A call counts once whether we saw its start, its end, or both.
      if (!seenCalls.has(e.toolUseId)) {
        seenCalls.add(e.toolUseId)
        t.count++
      }
      if (e.type === 'tool.end') {
        if (!e.success) t.failures++
        if (e.durationMs !== undefined) {
          t.totalMs += e.durationMs
          t.timed++
        }
      }
      tools.set(e.tool, t)
      const path = pathOf(e.input)
      if (path) fileTimes.set(path, Math.max(fileTimes.get(path) ?? 0, e.ts))
    }
  }
  return {
    prompts,
    toolCalls: seenCalls.size,
    tools: [...tools]
      .map(([tool, t]) => ({
        tool,
        count: t.count,
        failures: t.failures,
        denied: t.denied,
        avgMs: t.timed ? t.totalMs / t.timed : null,
      }))
      .sort((a, b) => b.count - a.count || a.tool.localeCompare(b.tool)),
    files: [...fileTimes].sort((a, b) => b[1] - a[1]).map(([p]) => p),
    subagents,
    firstTs,
    lastTs,
  }
}
