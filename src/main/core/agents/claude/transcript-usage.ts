/**
 * Usage from Claude Code's transcript (`<config>/projects/<folder>/<session id>.jsonl`), for
 * sessions without a status line (observed ones) and for token counts of every session. Two
 * kinds of line matter (verified with 2.1.332):
 *
 * - `"type":"assistant"` with `message.usage`: one model call of the main conversation. A call
 *   that streams several content blocks may be written as several lines carrying the same
 *   `message.id` and usage, so calls are keyed by message id and request id.
 * - `"type":"cost-state"`: Claude Code's own running totals for the session (`totalCostUSD`,
 *   `modelUsage` per model), written when a session ends or is cleared and read back on resume.
 *   They include calls the transcript has no assistant line for (compaction).
 *
 * Subagents keep their own transcripts in `<session id>/subagents/*.jsonl` beside it.
 */
import { access, readdir } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { TokenCounts } from '@shared/usage'
import type { TranscriptRecord } from '../../usage/reports'

type Json = Record<string, unknown>

const object = (v: unknown): Json =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {}
const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0)

/** Cheap test before parsing: most transcript lines (prompts, tool output) carry no usage. */
export function mayCarryUsage(line: string): boolean {
  return line.includes('"usage"') || line.includes('"cost-state"')
}

function tokensOf(usage: Json): TokenCounts {
  return {
    input: count(usage.input_tokens),
    output: count(usage.output_tokens),
    cacheWrite: count(usage.cache_creation_input_tokens),
    cacheRead: count(usage.cache_read_input_tokens),
  }
}

/** One transcript line as a usage record, or null when it is not one. Never throws. */
export function parseTranscriptLine(line: string): TranscriptRecord | null {
  if (!mayCarryUsage(line)) return null
  let raw: unknown
  try {
    raw = JSON.parse(line)
  } catch {
    return null
  }
  const r = object(raw)
  const at = typeof r.timestamp === 'string' ? Date.parse(r.timestamp) : NaN
  if (r.type === 'assistant') {
    const message = object(r.message)
    const usage = object(message.usage)
    if (Object.keys(usage).length === 0) return null
    const id = typeof message.id === 'string' ? message.id : undefined
    const key = id
      ? `${id}:${typeof r.requestId === 'string' ? r.requestId : ''}`
      : typeof r.uuid === 'string'
        ? r.uuid
        : null
    if (!key) return null
    return {
      kind: 'call',
      call: {
        key,
        at: Number.isFinite(at) ? at : 0,
        ...(typeof message.model === 'string' ? { model: message.model } : {}),
        tokens: tokensOf(usage),
      },
    }
  }
  if (r.type === 'cost-state') {
    const tokens: TokenCounts = { input: 0, output: 0, cacheWrite: 0, cacheRead: 0 }
    for (const m of Object.values(object(r.modelUsage))) {
      const u = object(m)
      tokens.input += count(u.inputTokens)
      tokens.output += count(u.outputTokens)
      tokens.cacheWrite += count(u.cacheCreationInputTokens)
      tokens.cacheRead += count(u.cacheReadInputTokens)
    }
    return {
      kind: 'totals',
      totals: { at: Number.isFinite(at) ? at : 0, costUsd: count(r.totalCostUSD), tokens },
    }
  }
  return null
}

/** The transcript files of one session: its own, then its subagents' (sorted, stable). */
export async function transcriptFiles(transcript: string): Promise<string[]> {
  const subagents = join(dirname(transcript), basename(transcript, '.jsonl'), 'subagents')
  let names: string[] = []
  try {
    names = (await readdir(subagents)).filter((n) => n.endsWith('.jsonl')).sort()
  } catch {
    /* no subagents */
  }
  return [transcript, ...names.map((n) => join(subagents, n))]
}

/** Where Claude Code keeps a session's transcript: found by its id under any project folder. */
export async function findTranscript(
  configDir: string,
  agentSessionId: string,
): Promise<string | null> {
  const projects = join(configDir, 'projects')
  let dirs: string[]
  try {
    dirs = await readdir(projects)
  } catch {
    return null
  }
  const name = `${agentSessionId}.jsonl`
  for (const d of dirs) {
    const file = join(projects, d, name)
    try {
      await access(file)
      return file
    } catch {
      /* not in this project */
    }
  }
  return null
}
