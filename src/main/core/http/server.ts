/**
 * The core's HTTP server, 127.0.0.1 only. Routes:
 *   POST /hooks/<agent>             hook events (session, observer or app token)
 *   POST /api/<channel>             every invoke channel of the contract (app token)
 *   POST /auth/ticket               trades a single-use page ticket for a browser token
 *   GET  /health, GET /metrics      (app token)
 *   GET  /ws                        the headless UI transport (app or browser token in
 *                                   Sec-WebSocket-Protocol)
 *   GET  /, /assets/*               the renderer shell (no token: it holds no data)
 * The same handler also serves the hook socket (listenSocket): a Unix socket in a 0700 folder
 * that only the user can reach, with the hook routes and nothing else. Every request passes the
 * same guards first: loopback Host (TCP), no foreign Origin, no CORS preflight, JSON content
 * type, body cap (48 MiB for hooks, 1 MiB otherwise; see body.ts), bearer auth, per-token rate
 * limit.
 */
import { createConsoleLogger, type Logger } from '../log/logger'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { Duplex } from 'node:stream'
import type { AccessControl } from '../auth/access'
import { WebSocketServer, type WebSocket } from 'ws'
import { ApiError, HTTP_STATUS, type ErrorCode } from '@shared/contract/define'
import { readBody, parseJson, MAX_BODY_BYTES, MAX_HOOK_BODY_BYTES } from './body'
import { bearerToken, hostAllowed, isJsonContentType, originAllowed } from './security'
import { listenOnSocket } from './hook-socket'
import { RateLimiter, type RateLimit } from './rate-limit'
import { serveStatic } from './static'
import type { Dispatch } from '../api/dispatcher'
import type { Ingest, IngestResult } from '../events/ingest'
import type { CanonicalEvent } from '@shared/events'
import type { Metrics } from '../metrics/metrics'
import {
  HELD_KEEPALIVE_MS,
  KEEPALIVE_HEADER,
  parseHookRoute,
  prefersEarlyAnswer,
} from '../agents/hook-routes'

export const WS_PROTOCOL = 'atelier.v1'
export const WS_TOKEN_PREFIX = 'bearer.'
/** A hook client sends its whole request in milliseconds; anything slower is a stalled peer. */
export const REQUEST_TIMEOUT_MS = 10_000
export const HEADERS_TIMEOUT_MS = 5_000
/** How often Node checks the two timeouts above (its default, 30 s, would triple the bound). */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000
/**
 * An idle kept-alive connection is closed after KEEP_ALIVE_TIMEOUT_MS, but clients are told
 * KEEP_ALIVE_HINT_S (the `Keep-Alive: timeout=` header), so they drop it first. With the two equal
 * (Node's default) a client whose event loop lags under load reuses a connection the server has
 * just closed and its request dies with ECONNRESET: a Claude Code Stop hook was lost that way at
 * load ≈ 12.
 */
const KEEP_ALIVE_TIMEOUT_MS = 30_000
export const KEEP_ALIVE_HINT_S = 5
const EVENT_ID_RE = /^[A-Za-z0-9._:-]{1,128}$/
/** What a held answer sends while it waits (KEEPALIVE_HEADER): 2 bytes a second on average. */
const KEEPALIVE_BYTES = ' '.repeat(8)
const SERVER_OPTIONS = {
  requestTimeout: REQUEST_TIMEOUT_MS,
  headersTimeout: HEADERS_TIMEOUT_MS,
  connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
  keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
}

export interface HookResponder {
  /** Whether `respond` may answer these events with a decision (so they cannot be answered early). */
  mayAnswer(events: CanonicalEvent[]): boolean
  /**
   * May hold the request open (permission requests) and return the JSON decision. `peerGone`
   * makes the signal that fires if the hook's connection closes first; only a responder that
   * holds calls it, so ordinary events do not pay for an AbortController and a listener.
   */
  respond(result: IngestResult, raw: unknown, peerGone: () => AbortSignal): Promise<object | null>
}

