/**
 * Esc typed into a managed session's terminal while a turn runs stops that turn, and Claude Code
 * sends no hook to say so: the app, which saw the key go in, stores an interrupt "by terminal",
 * closes the turn's open calls and stops counting the session as working. Keys that merely start
 * with Esc (arrows, Alt+key) and Esc outside a turn change nothing. Claude Code is a stand-in
 * script that waits (the hooks are posted by the test), so this runs in a second; the same path
 * with the real CLI is in test/e2e/lifecycle/endings.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chmodSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CanonicalEvent } from '@shared/events'
import type { Session } from '@shared/sessions'
import { startTestCore, waitFor, type TestCore } from '../../support/core'
import { applyEnv } from '../../support/app-process'

let dir: string
let t: TestCore
let restoreEnv: () => void

beforeEach(async () => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'atelier-esc-')))
  const claude = join(dir, 'claude')
  writeFileSync(
    claude,
    '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "2.1.332 (Claude Code)"; exit 0; fi\nexec sleep 600\n',
  )
  chmodSync(claude, 0o755)
  restoreEnv = applyEnv({ ATELIER_CLAUDE_BIN: claude })
  t = await startTestCore()
})

afterEach(async () => {
  await t.close()
  restoreEnv()
  rmSync(dir, { recursive: true, force: true })
})

const status = async (id: string) =>
  (await t.api<{ sessions: Session[] }>('sessions.list')).sessions.find((s) => s.id === id)?.status
const interrupts = async (id: string) =>
  (
    await t.api<{ events: CanonicalEvent[] }>('events.list', {
      sessionId: id,
      types: ['interrupt'],
    })
  ).events

/** A managed session whose Claude has started and is in a turn running Bash. */
async function sessionMidTool(): Promise<Session> {
  const s = await t.api<Session>('sessions.create', { name: 'esc', cwd: dir, backend: 'pty' })
  const hook = (name: string, fields: Record<string, unknown> = {}) =>
    t.hook({ hook_event_name: name, session_id: s.claudeSessionId, cwd: dir, ...fields })
  await hook('SessionStart', { source: 'startup' })
  await waitFor(async () => (await status(s.id)) === 'idle')
  await hook('UserPromptSubmit', { prompt: 'wait a while', prompt_id: 'p1' })
  await hook('PreToolUse', {
    tool_name: 'Bash',
    tool_input: { command: 'sleep 100' },
    tool_use_id: 'toolu_esc',
  })
  await waitFor(async () => (await status(s.id)) === 'working')
  return s
}

describe('Esc typed in the terminal', () => {
  it('during a turn: stored as an interrupt by the terminal, the call closed, nothing working', async () => {
    const s = await sessionMidTool()
    expect(t.core.services.registry.lifecycle(s.id)?.tools).toHaveLength(1)

    await t.api('terminal.input', { id: s.id, data: '\x1b' })

    expect(await interrupts(s.id)).toMatchObject([{ type: 'interrupt', by: 'terminal' }])
    expect(await status(s.id)).toBe('interrupted')
    expect(t.core.services.registry.lifecycle(s.id)?.tools).toEqual([])
    expect(t.core.services.registry.statusCounts().working).toBe(0)
  })

  it('keys that start with Esc (arrow, Alt+key) are not an interrupt', async () => {
    const s = await sessionMidTool()
    await t.api('terminal.input', { id: s.id, data: '\x1b[A' })
    await t.api('terminal.input', { id: s.id, data: '\x1bb' })
    expect(await interrupts(s.id)).toEqual([])
    expect(await status(s.id)).toBe('working')
  })

  it('outside a turn, Esc is only a key', async () => {
    const s = await t.api<Session>('sessions.create', { name: 'idle', cwd: dir, backend: 'pty' })
    await t.hook({
      hook_event_name: 'SessionStart',
      session_id: s.claudeSessionId,
      cwd: dir,
      source: 'startup',
    })
    await waitFor(async () => (await status(s.id)) === 'idle')
    await t.api('terminal.input', { id: s.id, data: '\x1b' })
    expect(await interrupts(s.id)).toEqual([])
    expect(await status(s.id)).toBe('idle')
  })
})
