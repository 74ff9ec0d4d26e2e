/// <reference lib="dom" />
/**
 * Scene bench (`npm run bench:scene`): the built app in headless mode, headless Chromium with
 * SwiftShader. Prints one JSON object:
 *  - a new session's first event → its feed row (and the frame that paints it), p50/p99
 *  - frames per second 10 s after three sessions finished their turn (target 0)
 *  - frames per second with 12 zones and 30 subagents under a replay of 50 events/s
 *  - frames rendered per second once nothing happens (target 0: render on demand)
 *  - JS heap before and after creating and deleting 100 zones (after a warm-up cycle), per cycle,
 *    and what grew according to heap snapshots: the app's JS objects apart from compiled code,
 *    strings and the browser's native objects, and live counts of the classes a zone owns
 *  - CPU time of the app (core and every browser process) over 60 s with ten finished sessions
 * Software GL on a small machine: treat fps as a smoke figure, not a gate (docs/testing.md#chromium).
 */
import { startSceneApp } from '../e2e/support/scene-app'
import { openScene, snapshot, waitForScene } from '../e2e/support/scene-browser'
import { finish } from '../../src/main/core/util/finish'
import { heapGrowth, heapSummary } from './support/heap-summary'
import { chromiumProcesses, cpuByRole, diffByRole, processCpuMs } from './support/cpu-time'
import { installArrivalProbe, measureFeedLatency } from './support/feed-latency'

const ZONES = 12
const SUBAGENTS = 30
const EVENTS_PER_S = 50
const LOAD_S = 10
const IDLE_SAMPLE_S = 5
const CHURN_ZONES = 100
/** Folder prefix of the churned sessions (each hook's cwd is /tmp/bench/<session>). */
const CHURN_CWD = '/tmp/bench/churn'
/** Hang bound for 100 zones to appear or go on a loaded machine (a bound, not a figure). */
const CHURN_HANG_MS = 180_000
const TOOLS = [
  ['Read', { file_path: '/tmp/b/src/a.ts' }],
  ['Edit', { file_path: '/tmp/b/src/a.ts', old_string: 'a', new_string: 'b' }],
  ['Bash', { command: 'npm test' }],
  ['Grep', { pattern: 'foo' }],
  ['Write', { file_path: '/tmp/b/x.md', content: 'x\n' }],
  ['WebFetch', { url: 'https://example.com' }],
  ['TodoWrite', { todos: [{}] }],
] as const

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const FEED_SAMPLES = Number(process.env.BENCH_FEED_SAMPLES ?? 40)
/** Seconds after the last Stop before frames are counted, and how long they are counted. */
const AFTER_FINISH_S = 10
const AFTER_FINISH_SAMPLE_S = 5
const IDLE_CPU_SESSIONS = 10
const IDLE_CPU_S = Number(process.env.BENCH_IDLE_CPU_S ?? 60)

type Hook = (sid: string, event: string, extra?: Record<string, unknown>) => Promise<void>

/** One short turn that ends: prompt, a Read and a Bash, Stop. */
async function finishedTurn(hook: Hook, sid: string): Promise<void> {
  await hook(sid, 'SessionStart', { source: 'startup' })
  await hook(sid, 'UserPromptSubmit', { prompt: 'check the build' })
  for (const [tool, input] of [
    ['Read', { file_path: '/tmp/b/src/a.ts' }],
    ['Bash', { command: 'npm run build' }],
  ] as const) {
    const id = `${sid}-${tool}`
    await hook(sid, 'PreToolUse', { tool_name: tool, tool_input: input, tool_use_id: id })
    await hook(sid, 'PostToolUse', {
      tool_name: tool,
      tool_input: input,
      tool_use_id: id,
      tool_response: {},
    })
  }
  await hook(sid, 'Stop', {})
}

/**
 * A fresh app and browser with ten sessions that finished their turn: once the workshop is at
 * rest, the CPU time every process of the app uses over IDLE_CPU_S.
 */
async function idleCpu(): Promise<Record<string, unknown>> {
  const app = await startSceneApp()
  const browser = await openScene(app.url)
  try {
    const hook: Hook = (sid, event, extra = {}) =>
      app.hook({ hook_event_name: event, session_id: sid, cwd: `/tmp/bench/${sid}`, ...extra })
    for (let i = 0; i < IDLE_CPU_SESSIONS; i++) await finishedTurn(hook, `idle${i}`)
    await waitForScene(browser.page, (s) => s.zones.length === IDLE_CPU_SESSIONS, 'ten zones')
    const restS = await waitForRest(browser.page)
    const procs = chromiumProcesses(browser.profile)
    const coreBefore = processCpuMs(app.pid) ?? 0
    const before = cpuByRole(procs)
    const framesBefore = await browser.page.evaluate(() => window.__atelierScene!.framesRendered())
    await sleep(IDLE_CPU_S * 1000)
    const framesAfter = await browser.page.evaluate(() => window.__atelierScene!.framesRendered())
    const browserMs = diffByRole(before, cpuByRole(procs))
    const coreMs = Math.round((processCpuMs(app.pid) ?? 0) - coreBefore)
    const totalMs = coreMs + Object.values(browserMs).reduce((a, b) => a + b, 0)
    return {
      sessions: IDLE_CPU_SESSIONS,
      secondsToRest: restS,
      seconds: IDLE_CPU_S,
      framesRendered: framesAfter - framesBefore,
      coreCpuMs: coreMs,
      browserCpuMsByProcess: browserMs,
      browserProcesses: procs.map((p) => p.role),
      totalCpuMs: totalMs,
      percentOfOneCore: Math.round((totalMs / (IDLE_CPU_S * 1000)) * 1000) / 10,
    }
  } finally {
    await browser.close()
    await app.close()
  }
}

