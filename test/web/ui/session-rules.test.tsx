/** A session's rules dialog: its checkboxes shape the policy it saves. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useAppStore } from '../../../src/renderer/src/store'
import { SessionRulesDialog } from '../../../src/renderer/src/ui/fleet/SessionRulesDialog'
import { installFakeApi, resetStore, session, type Invoke } from '../support/ui-harness'

let invoke: Invoke
beforeEach(async () => {
  resetStore()
  useAppStore.setState({ sessions: [session()] })
  invoke = installFakeApi({ 'fleet.setPolicy': () => ({ ok: true }) })
  // The first load ends with the attention list; the dialog opens on a loaded store.
  await waitFor(() => expect(invoke).toHaveBeenCalledWith('attention.list', {}))
  await act(async () => {})
})
afterEach(() => cleanup())

describe('session rules', () => {
  it('saves a budget without the stop, and the override, as the checkboxes say', async () => {
    const onClose = vi.fn()
    render(<SessionRulesDialog sessionId="s1" onClose={onClose} />)
    const budget = screen.getByRole('checkbox', { name: /A budget for this session/ })
    expect(budget).not.toBeChecked()
    expect(screen.queryByLabelText('Limit')).not.toBeInTheDocument()

    await userEvent.click(budget)
    await userEvent.type(screen.getByLabelText('Limit'), '5')
    const stop = screen.getByRole('checkbox', { name: /Stop at the limit/ })
    expect(stop).toBeChecked()
    await userEvent.click(stop)
    await userEvent.click(screen.getByRole('checkbox', { name: /Run regardless of the rules/ }))
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))

    expect(invoke).toHaveBeenCalledWith('fleet.setPolicy', {
      sessionId: 's1',
      priority: 'normal',
      budget: { kind: 'cost', limit: 5, warnPercent: 80, stop: false },
      override: true,
    })
    // The dialog closes once the call answers, after the click returns.
    await waitFor(() => expect(onClose).toHaveBeenCalled())
  })

  it('saves no budget when its checkbox is cleared again', async () => {
    const onClose = vi.fn()
    render(<SessionRulesDialog sessionId="s1" onClose={onClose} />)
    const budget = screen.getByRole('checkbox', { name: /A budget for this session/ })
    await userEvent.click(budget)
    await userEvent.type(screen.getByLabelText('Limit'), '5')
    await userEvent.click(budget)
    expect(screen.queryByLabelText('Limit')).not.toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(invoke).toHaveBeenCalledWith('fleet.setPolicy', {
      sessionId: 's1',
      priority: 'normal',
      budget: null,
      override: false,
    })
    await waitFor(() => expect(onClose).toHaveBeenCalled())
  })
})
