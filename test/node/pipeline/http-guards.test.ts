/**
 * The hook endpoint's guards: auth, content type, size, schema, rate limit, cross-origin and
 * DNS-rebinding refusals, idempotent retries, and hostile input that must neither crash nor hang
 * the server. "Nothing stored" is checked wherever a request is refused.
 */
import { readFile } from 'node:fs/promises'
import { connect, type Socket } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOG_FILE_NAME } from '../../../src/main/core/log/logger'
import {
  api,
  postHook,
  send,
  startCore,
  storedEvents,
  type HttpReply,
  type TestCore,
} from './harness'
import { common } from './payloads'

let t: TestCore
beforeAll(async () => {
  t = await startCore({
    rateLimits: {
      app: { perSecond: 100_000, burst: 100_000 },
      session: { perSecond: 1, burst: 3 },
    },
  })
})
afterAll(() => t.close())

const prompt = (sid: string, text = 'hello') => common(sid, 'UserPromptSubmit', { prompt: text })
const errorOf = (json: unknown) =>
  (json as { error: { code: string; message: string; field?: string } }).error

async function storedCount(): Promise<number> {
  return (await storedEvents(t)).length
}

async function expectRefusedAndNothingStored(
  run: () => Promise<{ status: number }>,
  status: number,
): Promise<void> {
  const before = await storedCount()
  expect((await run()).status).toBe(status)
  expect(await storedCount()).toBe(before)
}

/** A managed session with its own hook token (as the session manager would create it). */
function addManagedSession(id: string, token: string): void {
  const now = Date.now()
  t.core.services.registry.put({
    id,
    name: id,
    cwd: '/tmp',
    kind: 'managed',
    backend: 'pty',
    launched: true,
    permissionMode: 'default',
    args: [],
    worktree: null,
    createdAt: now,
    lastActivity: now,
    zone: null,
    order: 1,
    usage: {},
    token,
  })
}

describe('authentication', () => {
  it('refuses a missing, malformed or wrong bearer token with 401', async () => {
    await expectRefusedAndNothingStored(() => postHook(t, prompt('a'), { token: null }), 401)
    await expectRefusedAndNothingStored(
      () => postHook(t, prompt('a'), { token: 'f'.repeat(64) }),
      401,
    )
    await expectRefusedAndNothingStored(
      () => postHook(t, prompt('a'), { token: null, headers: { authorization: 'Basic abc' } }),
      401,
    )
    const r = await postHook(t, prompt('a'), { token: t.token.slice(0, -1) })
    expect(r.status).toBe(401)
    expect(errorOf(r.json).code).toBe('unauthorized')
  })

  it('pins a per-session token to its session: it cannot write into another one', async () => {
    addManagedSession('managed-a', 'a'.repeat(64))
    addManagedSession('managed-b', 'b'.repeat(64))
    const r = await postHook(t, prompt('claude-x', 'from a'), {
      token: 'a'.repeat(64),
      headers: { 'x-atelier-session': 'managed-b' },
    })
    expect(r.status).toBe(200)
    const events = await storedEvents(t)
    const mine = events.find((e) => e.type === 'prompt' && e.text === 'from a')
    expect(mine?.sessionId).toBe('managed-a')
    expect(await storedEvents(t, 'managed-b')).toEqual([])
    // Session tokens are for hooks only: not for the API, /health or /metrics.
    expect((await send(t.port, '/api/sessions.list', {}, { token: 'a'.repeat(64) })).status).toBe(
      401,
    )
    expect(
      (await send(t.port, '/health', undefined, { method: 'GET', token: 'a'.repeat(64) })).status,
    ).toBe(401)
  })
})

