/** The session model shared by the store, the contract and the renderer. */
import { z } from 'zod'
import { SESSION_STATES, SessionStateSchema, type SessionState } from './lifecycle'

/** A session's status is its lifecycle state (docs/session-lifecycle.md). */
export const SESSION_STATUSES = SESSION_STATES
export const SessionStatusSchema = SessionStateSchema
export type SessionStatus = SessionState

export const PERMISSION_MODES = [
  'default',
  'acceptEdits',
  'plan',
  'auto',
  'bypassPermissions',
] as const
export const PermissionModeSchema = z.enum(PERMISSION_MODES)
export type PermissionMode = z.infer<typeof PermissionModeSchema>

/** What runs a session: a pty of the app, tmux here, or tmux on a remote host over ssh. */
export const BACKENDS = ['pty', 'tmux', 'ssh'] as const
export const BackendSchema = z.enum(BACKENDS)
export type BackendKind = z.infer<typeof BackendSchema>
/** The backends that run a session on this machine (the default backend is one of them). */
export const LOCAL_BACKENDS = ['pty', 'tmux'] as const
export const LocalBackendSchema = z.enum(LOCAL_BACKENDS)
export type LocalBackendKind = z.infer<typeof LocalBackendSchema>
/** A host's id (src/shared/hosts.ts), as a session names the host it runs on. */
export const HostIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,24}$/, 'not a host id')

export const HexCoordSchema = z.object({ q: z.number().int(), r: z.number().int() })
export type HexCoord = z.infer<typeof HexCoordSchema>

export const SessionUsageSchema = z.object({
  inputTokens: z.number().optional(),
  outputTokens: z.number().optional(),
  costUsd: z.number().optional(),
  contextPercent: z.number().optional(),
  model: z.string().optional(),
})
export type SessionUsage = z.infer<typeof SessionUsageSchema>

export const SessionSchema = z.object({
  id: z.string(),
  name: z.string(),
  cwd: z.string(),
  status: SessionStatusSchema,
  /** managed: started by the app; observed: seen through global hooks, read-only. */
  kind: z.enum(['managed', 'observed']),
  backend: BackendSchema.nullable(),
  /** The remote host it runs on (backend ssh); absent for this machine. */
  hostId: HostIdSchema.optional(),
  claudeSessionId: z.string().optional(),
  permissionMode: PermissionModeSchema,
  model: z.string().optional(),
  args: z.array(z.string()),
  worktree: z.object({ path: z.string(), branch: z.string() }).nullable(),
  createdAt: z.number(),
  lastActivity: z.number(),
  currentTool: z.string().optional(),
  lastPrompt: z.string().optional(),
  zone: HexCoordSchema.nullable(),
  /** Display order (drives the 1–9 hotkeys). */
  order: z.number(),
  /** The process is running right now. */
  alive: z.boolean(),
  subagents: z.number(),
  usage: SessionUsageSchema,
  /** failed: what the StopFailure said (error kind and its message). */
  failure: z.object({ error: z.string(), details: z.string().optional() }).optional(),
  /** offline after the process exited: its exit code or the signal that ended it. */
  exit: z.object({ code: z.number().nullable(), signal: z.string().nullable() }).optional(),
})
export type Session = z.infer<typeof SessionSchema>
