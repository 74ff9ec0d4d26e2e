/**
 * Durability: a core process is killed with SIGKILL while clients stream hook events at it. After
 * a restart on the same data folder, every event whose POST was acknowledged (200) is stored
 * exactly once — checked directly in the SQLite file — and retries of acknowledged events (the
 * client cannot know whether the kill hit before or after the ack) do not duplicate them.
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { spawnCore, type CoreProcess } from '../../support/pipeline/spawn-core'
import { common } from './payloads'

const CLIENTS = 8
/** The kill comes once this many events were acknowledged (a state, not a duration). */
const KILL_AFTER_ACKS = 300
/** Hard stop for the load loop, whatever happens (a loaded machine may be slow to reach the count). */
const MAX_LOAD_MS = 60_000
const MAX_EVENTS = 200_000
const AGENT_SESSION = 'crash-session'

const dataDir = mkdtempSync(join(tmpdir(), 'atelier-crash-'))
const children: CoreProcess[] = []
afterAll(() => {
  for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

function postEvent(core: CoreProcess, agent: Agent, eventId: string): Promise<number> {
  const body = JSON.stringify(
    common(AGENT_SESSION, 'Stop', { last_assistant_message: `event ${eventId}` }),
  )
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: core.port,
        path: '/hooks/claude',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${core.token}`,
          'x-atelier-event-id': eventId,
        },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
        res.on('error', () => resolve(0))
      },
    )
    req.on('error', () => resolve(0))
    req.end(body)
  })
}

describe('kill -9 during sustained ingest', () => {
  it('keeps every acknowledged event exactly once', async () => {
    const core = await spawnCore(dataDir)
    children.push(core)
    const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS })
    const acked: string[] = []
    const attempted = { count: 0 }
    let next = 0
    let killed = false
    const deadline = Date.now() + MAX_LOAD_MS
    let reachedKillPoint: () => void = () => {}
    const killPoint = new Promise<void>((resolve) => (reachedKillPoint = resolve))
    const client = async (): Promise<void> => {
      while (next < MAX_EVENTS && Date.now() < deadline) {
        const id = `evt-${next++}`
        attempted.count++
        const status = await postEvent(core, agent, id)
        if (status === 200) {
          acked.push(id)
          if (acked.length >= KILL_AFTER_ACKS) reachedKillPoint()
        } else if (killed) return
      }
      reachedKillPoint()
    }
    const load = Promise.all(Array.from({ length: CLIENTS }, client))
    // Kill while the clients are still sending: more requests are in flight at that moment.
    await killPoint
    killed = true
    core.child.kill('SIGKILL')
    await load
    await core.exited
    agent.destroy()
    expect(acked.length).toBeGreaterThan(100)
    expect(attempted.count).toBeGreaterThan(acked.length)

    const restarted = await spawnCore(dataDir)
    children.push(restarted)
    // Retry the acknowledged events that were in flight around the kill, as a hook client would.
    const retryAgent = new Agent({ keepAlive: true, maxSockets: 4 })
    for (const id of acked.slice(-50)) expect(await postEvent(restarted, retryAgent, id)).toBe(200)
    retryAgent.destroy()
    restarted.child.kill('SIGTERM')
    await restarted.exited

    const db = new Database(join(dataDir, 'atelier.db'), { readonly: true, fileMustExist: true })
    try {
      const rows = db.prepare("SELECT id FROM events WHERE type = 'stop'").all() as { id: string }[]
      const counts = new Map<string, number>()
      for (const r of rows) counts.set(r.id, (counts.get(r.id) ?? 0) + 1)
      const missing = acked.filter((id) => counts.get(`${AGENT_SESSION}:x:${id}`) !== 1)
      expect(missing).toEqual([])
      expect([...counts.values()].every((n) => n === 1)).toBe(true)
      // Nothing is invented: every stored event was at least attempted.
      expect(rows.length).toBeLessThanOrEqual(attempted.count)
      const ftsRows = (db.prepare('SELECT count(*) AS c FROM events_fts').get() as { c: number }).c
      expect(ftsRows).toBe(rows.length)
    } finally {
      db.close()
    }
  })
})