/** Waits until a whole second passes without a rendered frame; returns the seconds it took. */
async function waitForRest(page: import('playwright-core').Page): Promise<number> {
  const frames = () => page.evaluate(() => window.__atelierScene!.framesRendered())
  const start = Date.now()
  while (Date.now() - start < 60_000) {
    const a = await frames()
    await sleep(1000)
    if ((await frames()) === a) break
  }
  return Math.round((Date.now() - start) / 100) / 10
}

/** Measured create-and-delete cycles of CHURN_ZONES zones each (BENCH_CHURN_CYCLES overrides). */
const CHURN_CYCLES = Number(process.env.BENCH_CHURN_CYCLES ?? 4)

async function main(): Promise<void> {
  const app = await startSceneApp()
  const browser = await openScene(app.url)
  const { page } = browser
  const hook = (sid: string, event: string, extra: Record<string, unknown> = {}) =>
    app.hook({ hook_event_name: event, session_id: sid, cwd: `/tmp/bench/${sid}`, ...extra })
  const frames = () => page.evaluate(() => window.__atelierScene!.framesRendered())
  // Deleted from Node over the HTTP API, so the page's heap holds nothing of the bench itself.
  // `gone`: a session already deleted is fine (a zone still shrinking away is in the snapshot;
  // a zone left without its session would fail the wait for an empty workshop that follows).
  const deleteSession = async (id: string, gone: 'missing ok' | 'must exist' = 'must exist') => {
    const res = await fetch(`http://127.0.0.1:${app.port}/api/sessions.delete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${app.token}` },
      body: JSON.stringify({ id }),
    })
    if (res.status === 404 && gone === 'missing ok') return
    if (!res.ok) throw new Error(`sessions.delete ${id}: ${res.status} ${await res.text()}`)
  }
  const sessionIdsIn = async (cwdPrefix: string): Promise<string[]> => {
    const res = await fetch(`http://127.0.0.1:${app.port}/api/sessions.list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${app.token}` },
      body: '{}',
    })
    if (!res.ok) throw new Error(`sessions.list: ${res.status} ${await res.text()}`)
    const { sessions } = (await res.json()) as { sessions: { id: string; cwd: string }[] }
    return sessions.filter((x) => x.cwd.startsWith(cwdPrefix)).map((x) => x.id)
  }
  let results: Record<string, unknown>
  try {
    // Three sessions finish a turn; 10 s later the workshop should draw nothing.
    for (const sid of ['done0', 'done1', 'done2']) await finishedTurn(hook, sid)
    await waitForScene(page, (s) => s.zones.length === 3, 'three finished zones')
    const finishedAt = Date.now()
    await sleep(Math.max(0, finishedAt + AFTER_FINISH_S * 1000 - Date.now()))
    const f0 = await frames()
    await sleep(AFTER_FINISH_SAMPLE_S * 1000)
    const fpsAfterFinish = ((await frames()) - f0) / AFTER_FINISH_SAMPLE_S

    // New sessions next to those three: their first event must not wait for the scene.
    await installArrivalProbe(page)
    const feedLatency = await measureFeedLatency(app, page, FEED_SAMPLES, deleteSession)
    const finishedZones = (await snapshot(page)).zones.map((z) => z.id)
    for (const id of finishedZones) await deleteSession(id, 'missing ok')
    await waitForScene(page, (s) => s.zones.length === 0, 'finished zones removed', 30_000)

    const zones = Array.from({ length: ZONES }, (_, i) => `zone${i}`)
    for (const z of zones) await hook(z, 'SessionStart', { source: 'startup' })
    for (let i = 0; i < SUBAGENTS; i++)
      await hook(zones[i % ZONES], 'SubagentStart', { agent_id: `sub${i}`, agent_type: 'Explore' })
    await waitForScene(
      page,
      (s) => s.zones.length === ZONES && s.subagents.length === SUBAGENTS,
      'zones and subagents',
      30_000,
    )

    // Load: 50 events/s, tool starts and ends round-robin over the zones.
    const startFrames = await frames()
    const t0 = Date.now()
    let sent = 0
    while (Date.now() - t0 < LOAD_S * 1000) {
      const due = Math.floor(((Date.now() - t0) / 1000) * EVENTS_PER_S)
      const batch: Promise<void>[] = []
      for (; sent < due; sent++) {
        const z = zones[sent % ZONES]
        const [tool, input] = TOOLS[Math.floor(sent / ZONES) % TOOLS.length]
        const id = `${z}-t${Math.floor(sent / 2)}`
        batch.push(
          hook(z, sent % 2 === 0 ? 'PreToolUse' : 'PostToolUse', {
            tool_name: tool,
            tool_input: input,
            tool_use_id: id,
            tool_response: {},
          }),
        )
      }
      await Promise.all(batch)
      await sleep(10)
    }
    const loadS = (Date.now() - t0) / 1000
    const loadFrames = (await frames()) - startFrames
    const underLoad = await snapshot(page)

    // Idle: everything stops; wait for the workshop to come to rest, then count frames.
    for (const z of zones) await hook(z, 'Stop', {})
    for (let i = 0; i < SUBAGENTS; i++)
      await hook(zones[i % ZONES], 'SubagentStop', { agent_id: `sub${i}`, agent_type: 'Explore' })
    let restS = 0
    const restStart = Date.now()
    while (Date.now() - restStart < 60_000) {
      const a = await frames()
      await sleep(1000)
      if ((await frames()) === a) break
    }
    restS = (Date.now() - restStart) / 1000
    const idleA = await frames()
    await sleep(IDLE_SAMPLE_S * 1000)
    const idleFps = ((await frames()) - idleA) / IDLE_SAMPLE_S

    // Heap: create and delete 100 zones; the second cycle is measured after a warm-up cycle.
    const cdp = await browser.context.newCDPSession(page)
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage')
      await sleep(300)
      await cdp.send('HeapProfiler.collectGarbage')
      return (await cdp.send('Runtime.getHeapUsage')).usedSize
    }
    const churn = async (cycle: number) => {
      for (let i = 0; i < CHURN_ZONES; i++)
        await hook(`churn${cycle}-${i}`, 'SessionStart', { source: 'startup' })
      await waitForScene(
        page,
        (x) => x.zones.length === ZONES + CHURN_ZONES,
        '100 more zones',
        CHURN_HANG_MS,
      )
      // The churned sessions by what the core knows of them (their folder), not by what the page
      // has drawn so far: a loaded page may not have labelled every zone yet.
      for (const id of await sessionIdsIn(CHURN_CWD)) await deleteSession(id)
      await waitForScene(page, (x) => x.zones.length === ZONES, 'churned zones gone', CHURN_HANG_MS)
      await waitForRest(page)
    }
    // One warm-up cycle, then CHURN_CYCLES measured ones: V8 and React warm up over the first
    // cycles, so the per-cycle growth must fall towards zero rather than stay constant (a leak).
    await churn(0)
    const heapBefore = await heap()
    const summaryBefore = await heapSummary(cdp)
    const before = await snapshot(page)
    const perCycle: number[] = []
    let last = heapBefore
    for (let c = 1; c <= CHURN_CYCLES; c++) {
      await churn(c)
      const h = await heap()
      perCycle.push(h - last)
      last = h
    }
    const heapAfter = last
    const summaryAfter = await heapSummary(cdp)
    const after = await snapshot(page)

    results = {
      newSessionFirstEventToFeedRow: feedLatency,
      framesPerSecond10sAfterThreeFinished: fpsAfterFinish,
      zones: ZONES,
      subagents: SUBAGENTS,
      eventsPerSecond: Math.round(sent / loadS),
      fpsUnderLoad: Math.round((loadFrames / loadS) * 10) / 10,
      drawCallsUnderLoad: underLoad.drawCalls,
      trianglesUnderLoad: underLoad.triangles,
      secondsToRest: Math.round(restS),
      idleFramesPerSecond: idleFps,
      heapBeforeChurnBytes: heapBefore,
      heapAfterChurnBytes: heapAfter,
      heapGrowthBytes: heapAfter - heapBefore,
      heapGrowthPerCycleBytes: perCycle,
      // Snapshot after the warm-up cycle vs after the measured ones: bytes by kind, and the
      // change in live three.js objects and React fibers (0 each when nothing leaks).
      heapSnapshotGrowth: heapGrowth(summaryBefore, summaryAfter),
      liveObjectsAfterChurn: summaryAfter.counts,
      gpuGeometriesBeforeAfter: [before.geometries, after.geometries],
      gpuTexturesBeforeAfter: [before.textures, after.textures],
      pageErrors: browser.pageErrors.length,
    }
  } finally {
    await browser.close()
    await app.close()
  }
  const idle = await idleCpu()
  console.log(JSON.stringify({ ...results, idleCpuWithTenFinishedSessions: idle }))
}

main().catch((err: unknown) => {
  console.error(err)
  finish(1)
})
