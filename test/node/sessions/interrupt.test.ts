/**
 * Stop from the app ends the turn everywhere: Claude Code sends no hook for an interrupt, so the
 * core stores one; the session reads "interrupted", its open calls close, nothing counts as
 * working, and the stored history says so (replay sees what the user saw).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import type { PendingRequest } from '@shared/permissions'
import type { Session } from '@shared/sessions'
import { startTestCore, waitFor, type TestCore } from '../../support/core'

const SID = 'claude-interrupt-1'
const hook = (name: string, fields: Record<string, unknown> = {}) => ({
  hook_event_name: name,
  session_id: SID,
  cwd: '/tmp/repo',
  ...fields,
})
const bash = { tool_name: 'Bash', tool_input: { command: 'sleep 100' } }

let t: TestCore
beforeEach(async () => {
  t = await startTestCore()
})
afterEach(async () => {
  await t.close()
})

const sessions = async () => (await t.api<{ sessions: Session[] }>('sessions.list')).sessions
const pending = async () =>
  (await t.api<{ requests: PendingRequest[] }>('permissions.list')).requests

describe('interrupt from the app', () => {
  it('ends the turn at a held prompt: interrupted, calls closed, no longer working, stored', async () => {
    await t.hook(hook('UserPromptSubmit', { prompt: 'wait a while' }))
    await t.hook(hook('PreToolUse', { ...bash, tool_use_id: 'toolu_1' }))
    const held = t.hook(hook('PermissionRequest', bash))
    const [req] = await waitFor(async () => ((await pending()).length ? await pending() : null))
    expect((await sessions())[0].status).toBe('permission')

    await t.api('sessions.interrupt', { id: req.sessionId })
    await held
    const [s] = await sessions()
    expect(s.status).toBe('interrupted')
    expect(s.currentTool).toBeUndefined()
    expect(t.core.services.registry.lifecycle(s.id)?.tools).toEqual([])
    expect(t.core.services.registry.statusCounts().working).toBe(0)
    const { events } = await t.api<{ events: CanonicalEvent[] }>('events.list', {
      sessionId: s.id,
      types: ['interrupt'],
    })
    expect(events).toMatchObject([{ type: 'interrupt', by: 'app', sessionId: s.id }])

    // Claude's own late report of the interrupted call changes nothing; the next prompt works.
    await t.hook(
      hook('PostToolUseFailure', {
        ...bash,
        tool_use_id: 'toolu_1',
        error: 'x',
        is_interrupt: true,
      }),
    )
    expect((await sessions())[0].status).toBe('interrupted')
    await t.hook(hook('UserPromptSubmit', { prompt: 'again' }))
    expect((await sessions())[0].status).toBe('working')
  })
})
