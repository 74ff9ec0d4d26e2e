/**
 * State at time on a recorded real-CLI run (test/fixtures/replay/real-cli-recording.json, made
 * by test/node/cli/replay-real-cli.test.ts with ATELIER_WRITE_REPLAY_FIXTURE=1): the events as
 * the app stored them, and every session's lifecycle as the live app held it after each one.
 * The stored events go into a fresh store; the fleet rebuilt at random recorded instants, from
 * checkpoints and without them, must equal what the live app had then. A change to the reducer
 * that changes what the live app does makes the recording stale: record it again.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../src/main/core/store/db'
import { Seeker } from '../../../src/main/core/replay/seeker'
import { fleetFold, type FleetReplayState } from '../../../src/main/core/replay/fleet-fold'
import { prng } from '../../support/replay-stream'
import {
  comparable,
  readRecording,
  seekableInstants,
  type LiveInstant,
} from '../../support/replay-recording'

const recording = readRecording()
let dir: string
let db: Db

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-recording-'))
  db = openDatabase(join(dir, 'atelier.db'))
  const insert = db.prepare(
    'INSERT INTO events (seq, id, session_id, type, ts, data) VALUES (?, ?, ?, ?, ?, ?)',
  )
  db.transaction(() => {
    for (const e of recording.events)
      insert.run(e.seq, e.id, e.sessionId, e.type, e.ts, JSON.stringify(e))
  })()
})
afterAll(() => {
  db?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const fold = () => fleetFold('recording', (id) => recording.kinds[id] ?? 'managed')

function rebuiltAt(seeker: Seeker<FleetReplayState>, at: number) {
  const { seq, state } = seeker.stateAt(at)
  const sessions: LiveInstant['sessions'] = {}
  for (const [id, s] of Object.entries(state)) sessions[id] = comparable(s.lifecycle)
  return { seq, sessions }
}

describe('state at time, recorded real-CLI run', () => {
  it('is a recording worth checking', () => {
    expect(recording.cliVersion).toMatch(/^\d+\.\d+\.\d+/)
    expect(recording.events.length).toBe(recording.live.at(-1)!.seq - recording.events[0].seq! + 1)
    const states = new Set(
      recording.live.flatMap((i) => Object.values(i.sessions).map((s) => s.state)),
    )
    for (const s of ['working', 'permission', 'finished', 'failed']) expect(states).toContain(s)
    expect(Object.keys(recording.kinds).length).toBeGreaterThan(1)
  })

  it('rebuilds what the live app had at random instants, with and without checkpoints', () => {
    const instants = seekableInstants(recording.live)
    const rand = prng(2121)
    const sample = Array.from({ length: 80 }, () => instants[Math.floor(rand() * instants.length)])
    const expectAll = (seeker: Seeker<FleetReplayState>) => {
      for (const instant of sample)
        expect(rebuiltAt(seeker, instant.ts)).toEqual({
          seq: instant.seq,
          sessions: instant.sessions,
        })
    }
    // Folding the whole history from the start…
    const seeker = new Seeker(db, fold(), 4)
    expect(seeker.checkpointedSeq()).toBe(0)
    expectAll(seeker)
    // …and from checkpoints every few events, so most seeks start from one.
    while (seeker.catchUp() > 0) {
      /* write every checkpoint */
    }
    expect(seeker.checkpointedSeq()).toBeGreaterThan(recording.events.length / 2)
    expectAll(seeker)
  })
})
