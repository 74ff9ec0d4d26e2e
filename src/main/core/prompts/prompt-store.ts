/** The prompt queues in SQLite, so queued prompts survive a restart of the app. */
import type { Db } from '../store/db'
import type { QueuedPrompt } from '@shared/fleet'

interface Row {
  id: string
  session_id: string
  text: string
  position: number
  created_at: number
}

export class PromptStore {
  constructor(private readonly db: Db) {}

  /** Every queue, each in sending order. */
  all(): Map<string, QueuedPrompt[]> {
    const rows = this.db
      .prepare('SELECT * FROM prompt_queue ORDER BY session_id, position')
      .all() as Row[]
    const out = new Map<string, QueuedPrompt[]>()
    for (const r of rows) {
      const list = out.get(r.session_id) ?? []
      list.push({ id: r.id, sessionId: r.session_id, text: r.text, createdAt: r.created_at })
      out.set(r.session_id, list)
    }
    return out
  }

  /** Replaces one session's queue (it is short: a rewrite keeps positions dense and simple). */
  save(sessionId: string, queue: readonly QueuedPrompt[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM prompt_queue WHERE session_id = ?').run(sessionId)
      const put = this.db.prepare(
        'INSERT INTO prompt_queue (id, session_id, text, position, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      queue.forEach((p, i) => put.run(p.id, sessionId, p.text, i, p.createdAt))
    })()
  }
}
