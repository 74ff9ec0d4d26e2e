/**
 * Fuzzing the whole loopback surface of a running core — the app's port, the hook socket and the
 * TLS hook port: raw HTTP requests with random methods,
 * paths, headers and bodies (every API channel and hook route, with bodies both random and
 * mutated from valid ones), WebSocket upgrade requests, and random frames on open WebSockets.
 * The core must answer every request with a designed status — never 500 — keep its WebSockets
 * answering without an `internal` error, and stay up. A 503 is accepted only as the contract's
 * `unavailable` answer (a feature this headless core does not offer, such as opening links).
 *
 * The app token is read afresh for every request: a fuzzed `auth.rotate` may replace it.
 *
 * Bounded and reproducible: FUZZ_SEED picks the random sequence (printed), FUZZ_SCALE multiplies
 * the request counts. Loopback only; Claude Code is configured away, so nothing is launched.
 */
import { connect, type Socket } from 'node:net'
import { connect as connectTls } from 'node:tls'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { channels } from '@shared/contract'
import { WS_PROTOCOL, WS_TOKEN_PREFIX } from '../../../src/main/core/http/server'
import { lastHookTlsPort } from '../../../src/main/core/auth/hook-tls'
import { HANG_TIMEOUT_MS } from '../../support/patience'
import { startCore, type TestCore } from './harness'
import { everyEvent } from './payloads'

/** Every invoke channel of the contract. */
const CHANNEL_NAMES = Object.keys(channels)
const SEED = Number(process.env.FUZZ_SEED ?? 20261201)
const SCALE = Number(process.env.FUZZ_SCALE ?? 1)
const HTTP_REQUESTS = Math.round(1_500 * SCALE)
const UPGRADE_REQUESTS = Math.round(200 * SCALE)
const WS_FRAMES = Math.round(600 * SCALE)

/** mulberry32: a small seeded generator, so a failure can be replayed with its seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rng = seeded(SEED)
const int = (n: number) => Math.floor(rng() * n)
const chance = (p: number) => rng() < p
const pick = <T>(items: readonly T[]): T => items[int(items.length)]

const ODD_CHARS = [
  '%',
  '%E0',
  '%zz',
  '/',
  '..',
  '\\',
  '\u0000',
  '\u001b[2J',
  '"',
  "'",
  '<',
  '>',
  '&',
  '?',
  '#',
  '*',
  ' ',
  'é',
  '✓',
  '\uD83D',
  '\u202E',
  '{{',
  '$(',
  '`',
]
function randomString(max = 24): string {
  let s = ''
  const n = int(max)
  for (let i = 0; i < n; i++) s += chance(0.3) ? pick(ODD_CHARS) : String.fromCharCode(32 + int(95))
  return s
}
/** Mostly printable header values (so most requests reach a handler); a few are hostile. */
const headerValue = () =>
  chance(0.1) ? randomString(20) : randomString(20).replace(/[^\x20-\x7e]/g, '.')
/** Percent-encodes text for a path; lone surrogates (which cannot be encoded) become "?". */
const urlSafe = (text: string) => encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '?'))
const KEYS = [
  'id',
  'sessionId',
  'name',
  'cwd',
  'text',
  'data',
  'decision',
  'query',
  'limit',
  'rule',
  'file',
  'target',
  '__proto__',
  'constructor',
  'toString',
  'hook_event_name',
  'session_id',
  'tool_input',
]
function randomJson(depth = 3): unknown {
  switch (int(depth > 0 ? 9 : 6)) {
    case 0:
      return null
    case 1:
      return chance(0.5)
    case 2:
      return pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, int(1_000_000)])
    case 3:
      return randomString()
    case 4:
      return chance(0.1) ? 'x'.repeat(int(200_000)) : randomString(200)
    case 5:
      return ''
    case 6:
    case 7:
      return Array.from({ length: int(5) }, () => randomJson(depth - 1))
    default:
      return Object.fromEntries(
        Array.from({ length: int(6) }, () => [
          chance(0.7) ? pick(KEYS) : randomString(8),
          randomJson(depth - 1),
        ]),
      )
  }
}

