/** The backend picker of a new session names both backends, and the session starts in the one picked. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { NewSessionDialog } from '../../../src/renderer/src/ui/dialogs/NewSessionDialog'
import { installFakeApi, resetStore, session, type Invoke } from '../support/ui-harness'

let invoke: Invoke
beforeEach(async () => {
  resetStore()
  invoke = installFakeApi({
    'projects.autocomplete': () => ({ results: [] }),
    'projects.trust': () => ({ trusted: true, projectFolder: '/work/repo', recordable: true }),
    'sessions.create': () => session({ id: 'new', name: 'repo' }),
  })
  await waitFor(() => expect(invoke).toHaveBeenCalledWith('attention.list', {}))
  await act(async () => {})
})
afterEach(() => cleanup())

describe('backend picker', () => {
  it('lists the built-in terminal and tmux, and the session starts in the one picked', async () => {
    render(<NewSessionDialog onClose={vi.fn()} />)
    const picker = screen.getByLabelText('Runs in')
    expect([...picker.querySelectorAll('option')].map((o) => [o.value, o.textContent])).toEqual([
      ['pty', 'Built-in terminal (pty)'],
      ['tmux', 'tmux'],
    ])
    await userEvent.type(screen.getByLabelText('Folder'), '/work/repo')
    await userEvent.selectOptions(picker, 'tmux')
    await userEvent.click(screen.getByRole('button', { name: 'Start session' }))
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith(
        'sessions.create',
        expect.objectContaining({ cwd: '/work/repo', backend: 'tmux' }),
      ),
    )
  })
})
