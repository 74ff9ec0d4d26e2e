/**
 * The system-wide attention shortcut in the window: Settings → Keyboard records it (refusing a
 * combo without Ctrl, Alt or Meta, and one a window action uses), and the shell's `jump` push —
 * sent when it is pressed anywhere on the desktop — goes to the next item of the queue.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { AttentionItem } from '@shared/attention'
import { DEFAULT_SETTINGS } from '@shared/settings'
import { useAppStore } from '../../../src/renderer/src/store'
import { GlobalShortcutSetting } from '../../../src/renderer/src/ui/dialogs/GlobalShortcutSetting'
import { installFakeApi, resetStore, session, type Invoke } from '../support/ui-harness'

const T0 = 1_800_000_000_000
const ITEMS: AttentionItem[] = [
  {
    id: `failed:b:${T0}`,
    sessionId: 'b',
    kind: 'failed',
    since: T0,
    title: 'Turn failed',
    eventId: 'e-fail',
  },
  {
    id: `finished:a:${T0 + 1}`,
    sessionId: 'a',
    kind: 'finished',
    since: T0 + 1,
    title: 'Finished',
    eventId: 'e-stop',
  },
]

let invoke: Invoke
let listeners: Map<string, (data: never) => void>
beforeEach(async () => {
  resetStore()
  listeners = new Map()
  useAppStore.setState({
    sessions: [
      session({ id: 'a', name: 'alpha', order: 1 }),
      session({ id: 'b', name: 'beta', order: 2 }),
    ],
  })
  invoke = installFakeApi(
    {
      'settings.update': (patch) => {
        const next = { ...useAppStore.getState().settings!, ...(patch as object) }
        useAppStore.getState().setSettings(next)
        return next
      },
      'attention.list': () => ({ items: ITEMS }),
    },
    (stream, cb) => {
      listeners.set(stream, cb)
      return () => listeners.delete(stream)
    },
  )
  await waitFor(() => expect(invoke).toHaveBeenCalledWith('attention.list', {}))
  await act(async () => {})
})
afterEach(() => cleanup())

const shown = () => screen.getByTestId('global-shortcut').textContent

describe('system-wide attention shortcut', () => {
  it('records a new combo, turns off and back to the default', async () => {
    render(<GlobalShortcutSetting />)
    expect(DEFAULT_SETTINGS.attentionShortcut).toBe('Ctrl+Alt+Shift+A')
    expect(shown()).toMatch(/Ctrl.*Alt.*Shift.*A/)
    await userEvent.click(screen.getByRole('button', { name: 'Change' }))
    expect(shown()).toMatch(/Press keys/)
    await userEvent.keyboard('{Control>}{Alt>}j{/Alt}{/Control}')
    expect(invoke).toHaveBeenCalledWith('settings.update', { attentionShortcut: 'Ctrl+Alt+J' })
    await waitFor(() => expect(shown()).toMatch(/Ctrl.*Alt.*J/))

    await userEvent.click(screen.getByRole('button', { name: 'Turn off' }))
    expect(invoke).toHaveBeenCalledWith('settings.update', { attentionShortcut: '' })
    await waitFor(() => expect(shown()).toBe('off'))
    await userEvent.click(screen.getByRole('button', { name: 'Default' }))
    expect(invoke).toHaveBeenLastCalledWith('settings.update', {
      attentionShortcut: 'Ctrl+Alt+Shift+A',
    })
  })

  it('refuses a combo without Ctrl, Alt or Meta, and one a window action uses', async () => {
    render(<GlobalShortcutSetting />)
    const updates = () => invoke.mock.calls.filter(([c]) => c === 'settings.update').length
    await userEvent.click(screen.getByRole('button', { name: 'Change' }))
    await userEvent.keyboard('{Shift>}k{/Shift}')
    expect(screen.getByRole('alert')).toHaveTextContent(/needs Ctrl, Alt or Meta/)
    await userEvent.click(screen.getByRole('button', { name: 'Change' }))
    await userEvent.keyboard('{Alt>}u{/Alt}')
    expect(screen.getByRole('alert')).toHaveTextContent(/Alt\+U already does “Usage and quota”/)
    expect(updates()).toBe(0)
    // The window's own jump key may be the same: it does the same job.
    await userEvent.click(screen.getByRole('button', { name: 'Change' }))
    await userEvent.keyboard('{Alt>}a{/Alt}')
    expect(screen.queryByRole('alert')).toBeNull()
    expect(invoke).toHaveBeenCalledWith('settings.update', { attentionShortcut: 'Alt+A' })
  })

  it("the shell's jump push goes to the next item, then the one after", () => {
    const jump = listeners.get('jump') as (d: { to: 'next-attention' }) => void
    expect(jump).toBeTypeOf('function')
    act(() => jump({ to: 'next-attention' }))
    expect(useAppStore.getState().selectedSessionId).toBe('b')
    expect(useAppStore.getState().focusEventId).toBe('e-fail')
    act(() => jump({ to: 'next-attention' }))
    expect(useAppStore.getState().selectedSessionId).toBe('a')
    expect(useAppStore.getState().focusEventId).toBe('e-stop')
  })
})
