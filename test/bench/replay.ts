/**
 * Replay benchmark (not part of the test suite): `npm run bench:replay`. Prints ONE JSON object.
 *
 * seek: a store of 1,000,000 events of twelve busy sessions (generated hook payloads in Claude
 * Code's shapes, turned into canonical events by the real adapter, stamped over about a week),
 * checkpoints written as the app writes them, then the fleet's state rebuilt at random instants
 * through the replay service (a fresh connection, as the API serves it): p50/p99/max in ms, the
 * time to write every checkpoint, and their size.
 * Set BENCH_QUICK=1 for a short smoke run (100,000 events).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CanonicalEvent } from '@shared/events'
import { openDatabase } from '../../src/main/core/store/db'
import { claudeAdapter } from '../../src/main/core/agents/claude/adapter'
import { Seeker } from '../../src/main/core/replay/seeker'
import { fleetFold } from '../../src/main/core/replay/fleet-fold'
import { prng, turnPayloads, type Payload } from '../support/replay-stream'

const QUICK = process.env.BENCH_QUICK === '1'
const EVENTS = QUICK ? 100_000 : 1_000_000
const SESSIONS = 12
const SEEKS = 400
/** Mean gap between two events of the fleet; about a week for 1M events. */
const MEAN_GAP_MS = 600
const T0 = Date.UTC(2026, 10, 1)

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}
const ms = (v: number) => Number(v.toFixed(2))

/** Fills `file` with EVENTS canonical events of SESSIONS sessions, in arrival order. */
function generate(file: string): { firstTs: number; lastTs: number } {
  const db = openDatabase(file)
  const insert = db.prepare(
    'INSERT INTO events (seq, id, session_id, type, ts, data) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const rand = prng(2026)
  const pending: Payload[][] = Array.from({ length: SESSIONS }, () => [])
  const turns = new Array<number>(SESSIONS).fill(0)
  let ts = T0
  let seq = 0
  db.transaction(() => {
    while (seq < EVENTS) {
      const i = Math.floor(rand() * SESSIONS)
      const sid = `bench-agent-${i}`
      if (pending[i].length === 0) pending[i] = turnPayloads(sid, turns[i]++, rand).reverse()
      const env = claudeAdapter.envelope(pending[i].pop())
      // Mostly quick succession, now and then a pause of minutes (the gaps "skip idle" jumps).
      ts += rand() < 0.002 ? Math.floor(rand() * 600_000) : Math.floor(rand() * MEAN_GAP_MS * 1.5)
      for (const e of claudeAdapter.toEvents(env, { sessionId: `session-${i}`, receivedAt: ts })) {
        if (seq >= EVENTS) break
        const stored: CanonicalEvent = e
        insert.run(++seq, e.id, e.sessionId, e.type, e.ts, JSON.stringify(stored))
      }
    }
  })()
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  return { firstTs: T0, lastTs: ts }
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-replay-'))
  try {
    const file = join(dir, 'atelier.db')
    let started = performance.now()
    const { firstTs, lastTs } = generate(file)
    const generateMs = performance.now() - started

    const fold = () => fleetFold('bench', () => 'observed')
    const writerDb = openDatabase(file)
    started = performance.now()
    const writer = new Seeker(writerDb, fold())
    while (writer.catchUp() > 0) {
      /* the app does this in bounded steps in the background */
    }
    const checkpointMs = performance.now() - started
    const checkpointBytes = (
      writerDb.prepare('SELECT sum(length(state)) AS b FROM replay_checkpoints').get() as {
        b: number
      }
    ).b
    const checkpoints = (
      writerDb.prepare('SELECT count(*) AS c FROM replay_checkpoints').get() as { c: number }
    ).c
    writerDb.close()

    const db = openDatabase(file)
    const seeker = new Seeker(db, fold())
    const rand = prng(7)
    const times: number[] = []
    let sessionsSeen = 0
    for (let i = 0; i < SEEKS; i++) {
      const at = firstTs + rand() * (lastTs - firstTs)
      const t0 = performance.now()
      const { state } = seeker.stateAt(at)
      times.push(performance.now() - t0)
      sessionsSeen = Math.max(sessionsSeen, Object.keys(state).length)
    }
    db.close()
    times.sort((a, b) => a - b)
    console.log(
      JSON.stringify({
        machine: { cpus: cpus().length, load1: Number(loadavg()[0].toFixed(2)) },
        seek: {
          events: EVENTS,
          sessions: sessionsSeen,
          historyDays: Number(((lastTs - firstTs) / 86_400_000).toFixed(1)),
          seeks: SEEKS,
          p50Ms: ms(quantile(times, 0.5)),
          p99Ms: ms(quantile(times, 0.99)),
          maxMs: ms(times[times.length - 1]),
          checkpoints,
          checkpointBuildMs: Math.round(checkpointMs),
          checkpointMB: Number((checkpointBytes / 1024 / 1024).toFixed(1)),
          dbMB: Number((statSync(file).size / 1024 / 1024).toFixed(1)),
          generateMs: Math.round(generateMs),
        },
      }),
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main()