describe('request validation', () => {
  it('415 for a non-JSON content type', async () => {
    const r = await postHook(t, JSON.stringify(prompt('a')), { contentType: 'text/plain' })
    expect(r.status).toBe(415)
    expect(errorOf(r.json).code).toBe('unsupported_media_type')
    expect((await postHook(t, JSON.stringify(prompt('a')), { contentType: null })).status).toBe(415)
  })

  it('413 for an /api body over 1 MiB, declared or chunked (hooks: large-bodies.test.ts)', async () => {
    const big = JSON.stringify({ limit: 1, padding: 'x'.repeat(1024 * 1024 + 10) })
    const declared = await send(t.port, '/api/events.list', big, { token: t.token })
    expect(declared.status).toBe(413)
    // Without content-length (chunked): the server must count while reading.
    const chunked = await new Promise<number>((resolve, reject) => {
      const s = connect(t.port, '127.0.0.1')
      let reply = ''
      s.on('data', (d) => (reply += d.toString()))
      s.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(reply)?.[1] ?? 0)))
      s.on('error', reject)
      s.write(
        `POST /api/events.list HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nAuthorization: Bearer ${t.token}\r\n` +
          'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n',
      )
      const chunk = Buffer.alloc(64 * 1024, 'x')
      for (let i = 0; i < 20; i++)
        s.write(`${chunk.length.toString(16)}\r\n${chunk.toString()}\r\n`)
      s.end('0\r\n\r\n')
    })
    expect(chunked).toBe(413)
  })

  it('400 naming the field for invalid JSON and a missing field the event is stored by', async () => {
    const cases: [unknown, string][] = [
      ['{"session_id": ', 'body'],
      ['[1,2]', 'body'],
      ['"just a string"', 'body'],
      [{ hook_event_name: 'Stop' }, 'session_id'],
      [{ session_id: 's' }, 'hook_event_name'],
      [
        { session_id: 's', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: {} },
        'tool_use_id',
      ],
      [{ session_id: 's', hook_event_name: 'PostToolUse', tool_use_id: 't' }, 'tool_name'],
      [{ session_id: 's', hook_event_name: 'SubagentStart', agent_type: 'Explore' }, 'agent_id'],
      [{ session_id: 42, hook_event_name: 'Stop' }, 'session_id'],
    ]
    for (const [body, field] of cases) {
      const before = await storedCount()
      const r = await postHook(t, body)
      expect(r.status, JSON.stringify(body)).toBe(400)
      expect(errorOf(r.json)).toMatchObject({ code: 'bad_request', field })
      expect(errorOf(r.json).message).toContain(field)
      expect(await storedCount()).toBe(before)
    }
    const badId = await postHook(t, prompt('a'), {
      headers: { 'x-atelier-event-id': 'has spaces' },
    })
    expect(errorOf(badId.json).field).toBe('x-atelier-event-id')
  })

  it('429 once a token exceeds its rate limit, per token', async () => {
    addManagedSession('limited', 'c'.repeat(64))
    const statuses: number[] = []
    for (let i = 0; i < 6; i++)
      statuses.push((await postHook(t, prompt('l', `n${i}`), { token: 'c'.repeat(64) })).status)
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200])
    expect(statuses).toContain(429)
    const limited = await postHook(t, prompt('l'), { token: 'c'.repeat(64) })
    expect(errorOf(limited.json).code).toBe('rate_limited')
    // The app token has its own bucket.
    expect((await postHook(t, prompt('l', 'app'))).status).toBe(200)
  })
})

describe('browser requests never reach a handler', () => {
  it('refuses a cross-origin text/plain simple POST and a preflight; nothing stored', async () => {
    const body = JSON.stringify(prompt('cors'))
    await expectRefusedAndNothingStored(
      () =>
        postHook(t, body, {
          token: null,
          contentType: 'text/plain',
          headers: { origin: 'https://evil.example' },
        }),
      403,
    )
    // Even with a valid token and JSON type, a foreign Origin is refused.
    await expectRefusedAndNothingStored(
      () => postHook(t, body, { headers: { origin: 'https://evil.example' } }),
      403,
    )
    const preflight = await send(t.port, '/hooks/claude', undefined, {
      method: 'OPTIONS',
      token: null,
      contentType: null,
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    })
    expect(preflight.status).toBe(403)
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined()
    // A same-origin preflight is refused too: the core never speaks CORS.
    const same = await send(t.port, '/api/events.list', undefined, {
      method: 'OPTIONS',
      token: null,
      contentType: null,
    })
    expect(same.status).toBe(403)
  })

  it('refuses a Host header that is not loopback (DNS rebinding)', async () => {
    await expectRefusedAndNothingStored(
      () => postHook(t, prompt('rebind'), { headers: { host: `evil.example:${t.port}` } }),
      403,
    )
    expect((await postHook(t, prompt('rebind'), { headers: { host: 'localhost:1' } })).status).toBe(
      403,
    )
    expect(
      (await postHook(t, prompt('rebind-ok'), { headers: { host: `localhost:${t.port}` } })).status,
    ).toBe(200)
  })
})

describe('idempotency', () => {
  it('stores a retried POST with the same X-Atelier-Event-Id once', async () => {
    const before = await storedCount()
    const stop = common('retry', 'Stop', { last_assistant_message: 'Done.' })
    for (let i = 0; i < 3; i++)
      expect(
        (await postHook(t, stop, { headers: { 'x-atelier-event-id': 'evt-42' } })).status,
      ).toBe(200)
    expect(await storedCount()).toBe(before + 1)
    // Without the header, two identical "Done." stops are two distinct events.
    await postHook(t, stop)
    await postHook(t, stop)
    expect(await storedCount()).toBe(before + 3)
  })
})

