/** How each session's last turn ended, and when the user last looked at the session. */
import type { Db } from '../store/db'

export interface TurnOutcome {
  kind: 'finished' | 'failed' | 'crashed'
  at: number
  /** The event that ended the turn. */
  eventId?: string
  /** failed: the API error; crashed: how the process ended. */
  detail?: string
}

export interface SessionAttention {
  outcome: TurnOutcome | null
  seenAt: number
}

interface Row {
  session_id: string
  kind: TurnOutcome['kind'] | 'none'
  at: number
  event_id: string | null
  detail: string | null
  seen_at: number
}

export class AttentionStore {
  constructor(private readonly db: Db) {}

  all(): Map<string, SessionAttention> {
    const rows = this.db.prepare('SELECT * FROM attention_turns').all() as Row[]
    return new Map(
      rows.map((r) => [
        r.session_id,
        {
          outcome:
            r.kind === 'none'
              ? null
              : {
                  kind: r.kind,
                  at: r.at,
                  ...(r.event_id ? { eventId: r.event_id } : {}),
                  ...(r.detail ? { detail: r.detail } : {}),
                },
          seenAt: r.seen_at,
        },
      ]),
    )
  }

  put(sessionId: string, a: SessionAttention): void {
    this.db
      .prepare(
        `INSERT INTO attention_turns (session_id, kind, at, event_id, detail, seen_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(session_id) DO UPDATE SET kind = excluded.kind, at = excluded.at,
           event_id = excluded.event_id, detail = excluded.detail, seen_at = excluded.seen_at`,
      )
      .run(
        sessionId,
        a.outcome?.kind ?? 'none',
        a.outcome?.at ?? 0,
        a.outcome?.eventId ?? null,
        a.outcome?.detail ?? null,
        a.seenAt,
      )
  }

  delete(sessionId: string): void {
    this.db.prepare('DELETE FROM attention_turns WHERE session_id = ?').run(sessionId)
  }
}