export interface HttpServerDeps {
  access: AccessControl
  sessionIdForToken: (token: string) => string | undefined
  /** The remote host whose observer credential this is (docs/remote-hosts.md), or null. */
  hostForObserverToken?: (token: string) => string | null
  ingest: Ingest
  dispatch: Dispatch
  metrics: Metrics
  health: () => unknown
  rendererDir?: string
  hookResponder: HookResponder
  onWsConnection: (ws: WebSocket, req: IncomingMessage) => void
  rateLimits: { app: RateLimit; session: RateLimit }
  log?: Logger
}

type Auth =
  | { kind: 'app' }
  | { kind: 'browser' }
  | { kind: 'session'; sessionId: string }
  | { kind: 'observer'; hostId?: string }

/** What a request may reach: app-control routes, hook routes, or the UI's WebSocket. */
type Scope = 'api' | 'hook' | 'ws'

/** Which listener a request came through: the app's port, or a hook-only one. */
type Via = 'tcp' | 'socket' | 'tls'

const TICKET_RE = /^[a-f0-9]{64}$/

export class HttpServer {
  readonly server: Server
  /** The hook-only listeners: the Unix socket and the TLS port. */
  private readonly hookServers: Server[] = []
  private readonly wss: WebSocketServer
  private readonly limiter = new RateLimiter()
  private port = 0

