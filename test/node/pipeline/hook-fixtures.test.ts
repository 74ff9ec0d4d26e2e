/**
 * Every hook payload shape the real CLI emitted (test/fixtures/claude-hooks/cli-payloads.json,
 * collected by test/node/cli/hook-payloads.test.ts) is accepted and stored, without the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KNOWN_CLAUDE_HOOKS } from '../../../src/main/core/agents/claude/payload'
import { readHookFixture, shapeOf } from '../../support/hook-fixtures'
import { expectEveryPayloadStored, startCore, type TestCore } from './harness'

let t: TestCore
beforeAll(async () => {
  t = await startCore()
})
afterAll(() => t.close())

describe('hook payloads the real CLI emitted', () => {
  const fixture = readHookFixture()

  it('cover the everyday scenarios', () => {
    const names = new Set(fixture.payloads.map((p) => String(p.hook_event_name)))
    for (const name of [
      'SessionStart',
      'UserPromptSubmit',
      'PreToolUse',
      'PermissionRequest',
      'PostToolUse',
      'PostToolUseFailure',
      'SubagentStart',
      'SubagentStop',
      'Stop',
      'StopFailure',
      'PreCompact',
      'PostCompact',
      'SessionEnd',
    ])
      expect(names, name).toContain(name)
    const shapes = fixture.payloads.map(shapeOf)
    for (const tool of ['Read', 'Bash', 'Write', 'Edit'])
      expect(shapes, tool).toContain(`PostToolUse:${tool}`)
  })

  it('are each accepted and stored as the event they are', async () => {
    await expectEveryPayloadStored(t, fixture.payloads, KNOWN_CLAUDE_HOOKS)
  })
})
