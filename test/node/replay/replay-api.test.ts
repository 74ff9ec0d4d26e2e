/** The replay channels through the app's API: the span of the history and a stretch of it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import { startTestCore, type TestCore } from '../../support/core'
import { common } from '../pipeline/payloads'

let t: TestCore
beforeAll(async () => {
  t = await startTestCore()
})
afterAll(async () => {
  await t?.close()
})

describe('replay API', () => {
  it('spans the stored history and pages a stretch of it in the order it was applied', async () => {
    expect(await t.api('replay.span')).toEqual({ span: null })
    for (let i = 0; i < 5; i++) {
      const res = await t.hook(
        common('agent-1', 'UserPromptSubmit', {
          prompt: `prompt ${i}`,
          // The prompt id is the event's dedup key: one per turn.
          prompt_id: `prompt-${i}`,
        }),
      )
      expect(res.status).toBe(200)
    }
    const { span } = await t.api<{
      span: { firstSeq: number; lastSeq: number; firstTs: number; lastTs: number }
    }>('replay.span')
    expect(span.lastSeq - span.firstSeq).toBe(4)
    expect(span.lastTs).toBeGreaterThanOrEqual(span.firstTs)

    const first = await t.api<{ events: CanonicalEvent[]; hasMore: boolean; nextSeq: number }>(
      'replay.events',
      { afterSeq: 0, to: span.lastTs, limit: 3 },
    )
    expect(first.events.map((e) => e.type === 'prompt' && e.text)).toEqual([
      'prompt 0',
      'prompt 1',
      'prompt 2',
    ])
    expect(first.hasMore).toBe(true)
    const rest = await t.api<{ events: CanonicalEvent[]; hasMore: boolean }>('replay.events', {
      afterSeq: first.nextSeq,
      to: span.lastTs,
    })
    expect(rest.events.map((e) => e.type === 'prompt' && e.text)).toEqual(['prompt 3', 'prompt 4'])
    expect(rest.hasMore).toBe(false)
  })

  it('refuses a malformed request', async () => {
    await expect(t.api('replay.events', { afterSeq: -1, to: 0 })).rejects.toMatchObject({
      status: 400,
    })
    await expect(t.api('replay.timeline', { from: 10, to: 0, buckets: 5 })).rejects.toMatchObject({
      status: 400,
    })
  })

  it('answers the timeline of the stored history, one lane per session', async () => {
    const { span } = await t.api<{ span: { firstTs: number; lastTs: number } }>('replay.span')
    const answer = await t.api<{
      resolution: string
      lanes: { sessionId: string; cells: { kind: string; n: number[] }[] }[]
    }>('replay.timeline', { from: span.firstTs - 1, to: span.lastTs + 1, buckets: 1 })
    expect(answer.resolution).toBe('events')
    expect(answer.lanes).toHaveLength(1)
    // The five prompts of the first test, in one bucket: five turns.
    expect(answer.lanes[0].cells).toHaveLength(1)
    expect(answer.lanes[0].cells[0].kind).toBe('turn')
    expect(answer.lanes[0].cells[0].n[0]).toBe(5)
  })
})
