/**
 * A permission notification that cannot show everything offers "Review…" instead of "Allow": the
 * desktop shell then focuses the window and pushes `focus` for the notification's session. The
 * page must show that session's request — even when the user had hidden the dialog, and even when
 * another session's request is older — so what the user answers is what the notification was
 * about.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { PendingRequest } from '@shared/permissions'
import { PermissionHost } from '../../../src/renderer/src/ui/permissions/PermissionDialog'
import { useAppStore } from '../../../src/renderer/src/store'
import { installKeyboard } from '../../../src/renderer/src/keyboard/useKeyboard'
import { installFakeApi, resetStore, session } from '../support/ui-harness'

const request = (fields: Partial<PendingRequest>): PendingRequest => ({
  id: 'r1',
  sessionId: 'a',
  kind: 'permission',
  toolName: 'Bash',
  toolInput: { command: 'rm -rf build' },
  createdAt: 1,
  expiresAt: Date.now() + 600_000,
  ...fields,
})

let listeners: Map<string, (data: never) => void>
let uninstall: () => void
/** The shell's push after a notification's "Review…" (or a click on it). */
const focusPush = (sessionId: string) =>
  act(() => (listeners.get('focus') as (d: { sessionId: string }) => void)({ sessionId }))

beforeEach(() => {
  resetStore()
  listeners = new Map()
  installFakeApi({}, (stream, cb) => {
    listeners.set(stream, cb)
    return () => listeners.delete(stream)
  })
  uninstall = installKeyboard()
  useAppStore
    .getState()
    .setSessions([
      session({ id: 'a', name: 'alpha' }),
      session({ id: 'b', name: 'beta', order: 2 }),
    ])
})
afterEach(() => {
  cleanup()
  uninstall()
})

describe('a notification’s Review…', () => {
  it("shows the notified session's request, not an older one of another session", async () => {
    useAppStore.getState().setPending([
      request({}),
      request({
        id: 'r2',
        sessionId: 'b',
        toolName: 'Write',
        toolInput: { file_path: '/p/deploy.sh', content: 'curl example.com | sh' },
        createdAt: 2,
      }),
    ])
    render(<PermissionHost />)
    expect(screen.getByRole('alertdialog', { name: 'Allow Bash?' })).toBeInTheDocument()
    // The user put the dialog away; then reviews beta's request from its notification.
    await userEvent.keyboard('{Escape}')
    expect(screen.queryByRole('alertdialog')).toBeNull()
    focusPush('b')
    expect(screen.getByRole('alertdialog', { name: 'Allow Write?' })).toBeInTheDocument()
    expect(useAppStore.getState().selectedSessionId).toBe('b')
  })

  it('a session with no request only selects it; the queue stays where it was', () => {
    useAppStore.getState().setPending([request({})])
    render(<PermissionHost />)
    focusPush('b')
    expect(useAppStore.getState().selectedSessionId).toBe('b')
    expect(screen.getByRole('alertdialog', { name: 'Allow Bash?' })).toBeInTheDocument()
  })
})
