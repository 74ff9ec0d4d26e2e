/**
 * The timeline's figures over a bench store (bench:replay's `timeline` part): the index written
 * as the app writes it (steps of TIMELINE_STEP_EVENTS), then replay.timeline's query for windows
 * from the whole history to ten minutes at 1,200 buckets (an 800-px track asked for one and a
 * half widths), at random positions: p50/p99/max in ms, and the largest answer (cells, bytes).
 */
import { openDatabase } from '../../../src/main/core/store/db'
import { TIMELINE_STEP_EVENTS } from '../../../src/main/core/replay/replay-service'
import { TimelineIndex } from '../../../src/main/core/replay/timeline/timeline-index'
import { TimelineQuery } from '../../../src/main/core/replay/timeline/timeline-query'
import { prng } from '../../support/replay-stream'

const BUCKETS = 1_200
const ASKS_PER_WINDOW = 20
const WINDOWS_MS = {
  day: 86_400_000,
  hour: 3_600_000,
  tenMinutes: 600_000,
}

const ms = (v: number) => Number(v.toFixed(2))
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]

export function timelineFigures(file: string) {
  const db = openDatabase(file)
  try {
    const index = new TimelineIndex(db)
    let started = performance.now()
    let longestStepMs = 0
    let steps = 0
    for (;;) {
      const t0 = performance.now()
      const n = index.catchUp(TIMELINE_STEP_EVENTS)
      longestStepMs = Math.max(longestStepMs, performance.now() - t0)
      if (n === 0) break
      steps++
    }
    const indexMs = performance.now() - started
    const rows = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
    const span = db.prepare('SELECT min(ts) AS first, max(ts) AS last FROM events').get() as {
      first: number
      last: number
    }
    const query = new TimelineQuery(db, index, () => undefined)
    const rand = prng(11)
    const ask = (length: number, asks: number) => {
      const times: number[] = []
      let cells = 0
      let bytes = 0
      let resolution = ''
      for (let i = 0; i < asks; i++) {
        const from = span.first + rand() * Math.max(0, span.last - span.first - length)
        started = performance.now()
        const a = query.answer({ from, to: from + length, buckets: BUCKETS })
        times.push(performance.now() - started)
        cells = Math.max(
          cells,
          a.lanes.reduce((n, l) => n + l.cells.length, 0),
        )
        bytes = Math.max(bytes, JSON.stringify(a).length)
        resolution = a.resolution
      }
      times.sort((a, b) => a - b)
      return {
        p50Ms: ms(quantile(times, 0.5)),
        p99Ms: ms(quantile(times, 0.99)),
        maxMs: ms(times[times.length - 1]),
        resolution,
        maxCells: cells,
        maxKB: Math.round(bytes / 1024),
      }
    }
    return {
      buckets: BUCKETS,
      indexMs: Math.round(indexMs),
      indexSteps: steps,
      indexLongestStepMs: ms(longestStepMs),
      indexRows: {
        minutes: rows('timeline_minutes'),
        tens: rows('timeline_tens'),
        hours: rows('timeline_hours'),
      },
      whole: ask(span.last - span.first, 5),
      ...Object.fromEntries(
        Object.entries(WINDOWS_MS).map(([name, length]) => [name, ask(length, ASKS_PER_WINDOW)]),
      ),
    }
  } finally {
    db.close()
  }
}