  constructor(private readonly deps: HttpServerDeps) {
    this.server = createServer(SERVER_OPTIONS, (req, res) => {
      this.handle(req, res, 'tcp').catch((err) => this.fail(res, err))
    })
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_BODY_BYTES,
      handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
    })
    this.server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head))
    this.server.on('clientError', this.onClientError)
  }

  private readonly onClientError = (err: NodeJS.ErrnoException, socket: Duplex): void => {
    const timedOut = err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
    this.reject(timedOut ? 'timeout' : 'malformed')
    if (!socket.writable) return void socket.destroy()
    const status = timedOut ? '408 Request Timeout' : '400 Bad Request'
    // Destroy once written: a peer that never reads nor closes must not keep the socket open.
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`, () =>
      socket.destroy(),
    )
  }

  /**
   * Serves the hook routes on a Unix socket as well (see hook-socket.ts for the folder's
   * checks). Hook shims and remote tunnels use it: only this user can connect, and only the
   * running app can be listening there.
   */
  async listenSocket(path: string): Promise<void> {
    const server = createServer(SERVER_OPTIONS, (req, res) => {
      this.handle(req, res, 'socket').catch((err) => this.fail(res, err))
    })
    server.on('clientError', this.onClientError)
    await listenOnSocket(server, path)
    this.hookServers.push(server)
  }

  /**
   * Serves the hook routes over TLS on 127.0.0.1 (see auth/hook-tls.ts): managed sessions' native
   * http hooks post here. `port` is the last run's, so sessions that outlived the app still reach
   * it; when something else holds it, any free port is used (those sessions' hooks then fail the
   * handshake with whoever holds it, which is safe).
   */
  async listenTls(port: number, identity: { keyPem: string; certPem: string }): Promise<number> {
    const server = createTlsServer(
      { ...SERVER_OPTIONS, key: identity.keyPem, cert: identity.certPem },
      (req, res) => {
        this.handle(req, res, 'tls').catch((err) => this.fail(res, err))
      },
    )
    server.on('clientError', this.onClientError)
    const bind = (p: number) =>
      new Promise<number>((resolve, reject) => {
        server.once('error', reject)
        server.listen(p, '127.0.0.1', () => {
          server.off('error', reject)
          const addr = server.address()
          resolve(typeof addr === 'object' && addr ? addr.port : p)
        })
      })
    let bound: number
    try {
      bound = await bind(port)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw err
      console.error(`[http] TLS hook port ${port} is taken; sessions started earlier lose hooks`)
      bound = await bind(0)
    }
    this.hookServers.push(server)
    return bound
  }

  /** Listens on 127.0.0.1; a taken port is a clear error. Port 0 picks a free one. */
  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) => {
        this.server.off('listening', onListening)
        if (err.code === 'EADDRINUSE') {
          reject(
            new Error(
              `port ${port} on 127.0.0.1 is already in use; choose another with --port or the hookPort setting`,
            ),
          )
        } else reject(err)
      }
      const onListening = () => {
        this.server.off('error', onError)
        const addr = this.server.address()
        this.port = typeof addr === 'object' && addr ? addr.port : port
        resolve(this.port)
      }
      this.server.once('error', onError)
      this.server.once('listening', onListening)
      this.server.listen(port, '127.0.0.1')
    })
  }

  get boundPort(): number {
    return this.port
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate()
    this.wss.close()
    await Promise.all(
      [this.server, ...this.hookServers].map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve())
            server.closeAllConnections()
          }),
      ),
    )
  }

  /** Ends every WebSocket client (after a token rotation: their credential is gone). */
  disconnectClients(): void {
    for (const ws of this.wss.clients) ws.close(4401, 'credentials rotated')
  }

  private reject(reason: string): void {
    this.deps.metrics.hookRejected.inc({ reason })
  }

  private send(res: ServerResponse, status: number, body: unknown, close = false): void {
    if (res.headersSent) return
    const text = body === undefined ? '' : JSON.stringify(body)
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...(close ? { connection: 'close' } : {}),
    })
    res.end(text)
  }

  private fail(res: ServerResponse, err: unknown): void {
    const apiErr =
      err instanceof ApiError
        ? err
        : new ApiError('internal', err instanceof Error ? err.message : String(err))
    if (!(err instanceof ApiError))
      (this.deps.log ?? createConsoleLogger()).error('unexpected error', err)
    this.reject(apiErr.code)
    // readBody has read (and thrown away) the oversized body by now; the connection is not
    // reused for another one.
    const close = apiErr.code === 'too_large'
    this.send(res, HTTP_STATUS[apiErr.code], { error: apiErr.toJSON() }, close)
  }

  private error(res: ServerResponse, code: ErrorCode, message: string, field?: string): void {
    this.fail(res, new ApiError(code, message, field))
  }

  /** Checks a token against the credentials a scope accepts (see auth/access.ts). */
  private authorize(token: string | undefined, scope: Scope): Auth | null {
    if (!token) return null
    const access = this.deps.access
    if (access.isApp(token)) return { kind: 'app' }
    if (scope === 'ws') return access.isBrowser(token) ? { kind: 'browser' } : null
    if (scope !== 'hook') return null
    const sessionId = this.deps.sessionIdForToken(token)
    if (sessionId) return { kind: 'session', sessionId }
    if (access.isObserver(token)) return { kind: 'observer' }
    const hostId = this.deps.hostForObserverToken?.(token)
    return hostId ? { kind: 'observer', hostId } : null
  }

  private rateLimited(auth: Auth): boolean {
    if (auth.kind === 'session')
      return !this.limiter.take(`s:${auth.sessionId}`, this.deps.rateLimits.session)
    // An observer token is shared by every session on its machine, like the app token.
    const key = auth.kind === 'observer' && auth.hostId ? `observer:${auth.hostId}` : auth.kind
    return !this.limiter.take(key, this.deps.rateLimits.app)
  }

  private async handle(req: IncomingMessage, res: ServerResponse, via: Via): Promise<void> {
    if (req.httpVersion === '1.1' && !/\bclose\b/i.test(req.headers.connection ?? '')) {
      res.setHeader('Connection', 'keep-alive')
      res.setHeader('Keep-Alive', `timeout=${KEEP_ALIVE_HINT_S}`)
    }
    // DNS rebinding needs a browser: none reaches a Unix socket, and none finishes a handshake
    // with the hook certificate under a rebound name.
    if (via === 'tcp' && !hostAllowed(req, this.port))
      return this.error(res, 'forbidden', 'Host header must be 127.0.0.1 or localhost')
    if (!originAllowed(req, this.port))
      return this.error(res, 'forbidden', 'cross-origin requests are not allowed')
    // No CORS, ever: a preflight never reaches a handler.
    if (req.method === 'OPTIONS')
      return this.error(res, 'forbidden', 'cross-origin requests are not allowed')
    const path = (req.url ?? '/').split('?')[0]
    const route = parseHookRoute(path)
    const hook = route && this.deps.ingest.hasAdapter(route.agent) ? route : undefined
    if (via !== 'tcp' && !hook)
      return this.error(res, 'not_found', `this listener serves only hook routes, not ${path}`)

    if (req.method === 'GET' || req.method === 'HEAD') {
      if (path === '/health' || path === '/metrics') {
        const auth = this.authorize(bearerToken(req), 'api')
        if (!auth) return this.error(res, 'unauthorized', 'missing or invalid bearer token')
        if (path === '/health') return this.send(res, 200, this.deps.health())
        const text = await this.deps.metrics.registry.metrics()
        res.writeHead(200, { 'content-type': this.deps.metrics.registry.contentType })
        res.end(text)
        return
      }
      if (this.deps.rendererDir && !path.startsWith('/api/') && !path.startsWith('/hooks/')) {
        if (serveStatic(req, res, this.deps.rendererDir, this.port)) return
        if (!path.includes('.')) {
          req.url = '/index.html'
          if (serveStatic(req, res, this.deps.rendererDir, this.port)) return
        }
      }
      return this.error(res, 'not_found', `no route for GET ${path}`)
    }

    if (req.method !== 'POST')
      return this.error(res, 'not_found', `no route for ${req.method} ${path}`)
    const isApi = path.startsWith('/api/')
    const isTicket = path === '/auth/ticket'
    if (!hook && !isApi && !isTicket)
      return this.error(res, 'not_found', `no route for POST ${path}`)
    if (!isJsonContentType(req))
      return this.error(res, 'unsupported_media_type', 'Content-Type must be application/json')
    if (isTicket) return this.redeemTicket(req, res)
    const auth = this.authorize(bearerToken(req), hook ? 'hook' : 'api')
    if (!auth) {
      req.resume()
      return this.error(res, 'unauthorized', 'missing or invalid bearer token')
    }
    if (this.rateLimited(auth)) {
      req.resume()
      return this.error(res, 'rate_limited', 'too many requests for this token; slow down')
    }
    const raw = parseJson(await readBody(req, hook ? MAX_HOOK_BODY_BYTES : MAX_BODY_BYTES))

    if (!hook) {
      if (auth.kind !== 'app') return this.error(res, 'unauthorized', 'this token cannot call /api')
      const channel = decodeChannel(path.slice('/api/'.length))
      const data = await this.deps.dispatch(channel, raw, { clientId: 'http' })
      return this.send(res, 200, data)
    }
    // Only the app token may name a session by header: an observer cannot write into a
    // managed session, and a session token is pinned to its own session.
    const headerSessionId = auth.kind === 'app' ? headerValue(req, 'x-atelier-session') : undefined
    const tokenSessionId = auth.kind === 'session' ? auth.sessionId : undefined
    const eventIdHeader = headerValue(req, 'x-atelier-event-id')
    if (eventIdHeader !== undefined && !EVENT_ID_RE.test(eventIdHeader)) {
      return this.error(
        res,
        'bad_request',
        'X-Atelier-Event-Id must be 1–128 characters of [A-Za-z0-9._:-]',
        'x-atelier-event-id',
      )
    }
    const started = performance.now()
    const prepared = this.deps.ingest.prepareHook(hook.agent, raw, {
      tokenSessionId,
      headerSessionId,
      eventId: eventIdHeader,
      observer: auth.kind === 'observer',
      ...(auth.kind === 'observer' && auth.hostId ? { observerHostId: auth.hostId } : {}),
    })
    if (
      prefersEarlyAnswer(req.headers.prefer) &&
      !this.deps.hookResponder.mayAnswer(prepared.events)
    ) {
      // Answered once the event is read and checked: the hook holds Claude up for the transport
      // alone. A failure to store it afterwards is logged and counted (fail() sends nothing).
      res.writeHead(202, { 'content-length': 0 })
      res.end()
      await this.deps.ingest.commitHook(prepared, started)
      return
    }
    const result = await this.deps.ingest.commitHook(prepared, started)
    if (!result.duplicate && !result.ignored) {
      if (req.headers[KEEPALIVE_HEADER] === '1' && this.deps.hookResponder.mayAnswer(result.events))
        return this.holdWithKeepalive(res, result, raw)
      const decision = await this.deps.hookResponder.respond(result, raw, () => peerGoneSignal(res))
      if (decision) return this.send(res, 200, decision)
    }
    res.writeHead(200, { 'content-length': 0 })
    res.end()
  }

  /**
   * A held request whose client asked for KEEPALIVE_HEADER: the head at once, a few spaces every
   * HELD_KEEPALIVE_MS while the decision is awaited, then the decision (or nothing) as the body.
   * The client notices a dead link by the spaces stopping (remote/remote-hook.ts).
   */
  private async holdWithKeepalive(
    res: ServerResponse,
    result: IngestResult,
    raw: unknown,
  ): Promise<void> {
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    })
    res.write(KEEPALIVE_BYTES)
    const beat = setInterval(() => res.write(KEEPALIVE_BYTES), HELD_KEEPALIVE_MS)
    beat.unref?.()
    let decision: object | null
    try {
      decision = await this.deps.hookResponder.respond(result, raw, () => peerGoneSignal(res))
    } finally {
      clearInterval(beat)
    }
    res.end(decision ? JSON.stringify(decision) : '')
  }

  /** POST /auth/ticket {"ticket"}: a page trades its URL's single-use ticket for a browser token. */
  private async redeemTicket(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = parseJson(await readBody(req)) as { ticket?: unknown } | null
    const ticket = raw && typeof raw === 'object' ? raw.ticket : undefined
    if (typeof ticket !== 'string' || !TICKET_RE.test(ticket))
      return this.error(res, 'bad_request', 'ticket must be 64 hex characters', 'ticket')
    const token = this.deps.access.redeemTicket(ticket)
    if (!token)
      return this.error(
        res,
        'unauthorized',
        'this link was already used or is no longer valid; get a new one with "npm run token -- url"',
      )
    const body: TicketRedemption = { token }
    return this.send(res, 200, body)
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`)
    }
    const path = (req.url ?? '/').split('?')[0]
    if (path !== '/ws') return refuse(404, 'Not Found')
    if (!hostAllowed(req, this.port) || !originAllowed(req, this.port)) {
      this.reject('forbidden')
      return refuse(403, 'Forbidden')
    }
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim())
    const tokenProto = offered.find((p) => p.startsWith(WS_TOKEN_PREFIX))
    const token = tokenProto?.slice(WS_TOKEN_PREFIX.length)
    if (!this.authorize(token, 'ws') || !offered.includes(WS_PROTOCOL)) {
      this.reject('unauthorized')
      return refuse(401, 'Unauthorized')
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.deps.onWsConnection(ws, req))
  }
}

export interface TicketRedemption {
  token: string
}

/** Fires if the peer leaves before its answer (aborting after every normal response would build a DOMException per request). */
function peerGoneSignal(res: ServerResponse): AbortSignal {
  const abort = new AbortController()
  if (res.closed) abort.abort()
  else
    res.on('close', () => {
      if (!res.writableFinished) abort.abort()
    })
  return abort.signal
}

/** The channel name from an /api path; a malformed percent-escape is the client's error. */
function decodeChannel(encoded: string): string {
  try {
    return decodeURIComponent(encoded)
  } catch {
    throw new ApiError('bad_request', 'the /api path has a malformed percent-escape', 'channel')
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name]
  if (typeof v !== 'string' || v.length === 0 || v.length > 200) return undefined
  return v
}
