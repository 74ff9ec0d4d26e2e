/**
 * What operators and UIs read back: /health and /metrics (behind the app token, with the metric
 * names the issue requires), sessions.list and events.list over HTTP, and delivery that degrades
 * to `resync` for a client that stops reading instead of buffering without bound.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_CLIENT_QUEUE, Hub } from '../../../src/main/core/events/hub'
import type { CanonicalEvent } from '@shared/events'
import { api, connectWs, postHook, send, startCore, waitUntil, type TestCore } from './harness'
import { common } from './payloads'
import { HANG_TIMEOUT_MS } from '../../support/patience'

let t: TestCore
beforeAll(async () => {
  t = await startCore()
})
afterAll(() => t.close())

describe('/health and /metrics', () => {
  it('are behind the app token', async () => {
    for (const path of ['/health', '/metrics']) {
      expect(
        (await send(t.port, path, undefined, { method: 'GET', token: null, contentType: null }))
          .status,
      ).toBe(401)
      expect(
        (
          await send(t.port, path, undefined, {
            method: 'GET',
            token: 'x'.repeat(64),
            contentType: null,
          })
        ).status,
      ).toBe(401)
    }
  })

  it('report ingested events by type, rejections by reason and the ingest latency histogram', async () => {
    const sid = 'metrics'
    await postHook(t, common(sid, 'UserPromptSubmit', { prompt: 'measure me' }))
    await postHook(
      t,
      common(sid, 'PreToolUse', {
        tool_name: 'Bash',
        tool_input: { command: 'ls' },
        tool_use_id: 'toolu_M',
      }),
    )
    await postHook(t, common(sid, 'PreToolUse', { tool_name: 'Bash' })) // no tool_use_id: 400
    await postHook(t, common(sid, 'Stop', {}), { token: null })
    await postHook(t, 'x', { contentType: 'text/plain' })

    const health = await send(t.port, '/health', undefined, {
      method: 'GET',
      token: t.token,
      contentType: null,
    })
    expect(health.status).toBe(200)
    expect(health.json).toMatchObject({
      ok: true,
      version: 'test',
      events: { stored: 2 },
      queues: { write: 0 },
      sessions: { working: 1 },
    })
    expect((health.json as { dbBytes: number }).dbBytes).toBeGreaterThan(0)

    const metrics = await send(t.port, '/metrics', undefined, {
      method: 'GET',
      token: t.token,
      contentType: null,
    })
    expect(metrics.status).toBe(200)
    expect(metrics.headers['content-type']).toContain('text/plain')
    const text = metrics.text
    expect(text).toContain('atelier_events_ingested_total{type="prompt"} 1')
    expect(text).toContain('atelier_events_ingested_total{type="tool.start"} 1')
    // Counted across this file's requests (the 401 test above adds its own).
    expect(text).toContain('atelier_hook_requests_rejected_total{reason="bad_request"} 1')
    expect(text).toMatch(/atelier_hook_requests_rejected_total\{reason="unauthorized"\} [1-9]/)
    expect(text).toContain(
      'atelier_hook_requests_rejected_total{reason="unsupported_media_type"} 1',
    )
    expect(text).toMatch(/# TYPE atelier_ingest_latency_seconds histogram/)
    expect(text).toMatch(/atelier_ingest_latency_seconds_count 2\b/)
    expect(text).toMatch(/# TYPE atelier_write_batch_size histogram/)
  })
})

describe('delivery latency', () => {
  it("is observed once per event pushed to a subscriber, from the hook's arrival", async () => {
    const metric = async () => {
      const r = await send(t.port, '/metrics', undefined, {
        method: 'GET',
        token: t.token,
        contentType: null,
      })
      return Number(/atelier_delivery_latency_seconds_count (\d+)/.exec(r.text)?.[1] ?? 0)
    }
    const before = await metric()
    const client = await connectWs(t)
    try {
      for (const id of ['toolu_d1', 'toolu_d2']) {
        const tool = { tool_name: 'Read', tool_use_id: id, tool_input: { file_path: '/x' } }
        await postHook(t, common('delivered', 'PreToolUse', tool))
      }
      await client.waitForEvents(2)
      expect(await metric()).toBe(before + 2)
    } finally {
      client.close()
    }
  })
})

describe('HTTP API', () => {
  it('sessions.list and events.list return what the store holds, with paging', async () => {
    const sid = 'listing'
    for (let i = 0; i < 12; i++)
      await postHook(
        t,
        common(sid, 'UserPromptSubmit', { prompt: `page item ${i}`, prompt_id: `prompt-${i}` }),
      )
    const { sessions } = await api<{
      sessions: { id: string; claudeSessionId?: string; lastPrompt?: string }[]
    }>(t, 'sessions.list')
    const session = sessions.find((s) => s.claudeSessionId === sid)!
    expect(session.lastPrompt).toBe('page item 11')

    const first = await api<{ events: CanonicalEvent[]; hasMore: boolean }>(t, 'events.list', {
      sessionId: session.id,
      limit: 5,
    })
    expect(first.hasMore).toBe(true)
    expect(first.events.map((e) => (e.type === 'prompt' ? e.text : ''))).toEqual([
      'page item 11',
      'page item 10',
      'page item 9',
      'page item 8',
      'page item 7',
    ])
    const next = await api<{ events: CanonicalEvent[]; hasMore: boolean }>(t, 'events.list', {
      sessionId: session.id,
      limit: 100,
      before: first.events[4].seq,
    })
    expect(next.events).toHaveLength(7)
    expect(next.hasMore).toBe(false)
    const bad = await send(t.port, '/api/events.list', { limit: 'all' }, { token: t.token })
    expect(bad.status).toBe(400)
    expect((bad.json as { error: { field: string } }).error.field).toBe('limit')
  })
})

describe('slow subscribers', () => {
  it('a WebSocket client that stops reading gets resync instead of an ever-growing buffer', async () => {
    const slow = await connectWs(t)
    const fast = await connectWs(t)
    // Stop reading: the kernel buffers fill and the server's bufferedAmount grows.
    const rawSocket = (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket
    rawSocket.pause()
    const big = 'y'.repeat(16_000)
    // Kernel socket buffers absorb an unknown amount first, so publish until the hub gives up on
    // the slow client — bounded at MAX_EVENTS (~64 MB of output) so the loop always ends.
    const MAX_EVENTS = 4_000
    const EXTRA_AFTER_RESYNC = 100
    const sid = 'slow-client'
    const hub = t.core.services.hub
    let next = 0
    let stopAt = MAX_EVENTS
    const worker = async () => {
      while (next < stopAt) {
        const i = next++
        await postHook(
          t,
          common(sid, 'PostToolUse', {
            tool_name: 'Bash',
            tool_input: { command: `cat big${i}` },
            tool_use_id: `toolu_slow_${i}`,
            tool_response: { stdout: big },
          }),
        )
        if (hub.resyncs > 0 && stopAt === MAX_EVENTS)
          stopAt = Math.min(MAX_EVENTS, next + EXTRA_AFTER_RESYNC)
      }
    }
    await Promise.all(Array.from({ length: 8 }, worker))
    const total = next
    expect(hub.resyncs).toBeGreaterThan(0)
    expect(hub.queueDepths().max).toBeLessThanOrEqual(MAX_CLIENT_QUEUE)
    // The healthy client got everything.
    await fast.waitForEvents(total)
    rawSocket.resume()
    await waitUntil(
      () => slow.pushes.some((p) => p.stream === 'resync'),
      HANG_TIMEOUT_MS,
      'a resync push',
    )
    // Dropped, not buffered: the slow client did not get everything, and must refetch.
    expect(slow.events.length).toBeLessThan(total)
    const resyncAt = slow.pushes.findIndex((p) => p.stream === 'resync')
    expect(resyncAt).toBeGreaterThanOrEqual(0)
    slow.close()
    fast.close()
  })

  it('a client whose queue overflows within one frame is resynced (queue bounded)', () => {
    const hub = new Hub()
    const pushes: string[] = []
    hub.connect({ id: 'c', push: (stream) => pushes.push(stream) })
    const event = (i: number): CanonicalEvent => ({
      id: `q${i}`,
      sessionId: 's',
      agent: 'claude',
      ts: 0,
      type: 'stop',
    })
    hub.publishEvents(Array.from({ length: MAX_CLIENT_QUEUE + 1 }, (_, i) => event(i)))
    expect(pushes).toEqual(['resync'])
    expect(hub.queueDepths().max).toBe(0)
    // Until it reloads (subscribes again), nothing more is queued for it and no second resync
    // is sent, however much arrives.
    hub.publishEvents(Array.from({ length: MAX_CLIENT_QUEUE + 1 }, (_, i) => event(i)))
    hub.flush()
    expect(pushes).toEqual(['resync'])
    expect(hub.queueDepths().max).toBe(0)
    hub.subscribe('c', 'all')
    hub.publishEvents([event(-1)])
    hub.flush()
    expect(pushes).toEqual(['resync', 'events'])
    hub.close()
  })

  it('filters by subscription', () => {
    const hub = new Hub()
    const got: string[] = []
    hub.connect({
      id: 'c',
      push: (_s, data) =>
        got.push(...(data as { events: CanonicalEvent[] }).events.map((e) => e.id)),
    })
    hub.subscribe('c', ['s2'])
    hub.publishEvents([
      { id: 'a', sessionId: 's1', agent: 'claude', ts: 0, type: 'stop' },
      { id: 'b', sessionId: 's2', agent: 'claude', ts: 0, type: 'stop' },
    ])
    hub.flush()
    expect(got).toEqual(['b'])
    hub.close()
  })
})
