/**
 * A session the app only observes (no status line): its usage comes from the transcript Claude
 * Code writes under its config folder, found by the session id of the hooks. Tokens are the sum
 * of its calls; the cost is an estimate from published prices, marked as one, until Claude's own
 * totals appear (then they count, and the figure never goes down).
 */
import { mkdir, mkdtemp, appendFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { UsageSnapshot } from '@shared/usage'
import { startTestCore, waitFor, type TestCore } from '../../support/core'
import { applyEnv } from '../../support/app-process'
import { common } from '../pipeline/payloads'

const SID = 'observed-usage-0001'

const call = (id: string, input: number, output: number) =>
  JSON.stringify({
    type: 'assistant',
    requestId: `req_${id}`,
    timestamp: new Date().toISOString(),
    message: {
      id,
      model: 'claude-sonnet-4-5',
      usage: {
        input_tokens: input,
        output_tokens: output,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
    },
  }) + '\n'

describe('usage of an observed session', () => {
  let t: TestCore
  let restore: () => void
  let transcript: string

  beforeAll(async () => {
    const config = await mkdtemp(join(tmpdir(), 'atelier-claude-config-'))
    restore = applyEnv({ CLAUDE_CONFIG_DIR: config })
    await mkdir(join(config, 'projects', '-home-dev-projects-atelier-demo'), { recursive: true })
    transcript = join(config, 'projects', '-home-dev-projects-atelier-demo', `${SID}.jsonl`)
    await writeFile(transcript, call('msg_1', 1_000_000, 100_000))
    t = await startTestCore()
  })
  afterAll(async () => {
    await t?.close()
    restore?.()
  })

  const report = async () =>
    (await t.api<UsageSnapshot>('usage.snapshot')).sessions.find((s) => s.total.tokens.input > 0)

  it('counts the transcript, estimates the cost, and takes Claude totals when they come', async () => {
    expect((await t.hook(common(SID, 'UserPromptSubmit', { prompt: 'go' }))).status).toBe(200)
    expect((await t.hook(common(SID, 'Stop', { last_assistant_message: 'done' }))).status).toBe(200)
    // Sonnet: 1M input × $3 + 0.1M output × $15.
    const first = await waitFor(report)
    expect(first.total.tokens).toEqual({
      input: 1_000_000,
      output: 100_000,
      cacheWrite: 0,
      cacheRead: 0,
    })
    expect(first.total.costUsd).toBeCloseTo(4.5, 9)
    expect(first.total.costEstimated).toBe(true)
    expect(first.source).toBe('transcript')
    expect(first.context?.tokens).toBe(1_000_000)

    await appendFile(transcript, call('msg_2', 10_000, 1_000))
    await appendFile(
      transcript,
      JSON.stringify({
        type: 'cost-state',
        totalCostUSD: 4.75,
        modelUsage: {
          'claude-sonnet-4-5': {
            inputTokens: 1_010_000,
            outputTokens: 101_000,
            cacheReadInputTokens: 0,
            cacheCreationInputTokens: 0,
          },
        },
      }) + '\n',
    )
    expect((await t.hook(common(SID, 'SessionEnd', { reason: 'other' }))).status).toBe(200)
    const second = await waitFor(async () => {
      const r = await report()
      return r && !r.total.costEstimated ? r : null
    })
    expect(second.total.tokens.input).toBe(1_010_000)
    expect(second.total.costUsd).toBeCloseTo(4.75, 9)
  })
})
