/**
 * In-process cores for the pipeline tests, plus the two clients a real user of the core has: an
 * HTTP client (hooks, /api, /health) and a WebSocket client subscribed to the events stream.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WebSocket } from 'ws'
import type { CanonicalEvent } from '@shared/events'
import { createCore, type Core, type CoreOptions } from '../../../src/main/core/app'
import { sourceWriterScript } from '../../support/source-writer'
import { HANG_TIMEOUT_MS } from '../../support/patience'
import { waitFor } from '../../support/core'

export interface TestCore {
  core: Core
  port: number
  token: string
  dataDir: string
  close(): Promise<void>
}

export async function startCore(extra: Partial<CoreOptions> = {}): Promise<TestCore> {
  const dataDir = await mkdtemp(join(tmpdir(), 'atelier-pipeline-'))
  const core = await createCore({
    writerScript: sourceWriterScript(),
    dataDir,
    runtime: 'headless',
    version: 'test',
    port: 0,
    processMetrics: false,
    ...extra,
  })
  return {
    core,
    port: core.info.port,
    token: core.info.token,
    dataDir,
    async close() {
      await core.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export interface HttpReply {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
  json: unknown
}

export interface RequestOptions {
  method?: string
  token?: string | null
  headers?: Record<string, string>
  contentType?: string | null
  /** Send through this Unix socket instead of 127.0.0.1:port. */
  socketPath?: string
}

/** One HTTP request to the core; the body is sent as-is when a string or Buffer, else as JSON. */
export function send(
  port: number,
  path: string,
  body: unknown,
  opts: RequestOptions = {},
): Promise<HttpReply> {
  const payload =
    body === undefined
      ? undefined
      : typeof body === 'string' || Buffer.isBuffer(body)
        ? body
        : JSON.stringify(body)
  const headers: Record<string, string> = { ...opts.headers }
  if (opts.contentType !== null) headers['content-type'] = opts.contentType ?? 'application/json'
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  return new Promise((resolve, reject) => {
    const req = request(
      {
        ...(opts.socketPath
          ? { socketPath: opts.socketPath, headers: { host: 'localhost', ...headers } }
          : { host: '127.0.0.1', port, headers }),
        path,
        method: opts.method ?? 'POST',
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let json: unknown
          try {
            json = text ? JSON.parse(text) : undefined
          } catch {
            json = undefined
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json })
        })
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}

export function postHook(
  t: TestCore,
  body: unknown,
  opts: RequestOptions = {},
): Promise<HttpReply> {
  return send(t.port, '/hooks/claude', body, { token: t.token, ...opts })
}

export async function api<T = unknown>(
  t: TestCore,
  channel: string,
  payload: unknown = {},
): Promise<T> {
  const r = await send(t.port, `/api/${channel}`, payload, { token: t.token })
  if (r.status !== 200) throw new Error(`${channel} → ${r.status} ${r.text}`)
  return r.json as T
}

/** Every stored event, oldest first, through POST /api/events.list. */
export async function storedEvents(t: TestCore, sessionId?: string): Promise<CanonicalEvent[]> {
  const r = await api<{ events: CanonicalEvent[] }>(t, 'events.list', {
    limit: 5000,
    ...(sessionId ? { sessionId } : {}),
  })
  return r.events.reverse()
}

export interface WsClient {
  ws: WebSocket
  /** Events received in `push` frames of the events stream, in arrival order. */
  events: CanonicalEvent[]
  /** Every push frame, by stream. */
  pushes: { stream: string; data: unknown }[]
  waitForEvents(count: number, timeoutMs?: number): Promise<CanonicalEvent[]>
  invoke(channel: string, payload: unknown): Promise<unknown>
  close(): void
}

export async function connectWs(
  t: TestCore,
  protocols = ['atelier.v1', `bearer.${t.token}`],
): Promise<WsClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${t.port}/ws`, protocols)
  const events: CanonicalEvent[] = []
  const pushes: { stream: string; data: unknown }[] = []
  const pending = new Map<
    number,
    (frame: { ok: boolean; data?: unknown; error?: unknown }) => void
  >()
  let nextId = 1
  ws.on('message', (buf) => {
    const frame = JSON.parse(buf.toString()) as {
      t: string
      stream?: string
      data?: unknown
      id?: number
      ok?: boolean
    }
    if (frame.t === 'push') {
      pushes.push({ stream: frame.stream!, data: frame.data })
      if (frame.stream === 'events')
        events.push(...(frame.data as { events: CanonicalEvent[] }).events)
    } else if (frame.t === 'result') pending.get(frame.id!)?.(frame as { ok: boolean })
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
    ws.once('unexpected-response', (_req, res) =>
      reject(new Error(`upgrade refused: ${res.statusCode}`)),
    )
  })
  const client: WsClient = {
    ws,
    events,
    pushes,
    invoke(channel, payload) {
      const id = nextId++
      return new Promise((resolve, reject) => {
        pending.set(id, (f) =>
          f.ok ? resolve(f.data) : reject(new Error(JSON.stringify(f.error))),
        )
        ws.send(JSON.stringify({ t: 'invoke', id, channel, payload }))
      })
    },
    async waitForEvents(count, timeoutMs = HANG_TIMEOUT_MS) {
      await waitUntil(
        () => events.length >= count,
        timeoutMs,
        `${count} pushed events (have ${events.length})`,
      )
      return events
    },
    close: () => ws.close(),
  }
  await client.invoke('events.subscribe', { sessions: 'all' })
  return client
}

/** Polls `check` every few ms; fails with `what` after `timeoutMs`. */
export async function waitUntil(
  check: () => boolean,
  timeoutMs: number = HANG_TIMEOUT_MS,
  what: string = 'a state',
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

/**
 * Posts each payload to the core's hook endpoint and fails unless each is accepted: answered 200
 * and stored as one more event (not a generic one when its name is in `known`). A
 * PermissionRequest holds its answer until a decision, so only its stored event is awaited.
 */
export async function expectEveryPayloadStored(
  t: TestCore,
  payloads: Record<string, unknown>[],
  known: readonly string[],
): Promise<void> {
  for (const payload of payloads) {
    const name = String(payload.hook_event_name)
    const before = (await storedEvents(t)).length
    const reply = postHook(t, payload)
    if (name === 'PermissionRequest') void reply.catch(() => undefined)
    else {
      const r = await reply
      if (r.status !== 200) throw new Error(`${name} → ${r.status} ${r.text}`)
    }
    const events = await waitFor(async () => {
      const now = await storedEvents(t)
      return now.length > before ? now : null
    }).catch((err: Error) => {
      // Name the payload: a dedup (two payloads mapped to one id) hangs exactly here.
      throw new Error(
        `${err.message}: payload ${payloads.indexOf(payload)} was not stored as a new event: ${JSON.stringify(payload).slice(0, 600)}`,
      )
    })
    const last = events[events.length - 1]
    if (known.includes(name) && last.type === 'generic')
      throw new Error(`${name} was stored as a generic event`)
  }
}
