/**
 * Usage from transcripts, with lines shaped as Claude Code 2.1.332 writes them: calls keyed by
 * message and request id (repeated lines count once), its own totals (cost-state) raising the
 * sum, subagent transcripts, appends read incrementally, a rewritten file read anew.
 */
import { mkdtemp, mkdir, appendFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TranscriptMeter } from '../../../src/main/core/usage/transcript-meter'
import { parseTranscriptLine } from '../../../src/main/core/agents/claude/transcript-usage'

const assistant = (id: string, input: number, output: number, model = 'claude-sonnet-4-5') =>
  JSON.stringify({
    type: 'assistant',
    requestId: 'req_1',
    timestamp: '2026-12-01T08:27:25.864Z',
    sessionId: 'S',
    message: {
      id,
      model,
      role: 'assistant',
      content: [{ type: 'text', text: 'Hello' }],
      usage: {
        input_tokens: input,
        output_tokens: output,
        cache_creation_input_tokens: 500,
        cache_read_input_tokens: 200,
      },
    },
  }) + '\n'

const costState = (cost: number, input: number) =>
  JSON.stringify({
    type: 'cost-state',
    sessionId: 'S',
    totalCostUSD: cost,
    modelUsage: {
      'claude-sonnet-4-5': {
        inputTokens: input,
        outputTokens: 1200,
        cacheReadInputTokens: 800,
        cacheCreationInputTokens: 2000,
        costUSD: cost,
      },
    },
  }) + '\n'

async function transcript(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-transcript-'))
  return join(dir, 'S.jsonl')
}

describe('transcript usage', () => {
  it('lines without usage are not parsed as records', () => {
    expect(parseTranscriptLine('{"type":"user","message":{"content":"hi"}}')).toBeNull()
    expect(parseTranscriptLine('{"type":"assistant","usage":')).toBeNull()
    expect(parseTranscriptLine(assistant('msg_1', 10, 2))).toMatchObject({
      kind: 'call',
      call: {
        key: 'msg_1:req_1',
        tokens: { input: 10, output: 2, cacheWrite: 500, cacheRead: 200 },
      },
    })
  })

  it('sums calls once each, reads appends incrementally, and an unfinished line waits', async () => {
    const file = await transcript()
    await writeFile(file, assistant('msg_1', 1000, 300) + assistant('msg_1', 1000, 300))
    const meter = new TranscriptMeter(file)
    let r = await meter.read()
    expect(r.tokens).toEqual({ input: 1000, output: 300, cacheWrite: 500, cacheRead: 200 })
    expect(r.contextTokens).toBe(1700)
    // Sonnet prices: 1000×3 + 300×15 + 500×3.75 + 200×0.3 per million.
    expect(r.estimatedCostUsd).toBeCloseTo(0.009435, 9)
    const line = assistant('msg_2', 4000, 300)
    await appendFile(file, line.slice(0, 50))
    r = await meter.read()
    expect(r.tokens.input).toBe(1000)
    await appendFile(file, line.slice(50))
    r = await meter.read()
    expect(r.tokens.input).toBe(5000)
    expect(r.reportedCostUsd).toBeNull()
  })

  it("Claude's own totals raise the sum (compaction calls have no assistant line)", async () => {
    const file = await transcript()
    await writeFile(file, assistant('msg_1', 1000, 300) + assistant('msg_4', 4000, 300))
    const meter = new TranscriptMeter(file)
    expect((await meter.read()).tokens.input).toBe(5000)
    await appendFile(file, costState(0.07416, 10000))
    const r = await meter.read()
    expect(r.tokens).toEqual({ input: 10000, output: 1200, cacheWrite: 2000, cacheRead: 800 })
    expect(r.reportedCostUsd).toBeCloseTo(0.07416)
  })

  it("counts subagents' transcripts, and reads a rewritten file from its top", async () => {
    const file = await transcript()
    await writeFile(file, assistant('msg_1', 1000, 300))
    const sub = join(file.replace(/\.jsonl$/, ''), 'subagents')
    await mkdir(sub, { recursive: true })
    await writeFile(join(sub, 'agent-a1.jsonl'), assistant('msg_s1', 50, 5))
    const meter = new TranscriptMeter(file)
    expect((await meter.read()).tokens.input).toBe(1050)
    await writeFile(file, assistant('msg_9', 20, 1))
    expect((await meter.read()).tokens.input).toBe(70)
  })

  it('a model without a known price gives no estimate', async () => {
    const file = await transcript()
    await writeFile(file, assistant('msg_1', 1000, 300, 'claude-opus-5-5'))
    expect((await new TranscriptMeter(file).read()).estimatedCostUsd).toBeNull()
  })
})

describe('a resumed session', () => {
  it("counts Claude's totals plus the calls written after them", async () => {
    const file = await transcript()
    // Turn, compaction (no assistant line), /clear writes the totals; resumed, one more turn.
    await writeFile(
      file,
      assistant('msg_1', 1000, 300) + costState(0.05, 3000) + assistant('msg_5', 1000, 300),
    )
    const r = await new TranscriptMeter(file).read()
    expect(r.tokens.input).toBe(4000)
    expect(r.tokens.output).toBe(1500)
  })
})
