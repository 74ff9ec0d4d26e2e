/**
 * Remote hosts (docs/remote-hosts.md): machines reached with the system `ssh` where sessions
 * will run. A host is a target ssh understands — an alias from ~/.ssh/config or user@host[:port]
 * — plus what Atelier learned the last time it tested it.
 */
import { z } from 'zod'
import { HostIdSchema } from './sessions'

/** Hosts kept at most; a list longer than this is a mistake, not a fleet. */
export const MAX_HOSTS = 32

const TARGET_MAX_CHARS = 255

export interface HostTarget {
  /** What ssh gets as its destination: `alias`, `host` or `user@host`. */
  destination: string
  /** Only when the target named one; otherwise ssh's config (or 22) decides. */
  port?: number
}

/**
 * Splits `user@host[:port]` (or an alias) into ssh's destination and port. Refuses anything ssh
 * could read as an option (a leading `-`), whitespace and control characters, and an IPv6
 * address unless it is bracketed (`user@[::1]:2222`), since its colons would read as a port.
 */
export function parseHostTarget(raw: string): HostTarget {
  const target = raw.trim()
  if (target.length === 0) throw new Error('the host is empty')
  if (target.length > TARGET_MAX_CHARS)
    throw new Error(`the host is longer than ${TARGET_MAX_CHARS} characters`)
  if (/[\s\p{Cc}]/u.test(target)) throw new Error('the host must not contain spaces or controls')
  if (target.startsWith('-')) throw new Error('the host must not start with "-"')
  const at = target.lastIndexOf('@')
  const user = at >= 0 ? target.slice(0, at) : null
  const rest = at >= 0 ? target.slice(at + 1) : target
  if (user !== null && (user.length === 0 || user.startsWith('-') || /[@:/]/.test(user)))
    throw new Error(`"${user}" is not a user name`)
  let host = rest
  let port: number | undefined
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::(\d+))?$/.exec(rest)
  if (bracketed) {
    host = bracketed[1]!
    if (bracketed[2] !== undefined) port = Number(bracketed[2])
  } else {
    const colon = rest.indexOf(':')
    if (colon >= 0) {
      if (rest.indexOf(':', colon + 1) >= 0)
        throw new Error('an IPv6 address must be in brackets: user@[::1]:22')
      const portText = rest.slice(colon + 1)
      if (!/^\d{1,5}$/.test(portText)) throw new Error(`"${portText}" is not a port`)
      port = Number(portText)
      host = rest.slice(0, colon)
    }
  }
  if (host.length === 0) throw new Error('the host name is empty')
  if (host.startsWith('-') || /[@/\\[\]]/.test(host)) throw new Error(`"${host}" is not a host`)
  if (port !== undefined && (port < 1 || port > 65535))
    throw new Error(`port ${port} is outside 1–65535`)
  return { destination: user !== null ? `${user}@${host}` : host, ...(port ? { port } : {}) }
}

export const HostTargetSchema = z
  .string()
  .trim()
  .min(1)
  .max(TARGET_MAX_CHARS)
  .superRefine((value, ctx) => {
    try {
      parseHostTarget(value)
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) })
    }
  })

const AbsoluteFileSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => p.startsWith('/'), 'must be an absolute path')
  .refine((p) => !/[\p{Cc}]/u.test(p), 'must not contain control characters')

export const HostSchema = z.object({
  /** Also names the host's control socket, hence the short plain alphabet. */
  id: HostIdSchema,
  label: z.string().min(1).max(80),
  target: HostTargetSchema,
  /** A private key file for this host only; without it ssh uses the agent and its config. */
  identityFile: AbsoluteFileSchema.optional(),
  addedAt: z.number(),
  /**
   * "Send my Claude credentials": off (absent) by default, so a session there uses the host's
   * own Claude login. On, the launch of each session there carries FORWARDED_CREDENTIAL_ENV.
   */
  forwardCredentials: z.boolean().optional(),
  /**
   * "Observe Claude sessions started on this host": off (absent) by default. On, Atelier's global
   * hooks are in the host user's ~/.claude/settings.json and post through the host's tunnel with
   * a credential of this host's own (docs/remote-hosts.md, "Observed sessions on a host").
   */
  observe: z.boolean().optional(),
})
export type Host = z.infer<typeof HostSchema>

/**
 * What "Send my Claude credentials" sends to a host, by name: the environment variables that hold
 * a key or token Claude Code reads, and the ones that say which service it is for (without those,
 * a Bedrock key would be offered to Anthropic's API). Only values this machine's environment has
 * are sent; credential files (~/.aws, a Google key file, Claude's own login) are never copied.
 */
