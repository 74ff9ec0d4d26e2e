/**
 * Large hook bodies (issue 13): a real hook can carry a whole generated file (a Write's
 * `tool_input.content`, twice in its PostToolUse). Bodies up to 48 MiB are accepted on every listener that takes hooks;
 * above it the client gets a 413 it can read, after it has sent everything — never a reset
 * mid-upload (EPIPE / ECONNRESET on the client's side).
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lastHookTlsPort } from '../../../src/main/core/auth/hook-tls'
import { MAX_HOOK_BODY_BYTES } from '../../../src/main/core/http/body'
import { readTruncation } from '@shared/truncation'
import { api, startCore, storedEvents, type TestCore } from './harness'
import { common } from './payloads'

const MiB = 1024 * 1024

let t: TestCore
beforeAll(async () => {
  t = await startCore()
})
afterAll(() => t.close())

type Listener = 'port' | 'socket' | 'tls'

interface Reply {
  status: number
  text: string
  /** The whole body left the client (it was not cut off while sending). */
  sentAll: boolean
}

/**
 * POSTs `body` to /hooks/claude through one listener; chunked (no content-length) and with
 * `connection: close` when asked.
 * Rejects on any client-side error, so a reset mid-upload fails the test.
 */
function postThrough(
  listener: Listener,
  body: Buffer,
  { chunked = false, close = false } = {},
): Promise<Reply> {
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    authorization: `Bearer ${t.token}`,
    ...(chunked ? {} : { 'content-length': body.length }),
    // A client that asks to close after its request (one hook, one connection).
    ...(close ? { connection: 'close' } : {}),
  }
  return new Promise((resolve, reject) => {
    // Settles once the reply has been read *and* the request has closed: an error on the
    // client's side after the reply (a reset while it was still sending) must fail too.
    let reply: Omit<Reply, 'sentAll'> | undefined
    let closed = false
    let failed = false
    const settle = () => {
      if (!failed && reply && closed) resolve({ ...reply, sentAll: req.writableFinished })
    }
    const onReply = (res: IncomingMessage) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        reply = { status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }
        settle()
      })
    }
    const base = { path: '/hooks/claude', method: 'POST', agent: false as const }
    let req: ClientRequest
    if (listener === 'socket')
      req = httpRequest(
        { ...base, socketPath: t.core.info.hookSocket, headers: { ...headers, host: 'localhost' } },
        onReply,
      )
    else if (listener === 'tls')
      req = httpsRequest(
        {
          ...base,
          host: '127.0.0.1',
          port: lastHookTlsPort(t.dataDir),
          rejectUnauthorized: false,
          headers,
        },
        onReply,
      )
    else req = httpRequest({ ...base, host: '127.0.0.1', port: t.port, headers }, onReply)
    req.on('error', (err) => {
      failed = true
      reject(err)
    })
    req.on('close', () => {
      closed = true
      settle()
    })
    // In pieces, as a streaming client sends it: the server answers while it is still arriving.
    const PIECE = 4 * MiB
    for (let at = 0; at < body.length; at += PIECE) req.write(body.subarray(at, at + PIECE))
    req.end()
  })
}

/** A Write of `bytes` of file content, as PreToolUse carries it. */
function writeOf(sid: string, bytes: number): Buffer {
  return Buffer.from(
    JSON.stringify(
      common(sid, 'PreToolUse', {
        tool_name: 'Write',
        tool_input: { file_path: '/tmp/generated.txt', content: 'x'.repeat(bytes) },
        tool_use_id: `toolu_${sid}`,
      }),
    ),
  )
}

describe('large hook bodies', () => {
  it('accepts a body just under the 48 MiB limit on each listener', async () => {
    for (const listener of ['port', 'socket', 'tls'] as const) {
      const sid = `big-${listener}`
      const body = writeOf(sid, MAX_HOOK_BODY_BYTES - 4096)
      expect(body.length).toBeLessThanOrEqual(MAX_HOOK_BODY_BYTES)
      expect(body.length).toBeGreaterThan(MAX_HOOK_BODY_BYTES - 8192)
      expect((await postThrough(listener, body)).status, listener).toBe(200)
      const stored = (await storedEvents(t)).find((e) => e.agentSessionId === sid)
      expect(stored, listener).toMatchObject({ type: 'tool.start', tool: 'Write' })
    }
  })

  it('stores a 20 MiB Write cut short with its full size; search finds it by its path', async () => {
    const sid = 'write-20mib'
    const content = `GENERATED-START ${'y'.repeat(20 * MiB - 16)}`
    const tool = {
      tool_name: 'Write',
      tool_input: { file_path: '/tmp/w20mib/output.txt', content },
      tool_use_id: 'toolu_w20',
    }
    const pre = Buffer.from(JSON.stringify(common(sid, 'PreToolUse', tool)))
    const post = Buffer.from(
      JSON.stringify(
        common(sid, 'PostToolUse', {
          ...tool,
          tool_response: { type: 'create', filePath: '/tmp/w20mib/output.txt', content },
        }),
      ),
    )
    expect((await postThrough('port', pre)).status).toBe(200)
    expect((await postThrough('port', post)).status).toBe(200)
    const stored = (await storedEvents(t)).filter((e) => e.agentSessionId === sid)
    expect(stored.map((e) => e.type)).toEqual(['tool.start', 'tool.end'])
    for (const e of stored) {
      expect(JSON.stringify(e).length, e.type).toBeLessThan(100_000)
      const kept = (e as { input: { content: string } }).input.content
      expect(readTruncation(kept)).toMatchObject({ fullBytes: 20 * MiB })
      expect(kept.startsWith('GENERATED-START')).toBe(true)
    }
    const output = (stored[1] as { output: { content: string } }).output.content
    expect(readTruncation(output)?.fullBytes).toBe(20 * MiB)
    const found = await api<{ results: { event: { id: string } }[] }>(t, 'events.search', {
      query: 'w20mib',
    })
    expect(found.results.map((r) => r.event.id)).toContain(stored[0].id)
  })

  it('answers a 64 MiB body with a 413 the client reads, declared or chunked, on each listener', async () => {
    const before = (await storedEvents(t)).length
    const body = writeOf('too-big', 64 * MiB)
    for (const listener of ['port', 'socket', 'tls'] as const) {
      // Declared and closing after (the old code cut that one mid-upload), and chunked.
      for (const [chunked, close] of [
        [false, true],
        [true, false],
      ]) {
        const how = `${listener} chunked=${chunked} close=${close}`
        const reply = await postThrough(listener, body, { chunked, close })
        expect(reply.status, how).toBe(413)
        expect(reply.sentAll, how).toBe(true)
        expect(JSON.parse(reply.text), how).toMatchObject({ error: { code: 'too_large' } })
      }
    }
    expect((await storedEvents(t)).length).toBe(before)
  })
})
