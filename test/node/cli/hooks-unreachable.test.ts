/**
 * When the app's hook endpoint is down (port closed) or hung (accepts, never answers), Claude
 * Code must not wait more than about 1 s per hook. Measured on the real CLI in `acceptEdits`
 * mode (so no permission hook is involved) with the same four-tool turn each time.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPtyBackend } from '../../../src/main/core/sessions/backends/pty'
import { launchClaude } from '../../support/claude-session'
import { startCliFixture, type CliFixture } from '../../support/cli-fixture'
import { closedPort, startBlackHole } from '../../support/hook-sink'

let fx: CliFixture

beforeAll(async () => {
  fx = await startCliFixture()
})
afterAll(() => fx.dispose())

interface TurnTiming {
  /** ms from spawn until the input box is drawn (includes the SessionStart shim). */
  readyMs: number
  /** ms from the prompt's Enter until the final reply is on screen. */
  turnMs: number
}

async function timeTurn(hookPort: number): Promise<TurnTiming> {
  const session = await launchClaude({
    backend: createPtyBackend(),
    ...fx,
    cwd: fx.repo,
    hookPort,
    appSessionId: randomUUID(),
    permissionMode: 'acceptEdits',
  })
  try {
    const since = session.term.mark()
    await session.prompt('[[script:tools]] timing run')
    const started = performance.now()
    await session.term.waitFor(/All\s*four\s*tools\s*ran/, { since, timeoutMs: 45_000 })
    return { readyMs: session.readyMs, turnMs: performance.now() - started }
  } finally {
    await session.proc.kill()
  }
}

describe('hooks with the app unreachable', () => {
  it('cost each turn well under a second per hook', async () => {
    const baseline = await timeTurn(fx.sink.port)
    // Hooks Claude waited on in that turn: every hook call after the prompt.
    const turnHooks = fx.sink.calls.filter(
      (c) => c.path === '/hooks/claude' && c.body.hook_event_name !== 'SessionStart',
    ).length
    const down = await timeTurn(await closedPort())
    const hung = await startBlackHole()
    let hungTiming: TurnTiming
    try {
      hungTiming = await timeTurn(hung.port)
    } finally {
      await hung.close()
    }
    const perHookHungMs = (hungTiming.turnMs - baseline.turnMs) / turnHooks
    console.log(
      JSON.stringify({
        baseline,
        down,
        hung: hungTiming,
        turnHooks,
        perHookHungMs: Math.round(perHookHungMs),
      }),
    )

    // Down: a refused connection fails at once.
    expect(down.turnMs - baseline.turnMs).toBeLessThan(2000)
    expect(down.readyMs).toBeLessThan(baseline.readyMs + 2000)
    // Hung: each hook gives up after its 1 s timeout (some run in parallel, so the average is lower).
    expect(perHookHungMs).toBeLessThan(1000)
    expect(hungTiming.readyMs).toBeLessThan(baseline.readyMs + 2000)
  }, 180_000)
})
