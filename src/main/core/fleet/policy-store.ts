/** Each session's priority, budget and override, stored as validated JSON. */
import type { Db } from '../store/db'
import { DEFAULT_POLICY, SessionPolicySchema, type SessionPolicy } from '@shared/fleet'

export class PolicyStore {
  private readonly cache = new Map<string, SessionPolicy>()

  constructor(private readonly db: Db) {
    const rows = db.prepare('SELECT session_id, policy FROM session_policies').all() as {
      session_id: string
      policy: string
    }[]
    for (const r of rows) {
      try {
        const parsed = SessionPolicySchema.safeParse(JSON.parse(r.policy))
        if (parsed.success) this.cache.set(r.session_id, parsed.data)
      } catch {
        /* a corrupt row reads as the default policy */
      }
    }
  }

  get(sessionId: string): SessionPolicy {
    return this.cache.get(sessionId) ?? DEFAULT_POLICY
  }

  set(sessionId: string, policy: SessionPolicy): void {
    const valid = SessionPolicySchema.parse(policy)
    this.db
      .prepare(
        `INSERT INTO session_policies (session_id, policy) VALUES (?, ?)
         ON CONFLICT(session_id) DO UPDATE SET policy = excluded.policy`,
      )
      .run(sessionId, JSON.stringify(valid))
    this.cache.set(sessionId, valid)
  }

  delete(sessionId: string): void {
    this.db.prepare('DELETE FROM session_policies WHERE session_id = ?').run(sessionId)
    this.cache.delete(sessionId)
  }
}
