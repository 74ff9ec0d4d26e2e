/**
 * Every hook payload shape the real Claude Code CLI (pinned, offline) emits in the everyday
 * scenarios is accepted by the app: Read/Bash/Write/Edit, a permission request, a failing tool,
 * a subagent, an API error (StopFailure), /compact and /clear. The payloads are posted to a real
 * core as the CLI sent them. With ATELIER_WRITE_HOOK_FIXTURES=1 the run also rewrites
 * test/fixtures/claude-hooks/cli-payloads.json (one payload per shape), which
 * test/node/pipeline/hook-fixtures.test.ts replays on every run without the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KNOWN_CLAUDE_HOOKS } from '../../../src/main/core/agents/claude/payload'
import { createPtyBackend } from '../../../src/main/core/sessions/backends/pty'
import { launchClaude, type LaunchedClaude } from '../../support/claude-session'
import { ALLOW_PERMISSION, startCliFixture, type CliFixture } from '../../support/cli-fixture'
import type { HookCall } from '../../support/hook-sink'
import { onePerShape, shapeOf, writeHookFixture } from '../../support/hook-fixtures'
import { expectEveryPayloadStored, startCore, type TestCore } from '../pipeline/harness'

let fx: CliFixture
let core: TestCore
let session: LaunchedClaude

beforeAll(async () => {
  fx = await startCliFixture()
  fx.sink.setResponder((call) =>
    call.body.hook_event_name === 'PermissionRequest' ? ALLOW_PERMISSION : undefined,
  )
  core = await startCore()
})

afterAll(async () => {
  session?.proc.kill()
  await core?.close()
  await fx?.dispose()
})

/** What is typed, and the hook that says the CLI is done with it. */
const SCENARIOS: [string, (c: HookCall) => boolean][] = [
  ['[[script:tools]] use the tools', (c) => c.body.hook_event_name === 'Stop'],
  ['[[script:fail]] read a missing file', (c) => c.body.hook_event_name === 'Stop'],
  ['[[script:agent]] ask a subagent', (c) => c.body.hook_event_name === 'Stop'],
  // Before the API error: the compaction call replays the last tagged prompt's script.
  ['/compact', (c) => c.body.hook_event_name === 'PostCompact'],
  ['[[script:api-error]] this call fails', (c) => c.body.hook_event_name === 'StopFailure'],
  ['/clear', (c) => c.body.hook_event_name === 'SessionStart' && c.body.source === 'clear'],
]

describe('hook payloads of the real CLI', () => {
  it('are all accepted by the app', async () => {
    session = await launchClaude({
      backend: createPtyBackend(),
      ...fx,
      cwd: fx.repo,
      hookPort: fx.sink.port,
    })
    const mine = (): HookCall[] =>
      fx.sink.calls.filter(
        (c) =>
          c.path === '/hooks/claude' && c.headers['x-atelier-session'] === session.appSessionId,
      )
    for (const [text, done] of SCENARIOS) {
      const seen = mine().length
      await session.prompt(text)
      await fx.sink.waitFor(
        (c) =>
          c.headers['x-atelier-session'] === session.appSessionId &&
          mine().indexOf(c) >= seen &&
          done(c),
      )
    }
    const payloads = mine().map((c) => c.body)
    const shapes = new Set(payloads.map(shapeOf))
    for (const shape of [
      'SessionStart:startup',
      'UserPromptSubmit',
      'PreToolUse:Read',
      'PostToolUse:Write',
      'PostToolUse:Edit',
      'PermissionRequest:Write',
      'PostToolUseFailure:Bash',
      'SubagentStart',
      'SubagentStop',
      'StopFailure',
      'PreCompact:manual',
      'PostCompact:manual',
      'SessionEnd:clear',
      'SessionStart:clear',
    ])
      expect(
        [...shapes].some((s) => s === shape || s.startsWith(`${shape}:`)),
        `${shape} in ${[...shapes].join(', ')}`,
      ).toBe(true)

    await expectEveryPayloadStored(core, payloads, KNOWN_CLAUDE_HOOKS)

    if (process.env.ATELIER_WRITE_HOOK_FIXTURES === '1')
      writeHookFixture({
        cliVersion: fx.claudeVersion,
        scenarios: SCENARIOS.map(([text]) => text),
        payloads: onePerShape(payloads),
      })
  })
})
