/**
 * Stands in for the app's hook endpoints so the CLI + settings + shim can be tested on their
 * own: TLS on 127.0.0.1 with its own certificate (native http hooks) and a Unix socket (the
 * shim), both recording every POST. An optional responder answers selected events (e.g. allow a
 * PermissionRequest); everything else gets an empty 200.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net'
import { HANG_TIMEOUT_MS } from './patience'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSelfSignedCert } from '../../src/main/core/auth/self-signed-cert'

export interface HookCall {
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: Record<string, unknown>
  /** ms since the sink started. */
  at: number
  /** The listener it came through. */
  via: 'tls' | 'socket'
}

export type HookResponder = (call: HookCall) => unknown | undefined

export interface HookSink {
  /** The TLS port (native http hooks). */
  port: number
  /** The Unix socket (the shim). */
  socket: string
  /** The sink's certificate, for the session's NODE_EXTRA_CA_CERTS. */
  certFile: string
  calls: HookCall[]
  /** Calls whose body has this hook_event_name. */
  events(name?: string): HookCall[]
  /** Resolves with the first call matching `predicate` (past or future). */
  waitFor(predicate: (call: HookCall) => boolean, timeoutMs?: number): Promise<HookCall>
  setResponder(responder: HookResponder | null): void
  close(): Promise<void>
}

export async function startHookSink(): Promise<HookSink> {
  const calls: HookCall[] = []
  const waiters = new Set<{ predicate: (c: HookCall) => boolean; resolve: (c: HookCall) => void }>()
  let responder: HookResponder | null = null
  const started = performance.now()

  const record =
    (via: HookCall['via']): RequestListener =>
    (req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        let body: Record<string, unknown>
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
        } catch {
          body = { unparsed: Buffer.concat(chunks).toString('utf8') }
        }
        const call: HookCall = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body,
          at: performance.now() - started,
          via,
        }
        calls.push(call)
        for (const waiter of [...waiters]) {
          if (waiter.predicate(call)) {
            waiters.delete(waiter)
            waiter.resolve(call)
          }
        }
        const answer = responder?.(call)
        if (answer === undefined) res.writeHead(200).end()
        else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer))
      })
    }
  const dir = mkdtempSync(join(tmpdir(), 'atelier-sink-'))
  const identity = createSelfSignedCert({ commonName: 'hook sink', ip: '127.0.0.1', validDays: 2 })
  const certFile = join(dir, 'cert.pem')
  writeFileSync(certFile, identity.certPem)
  const socket = join(dir, 'hooks.sock')
  const server: Server = createTlsServer(
    { key: identity.keyPem, cert: identity.certPem },
    record('tls'),
  )
  const unix: Server = createServer(record('socket'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  await new Promise<void>((resolve) => unix.listen(socket, resolve))

  return {
    port: (server.address() as AddressInfo).port,
    socket,
    certFile,
    calls,
    events: (name) =>
      calls.filter(
        (c) =>
          c.path === '/hooks/claude' && (name === undefined || c.body.hook_event_name === name),
      ),
    waitFor(predicate, timeoutMs = HANG_TIMEOUT_MS) {
      const past = calls.find(predicate)
      if (past) return Promise.resolve(past)
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve: (c: HookCall) => (clearTimeout(timer), resolve(c)) }
        const timer = setTimeout(() => {
          waiters.delete(waiter)
          const seen = calls.map((c) => c.body.hook_event_name ?? c.path).join(', ')
          reject(new Error(`hook sink: no matching call within ${timeoutMs} ms (seen: ${seen})`))
        }, timeoutMs)
        waiters.add(waiter)
      })
    },
    setResponder(r) {
      responder = r
    },
    async close() {
      for (const srv of [server, unix]) {
        await new Promise<void>((resolve) => {
          srv.closeAllConnections()
          srv.close(() => resolve())
        })
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Accepts connections and never answers: the "app is hung" case. */
export async function startBlackHole(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const server = createServer(() => {
    /* never respond */
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

/** A port that was just free and has nothing listening: the "app is down" case. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** A Unix socket that accepts and never answers: the shim's "app is hung" case. */
export async function hungSocket(): Promise<{ path: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-hung-'))
  const path = join(dir, 'hooks.sock')
  const held = new Set<Socket>()
  const server = createNetServer((s) => {
    held.add(s)
    s.on('close', () => held.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(path, resolve))
  return {
    path,
    close: () =>
      new Promise((resolve) => {
        for (const s of held) s.destroy()
        server.close(() => {
          rmSync(dir, { recursive: true, force: true })
          resolve()
        })
      }),
  }
}

/** A socket path where nothing listens: the shim's "app is down" case. */
export function missingSocket(): string {
  return join(tmpdir(), `atelier-no-app-${process.pid}`, 'hooks.sock')
}
