/**
 * Builds a data folder holding `count` events quickly: the real migrations (so the schema is the
 * app's), then direct inserts into `events` and `events_fts` in one transaction.
 */
import { openDatabase } from '../../../src/main/core/store/db'

const SESSIONS = 50

export function generateStoredEvents(dataDir: string, count: number): void {
  const db = openDatabase(`${dataDir}/atelier.db`)
  const insert = db.prepare(
    'INSERT INTO events (seq, id, session_id, type, ts, data) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const insertFts = db.prepare('INSERT INTO events_fts (rowid, body) VALUES (?, ?)')
  const now = Date.now()
  db.transaction(() => {
    for (let seq = 1; seq <= count; seq++) {
      const sessionId = `stored-session-${seq % SESSIONS}`
      const ts = now - (count - seq) * 5
      const id = `${sessionId}:gen:${seq}`
      const base = {
        id,
        sessionId,
        agentSessionId: `claude-${seq % SESSIONS}`,
        agent: 'claude',
        ts,
        cwd: '/home/dev/demo',
      }
      let event: Record<string, unknown>
      let body: string
      if (seq % 2 === 0) {
        const command = `npm test -- parser ${seq}`
        event = {
          ...base,
          type: 'tool.start',
          toolUseId: `toolu_${seq}`,
          tool: 'Bash',
          input: { command },
        }
        body = `Bash\n${command}`
      } else {
        body = `The lexer drops the trailing quote in case ${seq}; patching it now.`
        event = { ...base, type: 'assistant.text', text: body }
      }
      insert.run(seq, id, sessionId, event.type, ts, JSON.stringify(event))
      insertFts.run(seq, body)
    }
    // Every generated row has its FTS row: the deferred indexer's watermark covers them all.
    db.prepare('UPDATE fts_progress SET seq = ? WHERE id = 1').run(count)
  })()
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
}
