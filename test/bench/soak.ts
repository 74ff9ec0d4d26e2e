/// <reference lib="dom" />
/**
 * Soak bench (`npm run bench:soak`): does a window left open over a working day level off?
 * The built app in headless mode with the page open in headless Chromium (software GL), fed
 * realistic hook sequences (test/bench/support/soak-sessions.ts) from N sessions at R events/s.
 * Every SOAK_SAMPLE_S it records the page's JS heap after a forced GC, its DOM nodes and event
 * listeners, the core's RSS, frames and draw calls since the last sample; at the end it prints
 * one JSON object (progress on stderr) with every sample and a summary.
 *
 * SOAK_SESSIONS (default 6), SOAK_RATE events/s (default 40), SOAK_MINUTES (default 2; the
 * README's long run: SOAK_EVENTS=1000000 with a higher rate), SOAK_EVENTS (stop after this many
 * events, whichever comes first), SOAK_SAMPLE_S (default 30).
 */
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openScene } from '../e2e/support/scene-browser'
import { runMain } from './support/run-main'
import { startBuiltApp, stopBuiltApp } from './support/built-app'
import { hookRequest, RawClient } from './support/raw-client'
import { SoakSession } from './support/soak-sessions'

const SESSIONS = Number(process.env.SOAK_SESSIONS ?? 6)
const RATE = Number(process.env.SOAK_RATE ?? 40)
const MINUTES = Number(process.env.SOAK_MINUTES ?? 2)
const MAX_EVENTS = Number(process.env.SOAK_EVENTS ?? Infinity)
const SAMPLE_S = Number(process.env.SOAK_SAMPLE_S ?? 30)
/** Keep-alive connections the generator spreads its posts over. */
const CONNECTIONS = 4
const MB = 1024 * 1024

const log = (message: string) => process.stderr.write(`[bench:soak] ${message}\n`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const round1 = (x: number) => Math.round(x * 10) / 10

function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) * 1024 : NaN
}

interface Sample {
  minute: number
  events: number
  pageHeapMb: number
  domNodes: number
  jsEventListeners: number
  coreRssMb: number
  framesPerMinute: number
  drawCallsPerMinute: number
  /** Zones the scene shows: the page must show the sessions, or its figures say nothing. */
  zones: number
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'atelier-soak-'))
  const app = await startBuiltApp(dataDir)
  const browser = await openScene(app.url)
  const { page } = browser
  const cdp = await browser.context.newCDPSession(page)
  const clients = await Promise.all(
    Array.from({ length: CONNECTIONS }, () => RawClient.open(app.port)),
  )
  const sessions = Array.from({ length: SESSIONS }, (_, i) => new SoakSession(`soak-${i}`))
  const samples: Sample[] = []
  let sent = 0
  let failed = 0
  try {
    const started = performance.now()
    const endAt = started + MINUTES * 60_000
    const frameState = async () =>
      page.evaluate(() => {
        const snapshot = window.__atelierScene!.snapshot()
        return {
          frames: window.__atelierScene!.framesRendered(),
          drawCalls: snapshot.drawCalls,
          zones: snapshot.zones.length,
        }
      })
    let lastFrames = (await frameState()).frames
    let lastSampleAt = started
    const sample = async () => {
      await cdp.send('HeapProfiler.collectGarbage')
      await cdp.send('HeapProfiler.collectGarbage')
      const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize
      const dom = (await cdp.send('Memory.getDOMCounters')) as {
        nodes: number
        jsEventListeners: number
      }
      const now = performance.now()
      const { frames, drawCalls, zones } = await frameState()
      const perMinute = 60_000 / (now - lastSampleAt)
      const framesPerMinute = (frames - lastFrames) * perMinute
      lastFrames = frames
      lastSampleAt = now
      const s: Sample = {
        minute: round1((now - started) / 60_000),
        events: sent,
        pageHeapMb: round1(heap / MB),
        domNodes: dom.nodes,
        jsEventListeners: dom.jsEventListeners,
        coreRssMb: round1(rssBytes(app.child.pid!) / MB),
        framesPerMinute: Math.round(framesPerMinute),
        // The last frame's draw calls times the frames: the scene draws much the same each frame.
        drawCallsPerMinute: Math.round(framesPerMinute * drawCalls),
        zones,
      }
      samples.push(s)
      log(JSON.stringify(s))
    }
    await sample()

    // Paced generator: one post per slot, round-robin over sessions and connections; a slow
    // answer delays only its own connection.
    const intervalMs = 1000 / RATE
    let nextSampleAt = started + SAMPLE_S * 1000
    const inflight = new Set<Promise<void>>()
    const idle = [...clients]
    while (performance.now() < endAt && sent < MAX_EVENTS) {
      const due = started + sent * intervalMs
      const wait = due - performance.now()
      if (wait > 1) await sleep(wait - 0.5)
      if (performance.now() >= nextSampleAt) {
        await Promise.all(inflight)
        await sample()
        nextSampleAt += SAMPLE_S * 1000
        continue
      }
      while (idle.length === 0) await Promise.race(inflight)
      const client = idle.shift()!
      const session = sessions[sent % SESSIONS]
      const body = JSON.stringify(session.next())
      sent++
      const p = client.send(hookRequest(app.port, app.token, body)).then((status) => {
        if (status !== 200) failed++
        idle.push(client)
        inflight.delete(p)
      })
      inflight.add(p)
    }
    await Promise.all(inflight)
    // Let the page take in the last events, then the final sample.
    await sleep(2000)
    await sample()

    if (samples.at(-1)!.zones < SESSIONS) {
      throw new Error(
        `the page shows ${samples.at(-1)!.zones} of ${SESSIONS} sessions: its figures would be an empty page's`,
      )
    }
    const half = samples.filter((s) => s.minute >= samples.at(-1)!.minute / 2)
    const heapSlope =
      half.length >= 2
        ? (half.at(-1)!.pageHeapMb - half[0].pageHeapMb) /
          Math.max(1, (half.at(-1)!.events - half[0].events) / 100_000)
        : null
    console.log(
      JSON.stringify(
        {
          sessions: SESSIONS,
          eventsPerSecond: RATE,
          minutes: round1((performance.now() - started) / 60_000),
          events: sent,
          failedPosts: failed,
          pageHeapMb: {
            first: samples[0].pageHeapMb,
            max: Math.max(...samples.map((s) => s.pageHeapMb)),
            last: samples.at(-1)!.pageHeapMb,
            /** Growth per 100,000 events over the second half of the run (≈ 0 once levelled). */
            secondHalfPer100kEvents: heapSlope === null ? null : round1(heapSlope),
          },
          domNodes: { first: samples[0].domNodes, last: samples.at(-1)!.domNodes },
          coreRssMb: {
            first: samples[0].coreRssMb,
            max: Math.max(...samples.map((s) => s.coreRssMb)),
            last: samples.at(-1)!.coreRssMb,
          },
          pageErrors: browser.pageErrors,
          samples,
        },
        null,
        2,
      ),
    )
  } finally {
    for (const c of clients) c.close()
    await browser.close()
    await stopBuiltApp(app)
    await rm(dataDir, { recursive: true, force: true })
  }
}

runMain(main)
