/**
 * A loopback HTTP server that records hook POSTs, standing in for the app's hook endpoint so the
 * CLI + settings + shim can be tested on their own. An optional responder answers selected
 * events (e.g. allow a PermissionRequest); everything else gets an empty 200.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { HANG_TIMEOUT_MS } from './patience'

export interface HookCall {
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: Record<string, unknown>
  /** ms since the sink started. */
  at: number
}

export type HookResponder = (call: HookCall) => unknown | undefined

export interface HookSink {
  port: number
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

  const server: Server = createServer((req, res) => {
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
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))

  return {
    port: (server.address() as AddressInfo).port,
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
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
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
