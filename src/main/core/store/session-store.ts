/** Persistence of sessions and the agent-session-id aliases that link hook events to them. */
import type { Statement } from 'better-sqlite3'
import type { Db } from './db'
import { BoundedMap } from '../util/bounded-map'
import {
  BACKENDS,
  type BackendKind,
  type HexCoord,
  type PermissionMode,
  type SessionUsage,
} from '@shared/sessions'

/** A session as stored: the config needed to relaunch it, plus identity and placement. */
export interface SessionRecord {
  id: string
  name: string
  cwd: string
  kind: 'managed' | 'observed'
  backend: BackendKind | null
  /** The remote host it runs on (backend ssh). */
  hostId?: string
  claudeSessionId?: string
  /** The Claude session id has been used once, so the next launch must `--resume`. */
  launched: boolean
  permissionMode: PermissionMode
  model?: string
  args: string[]
  worktree: { path: string; branch: string } | null
  createdAt: number
  lastActivity: number
  zone: HexCoord | null
  order: number
  /** Per-session hook token (managed sessions). */
  token?: string
  usage: SessionUsage
  lastPrompt?: string
}

interface Row {
  id: string
  name: string
  cwd: string
  kind: string
  backend: string | null
  host_id: string | null
  claude_session_id: string | null
  launched: number
  permission_mode: string
  model: string | null
  args: string
  worktree: string | null
  created_at: number
  last_activity: number
  zone_q: number | null
  zone_r: number | null
  ord: number
  token: string | null
  usage: string
  last_prompt: string | null
}

function fromRow(r: Row): SessionRecord {
  return {
    id: r.id,
    name: r.name,
    cwd: r.cwd,
    kind: r.kind === 'observed' ? 'observed' : 'managed',
    backend: (BACKENDS as readonly string[]).includes(r.backend ?? '')
      ? (r.backend as BackendKind)
      : null,
    ...(r.host_id ? { hostId: r.host_id } : {}),
    claudeSessionId: r.claude_session_id ?? undefined,
    launched: r.launched === 1,
    permissionMode: r.permission_mode as PermissionMode,
    model: r.model ?? undefined,
    args: JSON.parse(r.args) as string[],
    worktree: r.worktree ? (JSON.parse(r.worktree) as SessionRecord['worktree']) : null,
    createdAt: r.created_at,
    lastActivity: r.last_activity,
    zone: r.zone_q === null || r.zone_r === null ? null : { q: r.zone_q, r: r.zone_r },
    order: r.ord,
    token: r.token ?? undefined,
    usage: JSON.parse(r.usage) as SessionUsage,
    lastPrompt: r.last_prompt ?? undefined,
  }
}

/** Agent session ids remembered in memory (one per Claude session seen; older ones re-read). */
export const MAX_CACHED_ALIASES = 10_000

export class SessionStore {
  private readonly aliasCache = new BoundedMap<string, string>(MAX_CACHED_ALIASES)
  private readonly selectAlias: Statement
  private readonly upsertAlias: Statement

  constructor(private readonly db: Db) {
    this.selectAlias = db.prepare(
      'SELECT session_id FROM session_aliases WHERE agent_session_id = ?',
    )
    this.upsertAlias = db.prepare(
      'INSERT INTO session_aliases (agent_session_id, session_id) VALUES (?, ?) ON CONFLICT(agent_session_id) DO UPDATE SET session_id = excluded.session_id',
    )
  }

  all(): SessionRecord[] {
    return (this.db.prepare('SELECT * FROM sessions ORDER BY ord, created_at').all() as Row[]).map(
      fromRow,
    )
  }

  get(id: string): SessionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as Row | undefined
    return row ? fromRow(row) : undefined
  }

  upsert(s: SessionRecord): void {
    this.db
      .prepare(
        `INSERT INTO sessions (id, name, cwd, kind, backend, host_id, claude_session_id, launched, permission_mode, model,
            args, worktree, created_at, last_activity, zone_q, zone_r, ord, token, usage, last_prompt)
         VALUES (@id, @name, @cwd, @kind, @backend, @hostId, @claudeSessionId, @launched, @permissionMode, @model,
            @args, @worktree, @createdAt, @lastActivity, @zoneQ, @zoneR, @order, @token, @usage, @lastPrompt)
         ON CONFLICT(id) DO UPDATE SET name=excluded.name, cwd=excluded.cwd, kind=excluded.kind,
            backend=excluded.backend, host_id=excluded.host_id, claude_session_id=excluded.claude_session_id, launched=excluded.launched,
            permission_mode=excluded.permission_mode, model=excluded.model, args=excluded.args,
            worktree=excluded.worktree, last_activity=excluded.last_activity, zone_q=excluded.zone_q,
            zone_r=excluded.zone_r, ord=excluded.ord, token=excluded.token, usage=excluded.usage,
            last_prompt=excluded.last_prompt`,
      )
      .run({
        id: s.id,
        name: s.name,
        cwd: s.cwd,
        kind: s.kind,
        backend: s.backend,
        hostId: s.hostId ?? null,
        claudeSessionId: s.claudeSessionId ?? null,
        launched: s.launched ? 1 : 0,
        permissionMode: s.permissionMode,
        model: s.model ?? null,
        args: JSON.stringify(s.args),
        worktree: s.worktree ? JSON.stringify(s.worktree) : null,
        createdAt: s.createdAt,
        lastActivity: s.lastActivity,
        zoneQ: s.zone?.q ?? null,
        zoneR: s.zone?.r ?? null,
        order: s.order,
        token: s.token ?? null,
        usage: JSON.stringify(s.usage),
        lastPrompt: s.lastPrompt ?? null,
      })
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id = ?').run(id)
    // Its aliases went with it (ON DELETE CASCADE); deletions are rare, so forget them all.
    this.aliasCache.clear()
  }

  /** Every hook event resolves its session through this: answered from memory when possible. */
  aliasOf(agentSessionId: string): string | undefined {
    const cached = this.aliasCache.get(agentSessionId)
    if (cached !== undefined) return cached
    const row = this.selectAlias.get(agentSessionId) as { session_id: string } | undefined
    if (row) this.aliasCache.set(agentSessionId, row.session_id)
    return row?.session_id
  }

  addAlias(agentSessionId: string, sessionId: string): void {
    if (this.aliasCache.get(agentSessionId) === sessionId) return
    this.upsertAlias.run(agentSessionId, sessionId)
    this.aliasCache.set(agentSessionId, sessionId)
  }
}
