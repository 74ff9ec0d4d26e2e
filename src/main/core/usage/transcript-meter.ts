/**
 * Running totals of one agent session from its transcript files (its own and its subagents'),
 * read incrementally: each read parses only the lines appended since the last one. The totals
 * are the sum of its model calls, raised to what Claude Code's own totals say where that is
 * higher: its last `cost-state` record (which counts calls without a transcript line, such as
 * compaction) plus the calls written after it (a resumed session keeps counting from there).
 */
import { addTokens, ZERO_TOKENS, type TokenCounts } from '@shared/usage'
import { parseTranscriptLine, transcriptFiles } from '../agents/claude/transcript-usage'
import { LineTail } from './line-tail'
import { estimateCostUsd } from './prices'
import type { TotalsRecord } from './reports'

/** Call keys remembered per file: a call's repeated lines are adjacent, so few suffice. */
const RECENT_KEYS = 64

interface FileMeter {
  tail: LineTail
  tokens: TokenCounts
  estimatedCostUsd: number
  /** Some call's model has no known price. */
  unpriced: boolean
  recentKeys: string[]
  totals: TotalsRecord | null
  /** Calls written after the last totals record, and their estimated cost. */
  after: TokenCounts
  afterCostUsd: number
  lastContext: TokenCounts | null
}

export interface MeterReading {
  tokens: TokenCounts
  /** From published prices; null when no call's model has a known price. */
  estimatedCostUsd: number | null
  /** Claude Code's own cost total, when its transcript has one (plus estimates of later calls). */
  reportedCostUsd: number | null
  /** Tokens in the context of the last main-conversation call. */
  contextTokens: number | null
}

function freshFile(path: string): FileMeter {
  return {
    tail: new LineTail(path),
    tokens: ZERO_TOKENS,
    estimatedCostUsd: 0,
    unpriced: false,
    recentKeys: [],
    totals: null,
    after: ZERO_TOKENS,
    afterCostUsd: 0,
    lastContext: null,
  }
}

export class TranscriptMeter {
  private readonly files = new Map<string, FileMeter>()

  constructor(readonly transcript: string) {}

  async read(): Promise<MeterReading> {
    for (const path of await transcriptFiles(this.transcript)) {
      let f = this.files.get(path)
      if (!f) {
        f = freshFile(path)
        this.files.set(path, f)
      }
      const { lines, restarted } = await f.tail.read()
      if (restarted) Object.assign(f, freshFile(path), { tail: f.tail })
      for (const line of lines) this.take(f, line)
    }
    return this.reading()
  }

  private take(f: FileMeter, line: string): void {
    const rec = parseTranscriptLine(line)
    if (!rec) return
    if (rec.kind === 'totals') {
      f.totals = rec.totals
      f.after = ZERO_TOKENS
      f.afterCostUsd = 0
      return
    }
    const { call } = rec
    if (f.recentKeys.includes(call.key)) return
    f.recentKeys.push(call.key)
    if (f.recentKeys.length > RECENT_KEYS) f.recentKeys.shift()
    f.tokens = addTokens(f.tokens, call.tokens)
    f.after = addTokens(f.after, call.tokens)
    const cost = estimateCostUsd(call.model, call.tokens)
    if (cost === null) f.unpriced = true
    else {
      f.estimatedCostUsd += cost
      f.afterCostUsd += cost
    }
    f.lastContext = call.tokens
  }

  private reading(): MeterReading {
    let tokens = ZERO_TOKENS
    let estimated = 0
    let priced = false
    let reported: number | null = null
    let totalsTokens = ZERO_TOKENS
    for (const f of this.files.values()) {
      tokens = addTokens(tokens, f.tokens)
      estimated += f.estimatedCostUsd
      if (f.estimatedCostUsd > 0 || (!f.unpriced && f.tokens !== ZERO_TOKENS)) priced = true
      if (f.totals) {
        reported = (reported ?? 0) + f.totals.costUsd + f.afterCostUsd
        totalsTokens = addTokens(totalsTokens, addTokens(f.totals.tokens, f.after))
      }
    }
    const main = this.files.get(this.transcript)
    const ctx = main?.lastContext
    return {
      tokens: {
        input: Math.max(tokens.input, totalsTokens.input),
        output: Math.max(tokens.output, totalsTokens.output),
        cacheWrite: Math.max(tokens.cacheWrite, totalsTokens.cacheWrite),
        cacheRead: Math.max(tokens.cacheRead, totalsTokens.cacheRead),
      },
      estimatedCostUsd: priced ? estimated : null,
      reportedCostUsd: reported,
      contextTokens: ctx ? ctx.input + ctx.cacheWrite + ctx.cacheRead : null,
    }
  }
}
