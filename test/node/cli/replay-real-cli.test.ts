/**
 * State at time with the real CLI: two Claude Code sessions (pinned, offline) work at once —
 * tools, a permission request, a failing tool, a subagent, an API error — and every hook they
 * send reaches a live core the moment it arrives, in arrival order. A probe records each
 * session's lifecycle as the live app held it after every applied event. Then, for random
 * recorded instants, the replay API rebuilds the fleet and it must equal what the app had then.
 * With ATELIER_WRITE_REPLAY_FIXTURE=1 the run is written to test/fixtures/replay/ for
 * test/node/replay/real-cli-recording.test.ts, which checks the same without the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FleetAt } from '@shared/contract/replay'
import type { CanonicalEvent } from '@shared/events'
import { createPtyBackend } from '../../../src/main/core/sessions/backends/pty'
import { launchClaude, type LaunchedClaude } from '../../support/claude-session'
import { ALLOW_PERMISSION, startCliFixture, type CliFixture } from '../../support/cli-fixture'
import { startTestCore, waitFor, type TestCore } from '../../support/core'
import type { HookCall } from '../../support/hook-sink'
import { prng } from '../../support/replay-stream'
import {
  comparable,
  liveRecorder,
  seekableInstants,
  writeRecording,
  type LiveInstant,
} from '../../support/replay-recording'

let fx: CliFixture
let core: TestCore
const recorder = liveRecorder()
const sessions: LaunchedClaude[] = []
/** Hooks relayed to the live core one at a time, in the order the sink received them. */
let relay: Promise<unknown> = Promise.resolve()
let relayed = 0
const relayErrors: string[] = []

/**
 * Posts one hook to the live core. A kept-alive connection the core closed as idle resets on
 * reuse; the relay (the test's own transport, not the app's) tries such a request once more.
 * Hooks are relayed one at a time, so at most one permission request is pending at once.
 */
async function postHook(body: Record<string, unknown>): Promise<number> {
  const post = async () => {
    try {
      return await core.hook(body)
    } catch {
      return await core.hook(body)
    }
  }
  if (body.hook_event_name !== 'PermissionRequest') return (await post()).status
  // The app holds a permission request open until someone decides, as the user would here:
  // the CLI already had its answer from the sink, so allow it in the app too.
  const held = post()
  const { id } = await waitFor(async () =>
    (await core.api<{ requests: { id: string }[] }>('permissions.list')).requests.at(0),
  )
  await core.api('permissions.decide', { id, decision: 'allow' })
  return (await held).status
}

beforeAll(async () => {
  fx = await startCliFixture()
  core = await startTestCore({ probe: recorder.probe })
  fx.sink.setResponder((call: HookCall) => {
    if (call.path === '/hooks/claude') {
      relay = relay
        .then(() => postHook(call.body))
        .then(
          (status) => {
            if (status !== 200)
              relayErrors.push(`${status} for ${String(call.body.hook_event_name)}`)
          },
          (error: unknown) =>
            relayErrors.push(`${String(error)} for ${String(call.body.hook_event_name)}`),
        )
        .finally(() => relayed++)
    }
    return call.body.hook_event_name === 'PermissionRequest' ? ALLOW_PERMISSION : undefined
  })
})

afterAll(async () => {
  for (const s of sessions) s.proc.kill()
  await core?.close()
  await fx?.dispose()
})

/** What each session types, and the hook that says the CLI is done with it. */
const SCRIPTS: string[][] = [
  ['[[script:tools]] use the tools', '[[script:api-error]] this call fails'],
  ['[[script:agent]] ask a subagent', '[[script:fail]] read a missing file'],
]

async function drive(session: LaunchedClaude, prompts: string[]): Promise<void> {
  const mine = (c: HookCall) => c.headers['x-atelier-session'] === session.appSessionId
  for (const text of prompts) {
    const seen = fx.sink.calls.filter(mine).length
    await session.prompt(text)
    await fx.sink.waitFor(
      (c) =>
        mine(c) &&
        fx.sink.calls.filter(mine).indexOf(c) >= seen &&
        (c.body.hook_event_name === 'Stop' || c.body.hook_event_name === 'StopFailure'),
    )
  }
}

describe('state at time, real CLI', () => {
  it('rebuilds what the live app had at random instants of a real run', async () => {
    for (let i = 0; i < SCRIPTS.length; i++)
      sessions.push(
        await launchClaude({
          backend: createPtyBackend(),
          ...fx,
          cwd: fx.repo,
          hookPort: fx.sink.port,
        }),
      )
    // Both sessions at once: their hooks interleave as a fleet's do.
    await Promise.all(sessions.map((s, i) => drive(s, SCRIPTS[i])))
    const sent = fx.sink.events().length
    // Every hook the CLI sent has reached the live core.
    await waitFor(() => relayed >= sent)
    await relay
    expect(relayErrors).toEqual([])

    const live = recorder.live
    const states = new Set(live.flatMap((i) => Object.values(i.sessions).map((s) => s.state)))
    // A run worth checking: turns running, a permission wait, finished and failed turns.
    for (const s of ['working', 'permission', 'finished', 'failed']) expect(states).toContain(s)
    expect(
      live.some((i) => Object.values(i.sessions).some((s) => Object.keys(s.subagents).length > 0)),
    ).toBe(true)

    const instants = seekableInstants(live)
    const rand = prng(21)
    for (let n = 0; n < 40; n++) {
      const instant = instants[Math.floor(rand() * instants.length)]
      const fleet = await core.api<FleetAt>('replay.stateAt', { at: instant.ts })
      expect(fleet.seq).toBe(instant.seq)
      const rebuilt: LiveInstant['sessions'] = {}
      for (const s of fleet.sessions) rebuilt[s.sessionId] = comparable(s)
      expect(rebuilt).toEqual(instant.sessions)
    }

    if (process.env.ATELIER_WRITE_REPLAY_FIXTURE === '1') {
      const { events } = await core.api<{ events: CanonicalEvent[] }>('replay.events', {
        afterSeq: 0,
        to: live[live.length - 1].ts,
        limit: 5_000,
      })
      const kinds = Object.fromEntries(
        [...new Set(events.map((e) => e.sessionId))].map((id) => [
          id,
          core.core.services.registry.record(id)?.kind ?? 'managed',
        ]),
      )
      writeRecording({ cliVersion: fx.claudeVersion, kinds, events, live })
    }
  })
})
