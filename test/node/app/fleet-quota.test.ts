/**
 * The fleet's usage, forecast and parking with the REAL Claude Code CLI 2.1.332 (offline, pty).
 * The CLI runs as if behind a Claude gateway, so the fake Messages API's rate-limit headers reach
 * its status line as `rate_limits` (docs/usage.md#the-status-line); the test raises the 5-hour
 * window's utilization between turns and moves the core's fake clock.
 *
 * - The forecast's time to exhaustion matches the hand computation (within 5 %).
 * - Crossing the parking threshold parks the low-priority session: a prompt for it is queued,
 *   not sent while the window has not reset (other sessions keep working), and sent once the
 *   clock passes the reset time.
 * - Usage stays cumulative across /compact, /clear and a restart with --resume, and matches what
 *   the fake API reported: every figure the UI was pushed only ever rose.
 * - A Claude process killed from outside is a crash in the attention queue; Claude started again
 *   takes it out, and a restart by the app (which ends the process itself) is no crash.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import type { Session } from '@shared/sessions'
import type { FleetSnapshot } from '@shared/fleet'
import type { AttentionItem } from '@shared/attention'
import { totalTokens, type UsageSnapshot } from '@shared/usage'
import { startCliFixture, type CliFixture } from '../../support/cli-fixture'
import { startTestCore, waitFor, type TestCore } from '../../support/core'
import { applyEnv } from '../../support/app-process'
import { fakeClock, type FakeClock } from '../../support/fake-clock'
import { HANG_TIMEOUT_MS } from '../../support/patience'
import type { FakeUsage, RecordedRequest } from '../../support/fake-anthropic'

const MIN = 60_000
const CALL_USAGE: FakeUsage = {
  input_tokens: 1000,
  output_tokens: 200,
  cache_creation_input_tokens: 300,
  cache_read_input_tokens: 100,
}
const PARK_AT_PERCENT = 50

describe('fleet usage, forecast and parking (real CLI, pty)', () => {
  let fx: CliFixture
  let t: TestCore
  let clock: FakeClock
  let restoreEnv: () => void
  /** The 5-hour window the fake API reports: utilization 0–1, reset in epoch seconds. */
  const window = { utilization: 0.2, resetsAt: Math.floor(Date.now() / 1000) + 2 * 3600 }
  const usagePushes: UsageSnapshot[] = []

  beforeAll(async () => {
    fx = await startCliFixture({
      gateway: true,
      api: {
        usage: () => CALL_USAGE,
        rateLimits: () => ({
          fiveHour: { ...window },
          sevenDay: { utilization: 0.1, resetsAt: window.resetsAt + 3 * 24 * 3600 },
        }),
      },
    })
    restoreEnv = applyEnv({ ...fx.env, ATELIER_CLAUDE_BIN: fx.claudeBin })
    // The core's clock starts at the real time: the CLI drops windows whose reset has passed by
    // its own clock, so the fake window resets two real hours from now.
    clock = fakeClock(Date.now())
    t = await startTestCore({ shimPath: fx.shimPath, dataDir: fx.dataDir, clock })
    t.core.connect('usage-watch', (stream, data) => {
      if (stream === 'usage') usagePushes.push(structuredClone(data as UsageSnapshot))
    })
    await t.api('settings.update', {
      fleet: { quotaWarnPercent: 80, parking: { enabled: true, fiveHourPercent: PARK_AT_PERCENT } },
    })
  })

  afterAll(async () => {
    if (t) {
      const { sessions } = await t.api<{ sessions: Session[] }>('sessions.list')
      for (const s of sessions) await t.api('sessions.delete', { id: s.id }).catch(() => {})
    }
    await t?.close()
    restoreEnv?.()
    await fx?.dispose()
  })

  const events = async (sessionId: string): Promise<CanonicalEvent[]> =>
    (
      await t.api<{ events: CanonicalEvent[] }>('events.list', { sessionId, limit: 1000 })
    ).events.reverse()
  const lastSeq = async (id: string) => (await events(id)).at(-1)?.seq ?? 0
  const usage = () => t.api<UsageSnapshot>('usage.snapshot')
  const fleet = () => t.api<FleetSnapshot>('fleet.snapshot')
  const fiveHour = async () => (await usage()).quota.windows.find((w) => w.window === 'five_hour')

  async function start(name: string): Promise<Session> {
    const s = await t.api<Session>('sessions.create', { name, cwd: fx.repo, backend: 'pty' })
    await waitFor(async () => (await events(s.id)).some((e) => e.type === 'session.start'), {
      timeoutMs: HANG_TIMEOUT_MS,
    })
    return s
  }

  /** Sends a prompt and waits for the Stop of the turn it started. */
  async function turn(id: string, text: string): Promise<void> {
    const before = await lastSeq(id)
    const res = await t.api<{ queued: unknown }>('sessions.prompt', { id, text })
    expect(res.queued, 'the session was ready: sent at once').toBeNull()
    await waitFor(
      async () => {
        const after = (await events(id)).filter((e) => (e.seq ?? 0) > before)
        const p = after.findIndex((e) => e.type === 'prompt')
        return p !== -1 && after.slice(p).some((e) => e.type === 'stop' && !e.agentId)
      },
      { timeoutMs: HANG_TIMEOUT_MS },
    )
  }

  /** Types a slash command and waits for the event that shows it done. */
  async function command(id: string, text: string, done: (e: CanonicalEvent) => boolean) {
    const before = await lastSeq(id)
    await t.api('sessions.prompt', { id, text })
    await waitFor(async () => (await events(id)).some((e) => (e.seq ?? 0) > before && done(e)), {
      timeoutMs: HANG_TIMEOUT_MS,
    })
  }

  const requestsWith = (text: string): RecordedRequest[] =>
    fx.api.requests.filter((r) => JSON.stringify(r.body ?? '').includes(text))

  let builder: Session
  let helper: Session

  it('forecast: time to exhaustion within 5 % of the hand computation', async () => {
    builder = await start('Builder')
    helper = await start('Helper')
    await t.api('fleet.setPolicy', { sessionId: helper.id, priority: 'low' })

    window.utilization = 0.2
    await turn(builder.id, '[[script:text]] first turn')
    await waitFor(async () => (await fiveHour())?.usedPercent === 20, {
      timeoutMs: HANG_TIMEOUT_MS,
    })
    const t1 = clock.now()

    clock.advance(10 * MIN)
    window.utilization = 0.3
    await turn(builder.id, '[[script:text]] second turn')
    const w = await waitFor(
      async () => {
        const f = await fiveHour()
        return f?.usedPercent === 30 ? f : null
      },
      { timeoutMs: HANG_TIMEOUT_MS },
    )
    // By hand: 20 % → 30 % in 10 minutes is 60 points an hour; 70 points left → 70 minutes.
    const now = clock.now()
    const rate = (30 - 20) / ((now - t1) / (60 * MIN))
    const handMs = ((100 - 30) / rate) * 60 * MIN
    expect(rate).toBeCloseTo(60, 6)
    expect(w.exhaustsAt).not.toBeNull()
    const forecastMs = w.exhaustsAt! - now
    expect(Math.abs(forecastMs - handMs) / handMs).toBeLessThan(0.05)
    expect(w.resetsAt).toBe(window.resetsAt * 1000)
    expect(w.warning).toBe(true)
    const snap = await usage()
    expect(snap.quota.topConsumers[0]?.sessionId).toBe(builder.id)
    expect((await fleet()).sessions.find((s) => s.sessionId === helper.id)?.hold).toBeNull()
  })

  it('crossing the threshold parks the low-priority session; its prompt waits for the reset', async () => {
    window.utilization = 0.55
    await turn(builder.id, '[[script:text]] third turn crosses the threshold')
    const parked = await waitFor(
      async () => (await fleet()).sessions.find((s) => s.sessionId === helper.id)?.hold,
      { timeoutMs: HANG_TIMEOUT_MS },
    )
    expect(parked).toEqual({
      reason: 'parked',
      until: window.resetsAt * 1000,
      usedPercent: 55,
    })
    // The normal-priority session is not parked.
    expect((await fleet()).sessions.find((s) => s.sessionId === builder.id)?.hold).toBeNull()

    const text = '[[script:text]] parked prompt for the helper'
    const res = await t.api<{ queued: { id: string } | null }>('sessions.prompt', {
      id: helper.id,
      text,
    })
    expect(res.queued).not.toBeNull()
    expect((await fleet()).queues[helper.id]?.map((p) => p.text)).toEqual([text])

    // Just before the reset: still parked. Another session's turn ends meanwhile (the queue is
    // looked at on every change), and the parked prompt still waits.
    clock.set(window.resetsAt * 1000 - 1_000)
    await turn(builder.id, '[[script:text]] builder keeps working')
    expect((await fleet()).queues[helper.id]?.map((p) => p.text)).toEqual([text])
    expect((await fleet()).sessions.find((s) => s.sessionId === helper.id)?.hold).toMatchObject({
      reason: 'parked',
    })
    expect(requestsWith('parked prompt for the helper')).toEqual([])

    // The reset passes: the hold ends and the queued prompt goes out.
    const before = await lastSeq(helper.id)
    clock.set(window.resetsAt * 1000 + 1_000)
    await waitFor(
      async () =>
        (await events(helper.id)).some(
          (e) => (e.seq ?? 0) > before && e.type === 'prompt' && e.text === text,
        ),
      { timeoutMs: HANG_TIMEOUT_MS },
    )
    await waitFor(() => requestsWith('parked prompt for the helper').length > 0, {
      timeoutMs: HANG_TIMEOUT_MS,
    })
    expect((await fleet()).queues[helper.id]).toBeUndefined()
    expect((await fleet()).sessions.find((s) => s.sessionId === helper.id)?.hold).toBeNull()
  })

  it('usage stays cumulative across /compact, /clear and a restart with --resume', async () => {
    const s = await start('Ledger')
    const ids = new Set<string>()
    const idsOf = async () => {
      for (const e of await events(s.id)) if (e.agentSessionId) ids.add(e.agentSessionId)
    }
    const calls = () =>
      fx.api.requests.filter(
        (r) => r.usage && ids.has(String(r.headers['x-claude-code-session-id'])),
      ).length
    await turn(s.id, '[[script:text]] ledger first')
    await idsOf()
    // One call so far: its cost is the unit of the hand computation.
    const one = await waitFor(
      async () => {
        const r = (await usage()).sessions.find((x) => x.sessionId === s.id)
        return r && r.total.costUsd > 0 && r.total.tokens.input > 0 ? r : null
      },
      { timeoutMs: HANG_TIMEOUT_MS },
    )
    expect(calls()).toBe(1)
    const perCall = one.total.costUsd
    expect(one.total.costEstimated).toBe(false)
    expect(one.context?.tokens).toBe(1400)

    await command(s.id, '/compact', (e) => e.type === 'compact' && e.phase === 'post')
    await command(s.id, '/clear', (e) => e.type === 'session.start' && e.source === 'clear')
    await turn(s.id, '[[script:text]] after the clear')
    await idsOf()
    expect(ids.size).toBe(2)
    await t.api('sessions.restart', { id: s.id })
    const restarted = await lastSeq(s.id)
    await waitFor(
      async () =>
        (await events(s.id)).some((e) => (e.seq ?? 0) > restarted && e.type === 'session.start'),
      { timeoutMs: HANG_TIMEOUT_MS },
    )
    await turn(s.id, '[[script:text]] after the resume')
    await idsOf()

    // Every call the fake API answered for this session, in dollars and tokens.
    const n = calls()
    expect(n).toBeGreaterThanOrEqual(4)
    const final = await waitFor(
      async () => {
        const r = (await usage()).sessions.find((x) => x.sessionId === s.id)
        return r && Math.abs(r.total.costUsd - n * perCall) < perCall / 100 ? r : null
      },
      { timeoutMs: HANG_TIMEOUT_MS },
    ).catch(async (err: unknown) => {
      const r = (await usage()).sessions.find((x) => x.sessionId === s.id)
      throw new Error(`${String(err)}; ${n} calls of ${perCall}: ${JSON.stringify(r)}`)
    })
    // Tokens may land a little after the cost (another report carries them): wait for both
    // totals to count every call, then check them in that one snapshot.
    const counted = await waitFor(
      async () => {
        const r = (await usage()).sessions.find((x) => x.sessionId === s.id)
        return r?.total.tokens.output === n * CALL_USAGE.output_tokens &&
          r.total.tokens.input === n * CALL_USAGE.input_tokens
          ? r
          : null
      },
      { timeoutMs: HANG_TIMEOUT_MS },
    ).catch(async (err: unknown) => {
      const r = (await usage()).sessions.find((x) => x.sessionId === s.id)
      throw new Error(`${String(err)}; ${n} calls: ${JSON.stringify(r?.total.tokens)}`)
    })
    expect(counted.total.tokens.input).toBe(n * CALL_USAGE.input_tokens)
    expect(Math.abs(counted.total.costUsd - n * perCall)).toBeLessThan(perCall / 100)

    // Never down: every push the UI received for this session, in order.
    const series = usagePushes
      .map((p) => p.sessions.find((x) => x.sessionId === s.id)?.total)
      .filter((x) => x !== undefined)
    expect(series.length).toBeGreaterThan(3)
    for (let i = 1; i < series.length; i++) {
      expect(series[i].costUsd).toBeGreaterThanOrEqual(series[i - 1].costUsd)
      expect(totalTokens(series[i].tokens)).toBeGreaterThanOrEqual(
        totalTokens(series[i - 1].tokens),
      )
    }
    // Per turn: the last turn was one call.
    const { turns } = await t.api<{ turns: { usage: { costUsd: number } }[] }>('usage.turns', {
      sessionId: s.id,
    })
    expect(turns[0].usage.costUsd).toBeCloseTo(perCall, 9)
    // Per day and per repository.
    const snap = await usage()
    expect(snap.today.costUsd).toBeGreaterThanOrEqual(final.total.costUsd)
    expect(snap.repos.map((r) => r.repo)).toContain(fx.repo)
  })

  it('a process killed from outside is queued as a crash; the app ending it is not', async () => {
    const s = await start('Crashy')
    const attention = async () =>
      (await t.api<{ items: AttentionItem[] }>('attention.list')).items.filter(
        (i) => i.sessionId === s.id,
      )
    const sessionStarts = async () =>
      (await events(s.id)).filter((e) => e.type === 'session.start').length
    const { pid } = JSON.parse(
      readFileSync(join(fx.dataDir, 'sessions', s.id, 'pty.pid'), 'utf8'),
    ) as { pid: number }
    process.kill(pid, 'SIGKILL')
    const crash = await waitFor(async () => (await attention()).find((i) => i.kind === 'crashed'), {
      timeoutMs: HANG_TIMEOUT_MS,
    })
    expect(crash.title).toBe('Crashed (SIGKILL)')

    // Started again (it resumes): Claude is back, the crash has left the queue.
    const before = await sessionStarts()
    await t.api('sessions.restart', { id: s.id })
    await waitFor(async () => (await sessionStarts()) > before, { timeoutMs: HANG_TIMEOUT_MS })
    await waitFor(async () => (await attention()).length === 0, { timeoutMs: HANG_TIMEOUT_MS })

    // The app ends the running process itself to restart it: expected, so no crash. By the next
    // SessionStart the old process's end has long been handled.
    const again = await sessionStarts()
    await t.api('sessions.restart', { id: s.id })
    await waitFor(async () => (await sessionStarts()) > again, { timeoutMs: HANG_TIMEOUT_MS })
    expect(await attention()).toEqual([])
  })
})
