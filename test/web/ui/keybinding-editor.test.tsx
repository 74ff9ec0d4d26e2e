/**
 * Settings → Keyboard, rebinding a window action: "Change" takes the next combo pressed (saved
 * as the action's keys), "Add" keeps the old keys beside it, a bare Escape cancels, and a combo
 * another action uses is refused with that action's name.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useAppStore } from '../../../src/renderer/src/store'
import { KeybindingEditor } from '../../../src/renderer/src/ui/dialogs/KeybindingEditor'
import { installFakeApi, resetStore, type Invoke } from '../support/ui-harness'

let invoke: Invoke
beforeEach(async () => {
  resetStore()
  invoke = installFakeApi({
    'settings.update': (patch) => {
      const next = { ...useAppStore.getState().settings!, ...(patch as object) }
      useAppStore.getState().setSettings(next)
      return next
    },
  })
  await waitFor(() => expect(invoke).toHaveBeenCalledWith('attention.list', {}))
  await act(async () => {})
})
afterEach(() => cleanup())

const row = () => screen.getByText('Jump to latest').closest('li') as HTMLElement
const saved = () =>
  invoke.mock.calls.filter(([c]) => c === 'settings.update').map(([, patch]) => patch)

describe('keybinding editor', () => {
  it('Change takes the next combo, Add keeps the old keys, Escape cancels', async () => {
    render(<KeybindingEditor />)
    await userEvent.click(within(row()).getByRole('button', { name: 'Change' }))
    expect(row()).toHaveTextContent('Press keys')
    await userEvent.keyboard('{Escape}')
    expect(row()).not.toHaveTextContent('Press keys')
    expect(saved()).toEqual([])

    await userEvent.click(within(row()).getByRole('button', { name: 'Change' }))
    await userEvent.keyboard('{Control>}{Alt>}l{/Alt}{/Control}')
    expect(saved()).toEqual([{ keybindings: { 'feed.latest': 'Ctrl+Alt+L' } }])

    await userEvent.click(within(row()).getByRole('button', { name: 'Add' }))
    await userEvent.keyboard('{Control>}{Alt>}k{/Alt}{/Control}')
    expect(saved()[1]).toEqual({ keybindings: { 'feed.latest': 'Ctrl+Alt+L Ctrl+Alt+K' } })
  })

  it('refuses a combo another action uses, naming it', async () => {
    render(<KeybindingEditor />)
    await userEvent.click(within(row()).getByRole('button', { name: 'Change' }))
    await userEvent.keyboard('{Alt>}u{/Alt}')
    expect(within(row()).getByRole('alert')).toHaveTextContent(
      /Alt\+U already does “Usage and quota”/,
    )
    expect(saved()).toEqual([])
  })
})