/** A valid-looking body mutated a little: a key dropped, a value swapped, junk added. */
function mutate(value: unknown, depth = 3): unknown {
  if (depth <= 0 || chance(0.15)) return randomJson(2)
  if (Array.isArray(value)) {
    const copy = value.map((v) => (chance(0.3) ? mutate(v, depth - 1) : v))
    if (chance(0.3)) copy.push(randomJson(1))
    return chance(0.1) ? [] : copy
  }
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) }
    const keys = Object.keys(copy)
    if (keys.length && chance(0.3)) delete copy[pick(keys)]
    if (keys.length && chance(0.5)) {
      const k = pick(keys)
      copy[k] = mutate(copy[k], depth - 1)
    }
    if (chance(0.3)) copy[chance(0.5) ? pick(KEYS) : randomString(6)] = randomJson(1)
    return copy
  }
  return chance(0.5) ? randomJson(1) : value
}

const maybeMutate = (value: unknown) => (chance(0.3) ? value : mutate(value))

/** A valid body per channel where one is easy to write; the rest start from {}. */
const EXAMPLES: Record<string, unknown> = {
  'sessions.create': { name: 'fuzz', cwd: '/nonexistent/fuzz', backend: 'pty' },
  'sessions.prompt': { id: 'no-such-session', text: 'hello' },
  'sessions.rename': { id: 'no-such-session', name: 'renamed' },
  'sessions.update': { id: 'no-such-session', order: 3 },
  'sessions.reorder': { ids: ['a', 'b'] },
  'terminal.input': { id: 'no-such-session', data: 'ls\r' },
  'terminal.resize': { id: 'no-such-session', cols: 80, rows: 24 },
  'projects.autocomplete': { query: '/tmp' },
  'events.list': { limit: 50, sessionId: 'x' },
  'events.search': { query: 'needle', limit: 5 },
  'events.subscribe': { sessions: 'all' },
  'permissions.decide': { id: 'nope', decision: 'allow' },
  'permissions.revokeRule': { rule: 'Bash(ls)', file: '/etc/passwd' },
  'git.status': { sessionId: 'x' },
  'git.diff': { sessionId: 'x', path: 'README.md' },
  'settings.update': { theme: 'dark' },
  'tiles.create': { text: 'fuzz', position: { q: 1, r: 2 } },
  'hexes.paint': { hexes: [{ q: 0, r: 0, color: '#ff0000', height: 1 }] },
  'app.focus': { sessionId: 'x', windowFocused: true },
  'app.openExternal': { target: 'https://example.com' },
  'voice.start': { sampleRate: 16000 },
}
const HOOK_EXAMPLES = everyEvent('fuzz-session')

/** POST is where nearly everything lives, so most requests use it. */
const METHODS = [
  ...Array<string>(10).fill('POST'),
  'GET',
  'PUT',
  'DELETE',
  'PATCH',
  'HEAD',
  'OPTIONS',
  'TRACE',
  'PROPFIND',
  'get',
  'X'.repeat(40),
]

interface Exchange {
  request: string
  status: number | null
  head: string
}

