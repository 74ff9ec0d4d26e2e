/**
 * Request guards shared by every HTTP route and the WebSocket upgrade: loopback Host only (DNS
 * rebinding), same-origin or no Origin (cross-site requests), bearer tokens compared in constant
 * time.
 */
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
}

let cachedHosts: { port: number; hosts: Set<string> } | null = null

export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host
  if (typeof host !== 'string') return false
  // Checked on every request: build the set once per port, not per call.
  if (cachedHosts?.port !== port) cachedHosts = { port, hosts: allowedHosts(port) }
  return cachedHosts.hosts.has(host.toLowerCase())
}

/** Browsers send Origin on cross-origin requests; Claude Code and scripts send none. */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin
  if (origin === undefined) return true
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization
  if (typeof h !== 'string') return undefined
  const m = /^Bearer\s+([A-Za-z0-9._~+/=-]{1,512})$/.exec(h.trim())
  return m ? m[1] : undefined
}

export function tokensEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a)
  const bb = Buffer.from(b)
  return ab.length === bb.length && timingSafeEqual(ab, bb)
}

export function isJsonContentType(req: IncomingMessage): boolean {
  const ct = req.headers['content-type']
  return typeof ct === 'string' && /^application\/json\s*(;.*)?$/i.test(ct.trim())
}
