/**
 * Where agents post to the app's loopback server, one route per agent adapter:
 *   POST /hooks/<agent>              hook events
 * Everything that builds or reads these URLs goes through this module.
 */
import type { AgentKind } from '@shared/events'

const HOOKS_PREFIX = '/hooks/'

export function hookPath(agent: AgentKind): string {
  return `${HOOKS_PREFIX}${agent}`
}

/** The app port's hook endpoint (scripts with the app token; the app's own tests and benches). */
export function hookUrl(port: number, agent: AgentKind): string {
  return `http://127.0.0.1:${port}${hookPath(agent)}`
}

/**
 * The TLS hook endpoint a managed session's native http hooks post to: only the app holds its
 * certificate's key (auth/hook-tls.ts), so no other process can receive or answer them.
 */
export function hookTlsUrl(port: number, agent: AgentKind): string {
  return `https://127.0.0.1:${port}${hookPath(agent)}`
}

/**
 * RFC 7240's `Prefer: respond-async` on a hook request: the client (a report-only hook) takes
 * its answer as soon as the event is read and checked, before it is stored, so the hook holds
 * Claude Code up for the transport alone (docs/hook-contract.md#timing). A request whose event
 * the app may answer with a decision waits for it whatever it prefers.
 */
export const EARLY_ANSWER_HEADER = { name: 'Prefer', value: 'respond-async' } as const

/**
 * A held hook request carrying this header (value `1`) gets its answer's head at once and a few
 * spaces every HELD_KEEPALIVE_MS until the decision, which follows as the body (whitespace before a
 * JSON value does not change it). A client on a link that may die — a remote host's hook script
 * (remote/remote-hook.ts) — then notices the silence and gives up, and Claude asks in its terminal.
 */
export const KEEPALIVE_HEADER = 'x-atelier-keepalive'
export const HELD_KEEPALIVE_MS = 4_000

/** Whether a request's `Prefer` header (a comma-separated list) asks for the early answer. */
export function prefersEarlyAnswer(prefer: string | string[] | undefined): boolean {
  return (
    typeof prefer === 'string' &&
    prefer.split(',').some((p) => p.trim().toLowerCase() === EARLY_ANSWER_HEADER.value)
  )
}

export interface HookRoute {
  /** The agent named by the path; whether an adapter exists for it is the ingest's question. */
  agent: string
}

/** The hook route a request path names, or undefined when it names none. */
export function parseHookRoute(path: string): HookRoute | undefined {
  if (!path.startsWith(HOOKS_PREFIX)) return undefined
  const rest = path.slice(HOOKS_PREFIX.length)
  return /^[a-z][a-z0-9-]{0,31}$/.test(rest) ? { agent: rest } : undefined
}
