/**
 * A downloaded update stays in the top bar after its toast fades; restarting goes to the shell's
 * install channel; "Later" puts it away; other notices only toast.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { UpdateChip } from '../../../src/renderer/src/ui/layout/UpdateChip'
import { useAppStore } from '../../../src/renderer/src/store'
import { installFakeApi, resetStore, type Invoke } from '../support/ui-harness'

const READY = {
  kind: 'update-ready' as const,
  message: 'Atelier 1.4.0 is ready.',
  version: '1.4.0',
  releaseNotes: 'Faster start-up',
  releaseDate: null,
  installChannel: 'app.installUpdate' as const,
}

let invoke: Invoke
beforeEach(() => {
  resetStore()
  invoke = installFakeApi()
})
afterEach(cleanup)

describe('update chip', () => {
  it('shows nothing until an update is ready', () => {
    render(<UpdateChip />)
    expect(screen.queryByRole('button', { name: /Restart to update/ })).toBeNull()
  })

  it('an update-ready notice toasts and leaves a restart button that asks the shell to install', async () => {
    render(<UpdateChip />)
    act(() => useAppStore.getState().receiveNotice(READY))
    expect(useAppStore.getState().toasts.map((t) => t.text)).toEqual([READY.message])
    const restart = screen.getByRole('button', { name: 'Restart to update to 1.4.0' })
    expect(restart.getAttribute('title')).toContain('Faster start-up')
    // The toast fading does not take the button with it.
    act(() => useAppStore.getState().dismissToast(useAppStore.getState().toasts[0].id))
    await userEvent.click(restart)
    expect(invoke).toHaveBeenCalledWith('app.installUpdate', {})
  })

  it('"Later" puts the update away; a renderer-recovered notice only toasts', async () => {
    render(<UpdateChip />)
    act(() => useAppStore.getState().receiveNotice(READY))
    await userEvent.click(screen.getByRole('button', { name: 'Later' }))
    expect(screen.queryByRole('button', { name: /Restart to update/ })).toBeNull()
    act(() =>
      useAppStore
        .getState()
        .receiveNotice({ kind: 'renderer-recovered', message: 'The window was reloaded.' }),
    )
    expect(useAppStore.getState().updateReady).toBeNull()
    expect(useAppStore.getState().toasts.at(-1)?.text).toBe('The window was reloaded.')
  })

  it('a failed install explains itself in an error toast', async () => {
    invoke.mockImplementation(async (channel: string) => {
      if (channel === 'app.installUpdate') throw new Error('no downloaded update to install')
      return { ok: true }
    })
    render(<UpdateChip />)
    act(() => useAppStore.getState().receiveNotice(READY))
    await userEvent.click(screen.getByRole('button', { name: /Restart to update/ }))
    // The toast follows the rejected call, which settles after the click returns.
    await waitFor(() =>
      expect(useAppStore.getState().toasts.at(-1)).toMatchObject({
        kind: 'error',
        text: 'Could not restart into the update: no downloaded update to install',
      }),
    )
  })
})