describe('hostile input', () => {
  /** Sends raw bytes and half-closes; resolves with everything the server said once it closes. */
  function rawExchange(text: string | Buffer): Promise<string> {
    return new Promise((resolve) => {
      const s = connect(t.port, '127.0.0.1')
      let reply = ''
      s.on('data', (d) => (reply += d.toString()))
      s.on('close', () => resolve(reply))
      s.on('error', () => undefined)
      s.end(text)
    })
  }

  it('answers garbage, broken HTTP and odd JSON without crashing', async () => {
    expect(await rawExchange('GARBAGE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/)
    expect(await rawExchange(Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10]))).toMatch(
      /^HTTP\/1\.1 400/,
    )
    expect(
      await rawExchange(
        `POST /hooks/claude HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nContent-Length: abc\r\n\r\n`,
      ),
    ).toMatch(/^HTTP\/1\.1 400/)
    const odd: unknown[] = [
      '{"session_id":"s","hook_event_name":"Stop","__proto__":{"polluted":true}}',
      JSON.stringify(
        common('deep', 'PostToolUse', {
          tool_name: 'Bash',
          tool_use_id: 'd',
          tool_input: JSON.parse('['.repeat(2000) + ']'.repeat(2000)),
        }),
      ),
      '\uFEFF{}',
      '{"session_id":"s","hook_event_name":"constructor"}',
      '{"session_id":"s","hook_event_name":"__proto__"}',
      '{"session_id":"s","hook_event_name":"toString","tool_calls":7}',
      'null',
      '{"session_id":"s","hook_event_name":"' + 'X'.repeat(500) + '"}',
      Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
    ]
    for (const body of odd) {
      const r = await postHook(t, body)
      expect([200, 400], String(body)).toContain(r.status)
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(
      (await send(t.port, '/health', undefined, { method: 'GET', token: t.token })).status,
    ).toBe(200)
  })

  it('a malformed percent-escape in an /api path is a 400, not a 500 with a stack trace', async () => {
    // The core logs to <data>/logs/atelier.log (synchronous appends): read what these requests add.
    const logFile = join(t.dataDir, 'logs', LOG_FILE_NAME)
    const logBefore = (await readFile(logFile)).length
    const replies: [string, HttpReply][] = []
    for (const path of ['/api/%E0', '/api/sessions.list%', '/api/%', '/api/%zz'])
      replies.push([path, await send(t.port, path, {}, { token: t.token })])
    const logged = (await readFile(logFile)).subarray(logBefore).toString('utf8')
    expect(logged).not.toMatch(/unexpected error|URIError|ERROR/)
    for (const [path, r] of replies) {
      expect(r.status, path).toBe(400)
      expect(errorOf(r.json), path).toMatchObject({ code: 'bad_request' })
    }
  })

  it('closes stalled connections (slowloris), even if the peer never reads', async () => {
    /**
     * Opens a socket, writes `text`, never reads nor closes it; resolves when the server closes
     * it. Only the server's own request and header timeouts can close it, so a missing timeout
     * shows as this test hanging, not as a figure compared with a budget.
     */
    const stall = (text: string) =>
      new Promise<{ reply: string }>((resolve) => {
        const s: Socket = connect(t.port, '127.0.0.1')
        let reply = ''
        s.on('error', () => undefined)
        s.on('data', (d) => (reply += d.toString()))
        s.on('close', () => resolve({ reply }))
        s.write(text)
      })
    const [bodyStall, headerStall] = await Promise.all([
      stall(
        `POST /hooks/claude HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nAuthorization: Bearer ${t.token}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"session_id":',
      ),
      stall(`POST /hooks/claude HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nX-Slow: 1\r\n`),
    ])
    expect(bodyStall.reply).not.toMatch(/^HTTP\/1\.1 2/)
    expect(headerStall.reply).toMatch(/^HTTP\/1\.1 408/)
    expect(
      (await send(t.port, '/health', undefined, { method: 'GET', token: t.token })).status,
    ).toBe(200)
  })

  it('is still consistent after all of that', async () => {
    const before = await storedCount()
    expect((await postHook(t, prompt('after', 'still alive'))).status).toBe(200)
    expect(await storedCount()).toBe(before + 1)
    expect(await api(t, 'events.search', { query: 'still alive' })).toMatchObject({
      results: [{ event: { type: 'prompt' } }],
    })
  })
})

describe('hook routes', () => {
  it('the status line has no route: it is read from the session folder, not posted', async () => {
    addManagedSession('usage-a', 'c'.repeat(64))
    const before = await storedCount()
    const report = { session_id: 'claude-usage-a', cost: { total_cost_usd: 0.25 } }
    const r = await send(t.port, '/hooks/claude/statusline', report, { token: 'c'.repeat(64) })
    expect(r.status).toBe(404)
    expect(t.core.services.registry.get('usage-a')?.usage).toEqual({})
    expect(await storedCount()).toBe(before)
  })

  it('a hook route for an agent without an adapter is not found, before auth', async () => {
    await expectRefusedAndNothingStored(
      () => send(t.port, '/hooks/codex', prompt('x'), { token: null }),
      404,
    )
  })
})
