/**
 * Answering in the terminal first, with the REAL Claude Code CLI 2.1.332 (offline, fake Messages
 * API, pty, default permission mode): while the app holds the PermissionRequest hook open, the
 * user presses "1" (Yes) in the session's terminal. The CLI runs the command; the app notices
 * from the session's later hook events that the prompt was answered elsewhere, releases the held
 * request and clears it from `permissions.list` and the `permissions` push.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { CanonicalEvent } from '@shared/events'
import type { PendingRequest } from '@shared/permissions'
import type { Session } from '@shared/sessions'
import { startCliFixture, type CliFixture } from '../../support/cli-fixture'
import { startTestCore, waitFor, type TestCore } from '../../support/core'
import { applyEnv } from '../../support/app-process'
import { plainText } from '../../support/terminal-capture'
import { pressUntil } from '../../support/dialog-keys'

/** The dialog's first option ("1. Yes") is chosen by its number key. */
const YES_KEY = '1'
/** The dialog's question; the UI redraws by cursor moves, so spaces may be missing in the stream. */
const PROCEED = /Do\s*you\s*want\s*to\s*proceed\?/

describe('a permission prompt answered in the terminal first (real CLI, pty)', () => {
  let fx: CliFixture
  let t: TestCore
  let restoreEnv: () => void
  const terminal = new Map<string, string>()
  const permissionPushes: { at: number; requests: PendingRequest[] }[] = []

  beforeAll(async () => {
    fx = await startCliFixture()
    restoreEnv = applyEnv({ ...fx.env, ATELIER_CLAUDE_BIN: fx.claudeBin })
    t = await startTestCore({ shimPath: fx.shimPath, dataDir: fx.dataDir })
    // Stands in for the UI: the terminal stream and the pending-requests push.
    t.core.connect('test-ui', (stream, data) => {
      if (stream === 'terminal') {
        const { id, data: text } = data as { id: string; data: string }
        terminal.set(id, (terminal.get(id) ?? '') + text)
      } else if (stream === 'permissions') {
        const { requests } = data as { requests: PendingRequest[] }
        permissionPushes.push({ at: Date.now(), requests })
      }
    })
  })

  afterAll(async () => {
    await t?.close()
    restoreEnv?.()
    await fx?.dispose()
  })

  const events = async (sessionId: string): Promise<CanonicalEvent[]> =>
    (
      await t.api<{ events: CanonicalEvent[] }>('events.list', { sessionId, limit: 1000 })
    ).events.reverse()
  const pending = async () =>
    (await t.api<{ requests: PendingRequest[] }>('permissions.list')).requests

  it('clears the pending request in the app and the command runs', async () => {
    const s = await t.api<Session>('sessions.create', {
      name: 'Term',
      cwd: fx.repo,
      backend: 'pty',
    })
    await waitFor(async () => (await events(s.id)).some((e) => e.type === 'session.start'))
    const marker = join(fx.repo, 'bash-ran.txt')
    expect(existsSync(marker)).toBe(false)

    await t.api('sessions.prompt', { id: s.id, text: '[[script:bash-write]] make the marker' })
    const req = await waitFor(async () =>
      (await pending()).find((r) => r.sessionId === s.id && r.kind === 'permission'),
    )
    expect(req).toMatchObject({
      toolName: 'Bash',
      toolInput: { command: 'touch bash-ran.txt && echo hi' },
    })
    // The UI was told about it.
    await waitFor(() => permissionPushes.some((p) => p.requests.some((r) => r.id === req.id)))
    // The CLI's own dialog is on screen while the app holds the hook.
    await waitFor(() => PROCEED.test(plainText(terminal.get(s.id) ?? ''))).catch((err: unknown) => {
      throw new Error(
        `${String(err)}; terminal: ${plainText(terminal.get(s.id) ?? '').slice(-1500)}`,
      )
    })
    expect(existsSync(marker)).toBe(false)

    const pushesBefore = permissionPushes.length
    // Press until Claude's own PostToolUse for the command arrives: the one sign the key was
    // taken that does not come from the broker under test.
    const bashRan = async () =>
      (await events(s.id)).some((e) => e.type === 'tool.end' && e.tool === 'Bash')
    await pressUntil((data) => t.api('terminal.input', { id: s.id, data }), YES_KEY, bashRan)

    // The app lets go of the request: the list is empty and the UI got a push without it.
    await waitFor(async () => !(await pending()).some((r) => r.sessionId === s.id)).catch(
      async (err: unknown) => {
        throw new Error(
          `${String(err)}; events: ${(await events(s.id)).map((e) => e.type).join(',')}; terminal: ${plainText(terminal.get(s.id) ?? '').slice(-1500)}`,
        )
      },
    )
    await waitFor(() =>
      permissionPushes.slice(pushesBefore).some((p) => !p.requests.some((r) => r.id === req.id)),
    )
    expect(permissionPushes.at(-1)!.requests.some((r) => r.id === req.id)).toBe(false)

    // The command ran, answered by the key: not by a hook decision.
    const turn = await waitFor(async () => {
      const list = await events(s.id)
      return list.some((e) => e.type === 'stop' && !e.agentId) ? list : null
    })
    const bashEnd = turn.find((e) => e.type === 'tool.end' && e.tool === 'Bash')
    expect(bashEnd).toMatchObject({ type: 'tool.end', success: true })
    expect(existsSync(marker)).toBe(true)
    const text = plainText(terminal.get(s.id) ?? '')
    expect(text).not.toMatch(/Allowed by PermissionRequest hook/)
    expect(turn.filter((e) => e.type === 'stop').at(-1)).toMatchObject({
      text: 'Created the marker file.',
    })
    // A late decision from the app finds nothing to answer.
    await expect(
      t.api('permissions.decide', { id: req.id, decision: 'deny' }),
    ).rejects.toMatchObject({
      status: 404,
    })
  })
})