describe('fuzzing the HTTP and WebSocket surface', () => {
  let t: TestCore
  let home: string
  let decider: NodeJS.Timeout
  const savedHome = process.env.HOME

  beforeAll(async () => {
    // Defence in depth: whatever a mutated body asks for, nothing may touch the real home.
    home = mkdtempSync(join(tmpdir(), 'atelier-fuzz-home-'))
    process.env.HOME = home
    t = await startCore({
      claudeSettingsFile: join(home, '.claude', 'settings.json'),
      rateLimits: {
        app: { perSecond: 1_000_000, burst: 1_000_000 },
        session: { perSecond: 1_000_000, burst: 1_000_000 },
      },
    })
    t.core.services.updateSettings({
      claudeBin: '/nonexistent/claude',
      voice: { ...t.core.services.settings.get().voice, endpoint: 'wss://127.0.0.1:9/' },
    })
    // Stands in for a user who denies every held request, so held hooks answer.
    decider = setInterval(() => {
      for (const r of t.core.broker.list()) {
        try {
          t.core.broker.decide(r.id, 'deny')
        } catch {
          // answered meanwhile
        }
      }
    }, 5)
    console.log(`fuzz seed ${SEED} (FUZZ_SEED to replay), scale ${SCALE}`)
  })

  afterAll(async () => {
    clearInterval(decider)
    await t?.close()
    process.env.HOME = savedHome
    rmSync(home, { recursive: true, force: true })
  })

  /** Sends raw bytes and reads until the server closes (or, for an upgrade, until the head). */
  function exchange(request: string | Buffer, upgrade = false): Promise<Exchange> {
    return new Promise((resolve, reject) => {
      const s = connect(t.port, '127.0.0.1')
      let reply = ''
      const text = Buffer.isBuffer(request) ? request.toString('latin1') : request
      const done = () => {
        clearTimeout(timer)
        const head = reply.split('\r\n')[0] ?? ''
        const m = /^HTTP\/1\.1 (\d{3})/.exec(head)
        resolve({ request: text.slice(0, 300), status: m ? Number(m[1]) : null, head })
      }
      const timer = setTimeout(() => {
        s.destroy()
        reject(new Error(`no answer to: ${JSON.stringify(text.slice(0, 300))}`))
      }, HANG_TIMEOUT_MS)
      s.on('data', (d) => {
        reply += d.toString('latin1')
        if (upgrade && reply.includes('\r\n\r\n')) s.destroy()
      })
      s.on('close', done)
      s.on('error', () => undefined)
      s.end(request)
    })
  }

  function randomPath(): { path: string; channel?: string } {
    switch (int(12)) {
      case 0:
      case 1:
      case 2:
      case 3: {
        const channel = pick(CHANNEL_NAMES)
        return { path: `/api/${channel}`, channel }
      }
      case 4:
        return { path: `/api/${urlSafe(randomString(12))}` }
      case 5:
        return { path: pick(['/hooks/claude', '/hooks/claude', '/hooks/claude/statusline']) }
      case 6:
        return { path: `/hooks/${urlSafe(randomString(10))}` }
      case 7:
        return {
          path: pick(['/', '/index.html', '/health', '/metrics', '/ws', '/api/', '/hooks/']),
        }
      case 8:
        return {
          path: pick([
            '/api/%E0',
            '/api/%',
            '/api/__proto__',
            '/api/constructor',
            '/../../etc/passwd',
            '/%2e%2e/%2e%2e/etc/passwd',
            '//double',
            '/assets/../../../etc/passwd',
            '*',
            'http://evil.example/api/sessions.list',
          ]),
        }
      case 9:
        return { path: `/${'a/'.repeat(int(3000))}` }
      case 10:
        return { path: `/api/${pick(CHANNEL_NAMES)}?${randomString(20).replace(/[\s#]/g, '')}` }
      default:
        // A request line cannot carry spaces or control characters; everything else goes.
        return { path: `/${[...randomString(30)].filter((c) => c > ' ').join('')}` }
    }
  }

  function randomBody(path: string, channel?: string): string | Buffer {
    if (chance(0.08)) return Buffer.from(Array.from({ length: int(300) }, () => int(256)))
    if (chance(0.05)) return ''
    if (chance(0.05)) return '{"unterminated": '
    let value: unknown
    if (channel) value = chance(0.7) ? mutate(EXAMPLES[channel] ?? {}) : randomJson()
    else if (path.startsWith('/hooks/'))
      value = chance(0.8) ? mutate(pick(HOOK_EXAMPLES)) : randomJson()
    else value = randomJson()
    return JSON.stringify(value) ?? 'null'
  }

  function randomRequest(): string | Buffer {
    const { path, channel } = randomPath()
    const method = pick(METHODS)
    const body =
      method === 'GET' || method === 'HEAD' ? (chance(0.1) ? 'x' : '') : randomBody(path, channel)
    const bodyBytes = Buffer.isBuffer(body) ? body : Buffer.from(body)
    const headers: string[] = []
    if (!chance(0.05))
      headers.push(
        `Host: ${chance(0.85) ? `127.0.0.1:${t.port}` : pick(['localhost', 'evil.example', '', '127.0.0.1:1', randomString(10)])}`,
      )
    const auth = int(10)
    if (auth < 7) headers.push(`Authorization: Bearer ${t.core.info.token}`)
    else if (auth === 7) headers.push(`Authorization: Bearer ${randomString(40)}`)
    else if (auth === 8)
      headers.push(
        `Authorization: ${pick(['Basic eDp5', 'Bearer', 'bearer ' + t.core.info.token])}`,
      )
    if (!chance(0.1))
      headers.push(
        `Content-Type: ${chance(0.8) ? 'application/json' : pick(['text/plain', 'application/json; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', randomString(15)])}`,
      )
    if (chance(0.15))
      headers.push(
        `Origin: ${pick(['https://evil.example', 'null', `http://127.0.0.1:${t.port}`, randomString(10)])}`,
      )
    if (chance(0.2)) headers.push(`X-Atelier-Session: ${headerValue()}`)
    if (chance(0.2))
      headers.push(`X-Atelier-Event-Id: ${chance(0.5) ? `evt-${int(1e9)}` : headerValue()}`)
    for (let i = 0; i < int(4); i++)
      headers.push(`X-${randomString(8).replace(/[^A-Za-z0-9-]/g, '')}: ${headerValue()}`)
    if (chance(0.03)) headers.push('Transfer-Encoding: chunked')
    headers.push(`Content-Length: ${chance(0.97) ? bodyBytes.length : int(bodyBytes.length + 1)}`)
    headers.push('Connection: close')
    const head = Buffer.from(
      `${method} ${path} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`,
      'latin1',
    )
    return Buffer.concat([head, bodyBytes])
  }

  /** The three listeners: the app's port, the hook-only Unix socket and the hook-only TLS port. */
  type Listener = 'port' | 'socket' | 'tls'
  function open(listener: Listener): Socket {
    if (listener === 'socket') return connect(t.core.info.hookSocket)
    if (listener === 'tls')
      // The app's own certificate; the client only needs the bytes through.
      return connectTls({
        host: '127.0.0.1',
        port: lastHookTlsPort(t.dataDir),
        rejectUnauthorized: false,
      })
    return connect(t.port, '127.0.0.1')
  }

  /** A 503 is a designed answer only as the contract's `unavailable` error. */
  const isServerFault = (x: Exchange, body: string) =>
    x.status !== null && x.status >= 500 && !(x.status === 503 && body.includes('"unavailable"'))

  it(`answers ${HTTP_REQUESTS} random requests with designed statuses, never a 500`, async () => {
    const faults: Exchange[] = []
    const statuses = new Map<number | null, number>()
    const byListener: Record<Listener, Record<string, number>> = { port: {}, socket: {}, tls: {} }
    for (let i = 0; i < HTTP_REQUESTS; i++) {
      const listener: Listener = chance(0.6) ? 'port' : chance(0.5) ? 'socket' : 'tls'
      const request = randomRequest()
      const reply = await exchangeWithBody(request, listener)
      statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1)
      const seen = byListener[listener]
      seen[String(reply.status)] = (seen[String(reply.status)] ?? 0) + 1
      if (isServerFault(reply, reply.body)) faults.push(reply)
    }
    console.log(`fuzz HTTP statuses by listener: ${JSON.stringify(byListener)}`)
    expect(faults).toEqual([])
    // Every kind of answer was exercised, not only refusals.
    expect(statuses.get(200)).toBeGreaterThan(0)
    expect(statuses.get(400)).toBeGreaterThan(0)
  })

  /** exchange() plus the raw reply body, for telling a designed 503 from a fault. */
  async function exchangeWithBody(
    request: string | Buffer,
    listener: Listener = 'port',
  ): Promise<Exchange & { body: string }> {
    let body = ''
    const x = await new Promise<Exchange>((resolve, reject) => {
      const s = open(listener)
      let reply = ''
      const text = Buffer.isBuffer(request) ? request.toString('latin1') : request
      const timer = setTimeout(() => {
        s.destroy()
        reject(new Error(`no answer to: ${JSON.stringify(text.slice(0, 300))}`))
      }, HANG_TIMEOUT_MS)
      s.on('data', (d) => (reply += d.toString('utf8')))
      s.on('close', () => {
        clearTimeout(timer)
        const [head = '', ...rest] = reply.split('\r\n\r\n')
        body = rest.join('\r\n\r\n')
        const m = /^HTTP\/1\.1 (\d{3})/.exec(head)
        resolve({
          request: text.slice(0, 300),
          status: m ? Number(m[1]) : null,
          head: head.split('\r\n')[0],
        })
      })
      s.on('error', () => undefined)
      s.end(request)
    })
    return { ...x, body }
  }

  it(`answers ${UPGRADE_REQUESTS} random WebSocket upgrade requests without a server fault`, async () => {
    const faults: Exchange[] = []
    let accepted = 0
    for (let i = 0; i < UPGRADE_REQUESTS; i++) {
      const key = chance(0.8)
        ? Buffer.from(Array.from({ length: 16 }, () => int(256))).toString('base64')
        : randomString(20)
      const protocols = pick([
        `${WS_PROTOCOL}, ${WS_TOKEN_PREFIX}${t.core.info.token}`,
        `${WS_PROTOCOL}, ${WS_TOKEN_PREFIX}${randomString(30)}`,
        `${WS_TOKEN_PREFIX}${t.core.info.token}`,
        WS_PROTOCOL,
        randomString(40),
      ])
      const lines = [
        `GET ${chance(0.8) ? '/ws' : randomPath().path} HTTP/1.1`,
        `Host: ${chance(0.9) ? `127.0.0.1:${t.port}` : 'evil.example'}`,
        `Upgrade: ${chance(0.9) ? 'websocket' : randomString(8)}`,
        `Connection: ${chance(0.9) ? 'Upgrade' : 'keep-alive'}`,
        ...(chance(0.9) ? [`Sec-WebSocket-Key: ${key}`] : []),
        `Sec-WebSocket-Version: ${chance(0.9) ? '13' : pick(['8', '', randomString(4)])}`,
        ...(chance(0.9) ? [`Sec-WebSocket-Protocol: ${protocols}`] : []),
        ...(chance(0.1) ? [`Origin: https://evil.example`] : []),
      ]
      const reply = await exchange(`${lines.join('\r\n')}\r\n\r\n`, true)
      if (reply.status === 101) accepted++
      if (reply.status !== null && reply.status >= 500) faults.push(reply)
    }
    expect(faults).toEqual([])
    expect(accepted).toBeGreaterThan(0)
  })

  it(`survives ${WS_FRAMES} random frames on open WebSockets; no invoke fails as internal`, async () => {
    const internal: unknown[] = []
    let ws: WebSocket | null = null
    const open = () =>
      new Promise<WebSocket>((resolve, reject) => {
        const socket = new WebSocket(`ws://127.0.0.1:${t.port}/ws`, [
          WS_PROTOCOL,
          `${WS_TOKEN_PREFIX}${t.core.info.token}`,
        ])
        socket.on('open', () => resolve(socket))
        socket.on('error', reject)
        socket.on('message', (buf) => {
          const frame = JSON.parse(buf.toString()) as {
            t: string
            ok?: boolean
            error?: { code?: string }
          }
          if (frame.t === 'result' && frame.ok === false && frame.error?.code === 'internal')
            internal.push(frame)
        })
      })
    let reconnects = 0
    for (let i = 0; i < WS_FRAMES; i++) {
      if (!ws || ws.readyState !== WebSocket.OPEN) {
        ws = await open()
        reconnects++
      }
      const kind = int(10)
      if (kind < 5) {
        const channel = chance(0.85) ? pick(CHANNEL_NAMES) : randomString(12)
        const frame = {
          t: chance(0.9) ? 'invoke' : randomString(5),
          id: chance(0.9) ? i : randomJson(1),
          channel,
          payload: chance(0.7) ? maybeMutate(EXAMPLES[channel] ?? {}) : randomJson(),
        }
        ws.send(JSON.stringify(frame))
      } else if (kind < 7) ws.send(JSON.stringify(randomJson()))
      else if (kind < 8) ws.send(randomString(200))
      else if (kind < 9) ws.send(Buffer.from(Array.from({ length: int(64) }, () => int(256))))
      else ws.send(JSON.stringify({ t: 'ping' }))
      // Let the server answer or close before the next frame decides whether to reconnect.
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
    ws?.close()
    expect(internal).toEqual([])
    expect(reconnects).toBeGreaterThan(1) // bad frames closed connections, and new ones were taken
  })

  it('is still up and healthy afterwards', async () => {
    const health = await exchangeWithBody(
      `GET /health HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nAuthorization: Bearer ${t.core.info.token}\r\nConnection: close\r\n\r\n`,
    )
    expect(health.status).toBe(200)
    expect(JSON.parse(health.body)).toMatchObject({ ok: true })
  })
})