export const FORWARDED_CREDENTIAL_ENV = [
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'ANTHROPIC_CUSTOM_HEADERS',
  'CLAUDE_CODE_OAUTH_TOKEN',
  'ANTHROPIC_BASE_URL',
  'CLAUDE_CODE_USE_BEDROCK',
  'ANTHROPIC_BEDROCK_BASE_URL',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_BEARER_TOKEN_BEDROCK',
  'AWS_REGION',
  'CLAUDE_CODE_USE_VERTEX',
  'ANTHROPIC_VERTEX_BASE_URL',
  'ANTHROPIC_VERTEX_PROJECT_ID',
  'CLOUD_ML_REGION',
  'CLAUDE_CODE_USE_FOUNDRY',
  'ANTHROPIC_FOUNDRY_RESOURCE',
  'ANTHROPIC_FOUNDRY_API_KEY',
] as const

export const ToolReportSchema = z.object({
  /** Where the host's shell found it, or null when it is missing. */
  path: z.string().nullable(),
  /** The version it printed (its first line when no number could be read), or null. */
  version: z.string().nullable(),
})
export type ToolReport = z.infer<typeof ToolReportSchema>

/** The tools a host must have for sessions to run there. git is useful, not required. */
export const REQUIRED_TOOLS = ['tmux', 'claude'] as const
export const PROBED_TOOLS = ['tmux', 'git', 'claude'] as const
export type ProbedTool = (typeof PROBED_TOOLS)[number]

const Reached = {
  message: z.string(),
  home: z.string(),
  /** Median round trip of one command over the host's shared connection, in milliseconds. */
  latencyMs: z.number().nonnegative(),
  tools: z.object({ tmux: ToolReportSchema, git: ToolReportSchema, claude: ToolReportSchema }),
  /** Required tools the host lacks (empty when ready). */
  missing: z.array(z.enum(REQUIRED_TOOLS)),
}

/** What testing a host found: reached (ready or lacking tools), or why it could not be. */
export const HostCheckSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ready'), ...Reached }),
  z.object({ status: z.literal('incomplete'), ...Reached }),
  z.object({
    status: z.literal('host-key-unknown'),
    message: z.string(),
    /** The key the host offered, as `SHA256:…` (what `ssh-keygen -lf` prints). */
    fingerprint: z.string(),
    keyType: z.string(),
    /** False when Atelier could not read the key itself (a host behind a proxy). */
    canConfirm: z.boolean(),
  }),
  z.object({ status: z.literal('host-key-changed'), message: z.string() }),
  z.object({ status: z.literal('auth-failed'), message: z.string() }),
  z.object({ status: z.literal('unreachable'), message: z.string() }),
  z.object({ status: z.literal('failed'), message: z.string() }),
])
export type HostCheck = z.infer<typeof HostCheckSchema>
export type HostCheckStatus = HostCheck['status']

/**
 * The host's shared ssh connection as the app sees it now: a master runs (`connected`), a test
 * is opening or checking it (`connecting`), none runs (`disconnected`; the next call opens one),
 * or a host with sessions stopped answering and is being reached again (`reconnecting`).
 */
export const HOST_CONNECTIONS = ['connected', 'connecting', 'disconnected', 'reconnecting'] as const
export type HostConnectionState = (typeof HOST_CONNECTIONS)[number]

/**
 * A host with the outcome of its last test in this run of the app (null before any), its
 * connection now and how many sessions run (or ran) there.
 */
export const HostEntrySchema = HostSchema.extend({
  connection: z.enum(HOST_CONNECTIONS),
  /**
   * The FORWARDED_CREDENTIAL_ENV names this machine has a value for now: what the switch would
   * send (names only; a value never leaves the core except in a session's launch).
   */
  credentialsAvailable: z.array(z.string()),
  /** While `reconnecting`: the next attempt (1 for the first), since when, when it runs, why. */
  reconnect: z
    .object({
      attempt: z.number().int().positive(),
      since: z.number(),
      nextTryAt: z.number(),
      error: z.string(),
    })
    .optional(),
  sessions: z.number().int().nonnegative(),
  /**
   * While `observe` is on: whether the hooks and the tunnel are in place on the host now
   * (`active`), being put there (`starting`, retried while the host does not answer), with why not.
   */
  observation: z
    .object({ state: z.enum(['active', 'starting']), error: z.string().optional() })
    .optional(),
  lastCheck: z
    .object({
      status: z.enum([
        'ready',
        'incomplete',
        'host-key-unknown',
        'host-key-changed',
        'auth-failed',
        'unreachable',
        'failed',
      ]),
      message: z.string(),
      checkedAt: z.number(),
      latencyMs: z.number().nullable(),
    })
    .nullable(),
})
export type HostEntry = z.infer<typeof HostEntrySchema>
