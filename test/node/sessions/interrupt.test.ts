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

const decisions = async (sessionId: string) =>
  (
    await t.api<{ events: CanonicalEvent[] }>('events.list', {
      sessionId,
      types: ['permission.decision'],
    })
  ).events

describe('permission decisions', () => {
  it('a denial from the app is stored, ends its call as denied, and the turn goes on', async () => {
    await t.hook(hook('UserPromptSubmit', { prompt: 'clean up' }))
    await t.hook(hook('PreToolUse', { ...bash, tool_use_id: 'toolu_d' }))
    const held = t.hook(hook('PermissionRequest', bash))
    const [req] = await waitFor(async () => ((await pending()).length ? await pending() : null))
    await t.api('permissions.decide', { id: req.id, decision: 'deny', message: 'not here' })
    await held
    const [d] = await waitFor(async () => {
      const list = await decisions(req.sessionId)
      return list.length ? list : null
    })
    expect(d).toMatchObject({ outcome: 'deny', by: 'app', reason: 'not here', tool: 'Bash' })
    const [s] = await sessions()
    expect(s.status).toBe('working')
    expect(t.core.services.registry.lifecycle(s.id)?.tools).toEqual([])
  })

  it('an answer in the terminal first is stored as such; the call goes on', async () => {
    await t.hook(hook('UserPromptSubmit', { prompt: 'clean up' }))
    await t.hook(hook('PreToolUse', { ...bash, tool_use_id: 'toolu_t' }))
    const held = t.hook(hook('PermissionRequest', bash))
    const [req] = await waitFor(async () => ((await pending()).length ? await pending() : null))
    await t.hook(
      hook('PostToolUse', { ...bash, tool_use_id: 'toolu_t', tool_response: { stdout: '' } }),
    )
    await held
    const [d] = await waitFor(async () => {
      const list = await decisions(req.sessionId)
      return list.length ? list : null
    })
    expect(d).toMatchObject({ outcome: 'terminal', by: 'terminal' })
    expect((await sessions())[0].status).toBe('working')
  })
})

describe('interrupt from the app', () => {
  it('ends the turn at a held prompt: interrupted, calls closed, no longer working, stored', async () => {
    await t.hook(hook('UserPromptSubmit', { prompt: 'wait a while' }))
    await t.hook(hook('PreToolUse', { ...bash, tool_use_id: 'toolu_1' }))
    const held = t.hook(hook('PermissionRequest', bash))
    const [req] = await waitFor(async () => ((await pending()).length ? await pending() : null))
    expect((await sessions())[0].status).toBe('permission')

    await t.api('sessions.interrupt', { id: req.sessionId })
    await held
    const [s] = await waitFor(async () => {
      const list = await sessions()
      return list[0].status === 'interrupted' ? list : null
    })
    expect(s.currentTool).toBeUndefined()
    expect(t.core.services.registry.lifecycle(s.id)?.tools).toEqual([])
    expect(t.core.services.registry.statusCounts().working).toBe(0)
    // The held prompt was denied with interrupt: that stored decision is what ended the turn.
    const { events } = await t.api<{ events: CanonicalEvent[] }>('events.list', {
      sessionId: s.id,
      types: ['permission.decision'],
    })
    expect(events).toMatchObject([
      { outcome: 'deny', by: 'app', interrupt: true, reason: 'Interrupted from Atelier' },
    ])

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
