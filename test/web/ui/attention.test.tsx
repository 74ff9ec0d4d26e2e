/**
 * The attention bar and the jump key: chips in queue order and group colours; the jump key goes
 * to the request (its dialog), then to the failed turn (feed at its end, marked seen), then to the
 * finished turn; the voice source acts on the item in focus.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { AttentionItem } from '@shared/attention'
import { AttentionBar } from '../../../src/renderer/src/ui/attention/AttentionBar'
import { PermissionHost } from '../../../src/renderer/src/ui/permissions/PermissionDialog'
import { attentionQueueSource } from '../../../src/renderer/src/ui/attention/voice-source'
import { useAppStore } from '../../../src/renderer/src/store'
import { installKeyboard } from '../../../src/renderer/src/keyboard/useKeyboard'
import { installFakeApi, resetStore, session, type Invoke } from '../support/ui-harness'

const T0 = 1_800_000_000_000
const ITEMS: AttentionItem[] = [
  {
    id: 'ask:r1',
    sessionId: 'a',
    kind: 'permission',
    since: T0 + 3000,
    title: 'Allow Bash?',
    requestId: 'r1',
  },
  {
    id: `failed:b:${T0 + 1000}`,
    sessionId: 'b',
    kind: 'failed',
    since: T0 + 1000,
    title: 'Turn failed: rate_limit',
    eventId: 'e-fail',
  },
  {
    id: `finished:c:${T0 + 2000}`,
    sessionId: 'c',
    kind: 'finished',
    since: T0 + 2000,
    title: 'Finished',
    eventId: 'e-stop',
  },
]

let invoke: Invoke
let uninstall: () => void
beforeEach(() => {
  resetStore()
  invoke = installFakeApi()
  uninstall = installKeyboard()
  const s = useAppStore.getState()
  s.setSessions([
    session({ id: 'a', name: 'alpha', order: 1 }),
    session({ id: 'b', name: 'beta', order: 2 }),
    session({ id: 'c', name: 'gamma', order: 3 }),
  ])
  s.setPending([
    {
      id: 'r1',
      sessionId: 'a',
      kind: 'permission',
      toolName: 'Bash',
      toolInput: { command: 'make' },
      createdAt: T0 + 3000,
      expiresAt: Date.now() + 600_000,
    },
  ])
  s.setPermissionDialogHidden(true)
  s.setAttention(ITEMS)
})
afterEach(() => {
  cleanup()
  uninstall()
})

const chips = () => [...document.querySelectorAll('.attention-chip')] as HTMLElement[]

describe('attention bar', () => {
  it('shows the queue in order, each group in its own colour, and counts who needs you', () => {
    render(<AttentionBar />)
    expect(chips().map((c) => c.dataset.attentionKind)).toEqual([
      'permission',
      'failed',
      'finished',
    ])
    expect(chips().map((c) => c.className.split(' ').find((x) => x.startsWith('group-')))).toEqual([
      'group-needs-you',
      'group-failed',
      'group-finished',
    ])
    expect(chips()[0].textContent).toMatch(/alpha.*Allow Bash\?/)
    expect(screen.getByText('1 needs you')).toBeInTheDocument()
  })

  it('the jump key goes to the request, then the failure, then the finished turn', async () => {
    render(
      <>
        <AttentionBar />
        <PermissionHost />
      </>,
    )
    await userEvent.keyboard('{Alt>}a{/Alt}')
    let s = useAppStore.getState()
    expect(s.selectedSessionId).toBe('a')
    expect(s.focusedRequestId).toBe('r1')
    expect(s.permissionDialogHidden).toBe(false)
    expect(screen.getByRole('alertdialog')).toHaveTextContent(/make/)
    // The request is answered elsewhere: it leaves the queue (the core's push).
    act(() => {
      useAppStore.getState().setPending([])
      useAppStore.getState().setAttention(ITEMS.slice(1))
    })
    await userEvent.keyboard('{Alt>}a{/Alt}')
    s = useAppStore.getState()
    expect(s.selectedSessionId).toBe('b')
    expect(s.focusEventId).toBe('e-fail')
    expect(invoke).toHaveBeenCalledWith('attention.seen', { sessionId: 'b' })
    act(() => useAppStore.getState().setAttention(ITEMS.slice(2)))
    await userEvent.click(screen.getByRole('button', { name: /Next/ }))
    expect(useAppStore.getState().selectedSessionId).toBe('c')
    expect(useAppStore.getState().focusEventId).toBe('e-stop')
    expect(invoke).toHaveBeenCalledWith('attention.seen', { sessionId: 'c' })
    act(() => useAppStore.getState().setAttention([]))
    expect(screen.queryByTestId('attention-bar')).toBeNull()
  })

  it('voice acts on the item in focus: the head, then what the jump key went to', async () => {
    // A request is named by its own id (its dialog shows the spoken command).
    expect(attentionQueueSource.focused()).toMatchObject({
      id: 'r1',
      commands: ['allow', 'deny', 'next', 'skip'],
    })
    await attentionQueueSource.perform(attentionQueueSource.focused()!, 'allow')
    expect(invoke).toHaveBeenCalledWith('permissions.decide', { id: 'r1', decision: 'allow' })
    await attentionQueueSource.perform(attentionQueueSource.focused()!, 'next')
    expect(attentionQueueSource.focused()).toMatchObject({ id: `failed:b:${T0 + 1000}` })
    expect(attentionQueueSource.focused()?.commands).toEqual(['next', 'skip'])
    await attentionQueueSource.perform(attentionQueueSource.focused()!, 'skip')
    expect(invoke).toHaveBeenCalledWith('attention.seen', { sessionId: 'b' })
  })
})
