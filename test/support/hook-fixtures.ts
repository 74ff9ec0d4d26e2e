/**
 * Hook payloads the real Claude Code CLI emitted, kept as a fixture (test/fixtures/claude-hooks/):
 * one payload per shape (event, tool, and the field that names a variant: source, trigger,
 * reason, notification type), written by test/node/cli/hook-payloads.test.ts.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

export const HOOK_FIXTURE_FILE = join(
  __dirname,
  '..',
  'fixtures',
  'claude-hooks',
  'cli-payloads.json',
)

export interface HookFixture {
  /** The CLI version that emitted these payloads. */
  cliVersion: string
  /** The scenario steps that were run to collect them. */
  scenarios: string[]
  payloads: Record<string, unknown>[]
}

/** "PreToolUse:Bash", "SessionStart:clear", "Notification:idle_prompt"… */
export function shapeOf(payload: Record<string, unknown>): string {
  const variant =
    payload.tool_name ??
    payload.source ??
    payload.trigger ??
    payload.reason ??
    payload.notification_type ??
    payload.error
  return `${String(payload.hook_event_name)}${variant === undefined ? '' : `:${String(variant)}`}`
}

/** The first payload of each shape, in the order they came. */
export function onePerShape(payloads: Record<string, unknown>[]): Record<string, unknown>[] {
  const seen = new Set<string>()
  return payloads.filter((p) => {
    const shape = shapeOf(p)
    if (seen.has(shape)) return false
    seen.add(shape)
    return true
  })
}

export function readHookFixture(): HookFixture {
  return JSON.parse(readFileSync(HOOK_FIXTURE_FILE, 'utf8')) as HookFixture
}

export function writeHookFixture(fixture: HookFixture): void {
  mkdirSync(dirname(HOOK_FIXTURE_FILE), { recursive: true })
  writeFileSync(HOOK_FIXTURE_FILE, `${JSON.stringify(fixture, null, 2)}\n`)
}
