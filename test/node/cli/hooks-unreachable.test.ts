/**
 * When the app's hook endpoint is down (port closed) or hung (accepts, never answers), Claude
 * Code still finishes a turn: every hook fails open. Run on the real CLI in `acceptEdits` mode
 * (no permission hook involved) with the same four-tool turn each time. A hung hook without a
 * short timeout would hold the turn for Claude's 10-minute default, so the turn completing at all
 * shows the timeouts are in place; what each hook costs is a benchmark figure
 * (`npm run bench:hooks`).
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

/** Runs the four-tool turn with hooks pointed at `hookPort`; resolves once the reply is shown. */
async function runTurn(hookPort: number): Promise<string> {
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
    await session.prompt('[[script:tools]] fail-open run')
    await session.term.waitFor(/All\s*four\s*tools\s*ran/, { since })
    return session.term.text()
  } finally {
    await session.proc.kill()
  }
}

describe('hooks with the app unreachable', () => {
  it('a turn completes with the endpoint down', async () => {
    const text = await runTurn(await closedPort())
    expect(text).toMatch(/ECONNREFUSED/)
  })

  it('a turn completes with the endpoint hung', async () => {
    const hung = await startBlackHole()
    try {
      await runTurn(hung.port)
    } finally {
      await hung.close()
    }
  })
})
