/**
 * Settings › "Rotate access tokens" (issue 14, finding 13): nothing rotates before the user
 * confirms; "Rotate now" calls auth.rotate once; the desktop window says it is done, and a
 * headless page, whose own credential died with the old token, signs in again through the
 * one-time link it got back.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { RotateTokens } from '../../../src/renderer/src/ui/dialogs/RotateTokens'
import { useAppStore } from '../../../src/renderer/src/store'
import { installFakeApi, resetStore, type Invoke } from '../support/ui-harness'

const NEW_LINK = 'http://127.0.0.1:4100/?ticket=0123abcd'
let invoke: Invoke
beforeEach(() => {
  resetStore()
  invoke = installFakeApi({ 'auth.rotate': () => ({ url: NEW_LINK }) })
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const rotateCalls = () => vi.mocked(invoke).mock.calls.filter(([c]) => c === 'auth.rotate')

describe('rotate access tokens', () => {
  it('asks first; cancelling rotates nothing', async () => {
    useAppStore.setState({ runtime: 'electron' })
    render(<RotateTokens />)
    await userEvent.click(screen.getByRole('button', { name: /Rotate…/ }))
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }))
    expect(await screen.findByRole('button', { name: /Rotate…/ })).toBeInTheDocument()
    expect(rotateCalls()).toEqual([])
  })

  it('desktop: "Rotate now" rotates once and says so', async () => {
    useAppStore.setState({ runtime: 'electron' })
    render(<RotateTokens />)
    await userEvent.click(screen.getByRole('button', { name: /Rotate…/ }))
    await userEvent.click(await screen.findByRole('button', { name: 'Rotate now' }))
    await waitFor(() =>
      expect(useAppStore.getState().toasts.map((t) => t.text)).toContain('Access tokens rotated'),
    )
    expect(rotateCalls()).toHaveLength(1)
    expect(await screen.findByRole('button', { name: /Rotate…/ })).toBeInTheDocument()
  })

  it('headless: the page reopens through the new one-time link', async () => {
    useAppStore.setState({ runtime: 'headless' })
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {})
    render(<RotateTokens />)
    await userEvent.click(screen.getByRole('button', { name: /Rotate…/ }))
    await userEvent.click(await screen.findByRole('button', { name: 'Rotate now' }))
    await waitFor(() => expect(assign).toHaveBeenCalledWith(NEW_LINK))
    expect(rotateCalls()).toHaveLength(1)
  })
})
