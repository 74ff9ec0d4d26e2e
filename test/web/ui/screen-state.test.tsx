/**
 * A session waiting on a screen in its terminal (before SessionStart): its card says so, the
 * prompt bar refuses to type into it and says why, and its terminal opens by itself.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, render, renderHook, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { PromptBar } from '../../../src/renderer/src/ui/prompt/PromptBar'
import { SessionList } from '../../../src/renderer/src/ui/sessions/SessionList'
import { useTerminalForScreens } from '../../../src/renderer/src/ui/sessions/screen-terminal'
import { useAppStore } from '../../../src/renderer/src/store'
import { installFakeApi, resetStore, session, type Invoke } from '../support/ui-harness'

let invoke: Invoke
beforeEach(() => {
  resetStore()
  useAppStore.getState().setTerminalOpen(false)
  invoke = installFakeApi()
})
afterEach(cleanup)

describe('a session on a screen in its terminal', () => {
  it('its card reads "Waiting on a screen in its terminal", a starting one "Starting Claude Code", neither "Idle"', () => {
    useAppStore
      .getState()
      .setSessions([
        session({ id: 'a', name: 'alpha', status: 'screen' }),
        session({ id: 'b', name: 'beta', order: 2, status: 'starting' }),
      ])
    render(<SessionList />)
    const alpha = screen.getByRole('button', { name: /^alpha,/ })
    expect(alpha).toHaveTextContent('Waiting on a screen in its terminal')
    const beta = screen.getByRole('button', { name: /^beta,/ })
    expect(beta).toHaveTextContent('Starting Claude Code')
    for (const card of [alpha, beta]) {
      expect(card).not.toHaveTextContent(/Idle|Send it a prompt/)
      expect(card).not.toHaveAccessibleName(/Idle/)
    }
  })

  it('the prompt bar refuses to type into it, says why, and offers its terminal', async () => {
    useAppStore.getState().setSessions([session({ id: 'a', name: 'alpha', status: 'screen' })])
    useAppStore.getState().selectSession('a')
    render(<PromptBar />)
    const box = screen.getByLabelText('Prompt')
    expect(box).toBeDisabled()
    expect(screen.getByRole('status')).toHaveTextContent(
      'alpha is waiting on a screen in its terminal that Atelier cannot answer: answer it there',
    )
    expect(screen.getByRole('button', { name: /Send/ })).toBeDisabled()
    await userEvent.click(screen.getByRole('button', { name: 'Open its terminal' }))
    expect(useAppStore.getState().terminalOpen).toBe(true)
    expect(invoke).not.toHaveBeenCalledWith('sessions.prompt', expect.anything())
  })

  it('the bar types again once Claude Code has started (idle)', async () => {
    useAppStore.getState().setSessions([session({ id: 'a', name: 'alpha', status: 'screen' })])
    useAppStore.getState().selectSession('a')
    render(<PromptBar />)
    act(() => useAppStore.getState().setSessions([session({ id: 'a', name: 'alpha' })]))
    const box = screen.getByLabelText('Prompt')
    expect(box).toBeEnabled()
    expect(screen.queryByRole('status')).toBeNull()
    await userEvent.type(box, 'hello{Enter}')
    expect(invoke).toHaveBeenCalledWith('sessions.prompt', { id: 'a', text: 'hello' })
  })

  it('a session that comes to a screen is selected and its terminal opened', () => {
    useAppStore
      .getState()
      .setSessions([
        session({ id: 'a', name: 'alpha' }),
        session({ id: 'b', name: 'beta', order: 2, status: 'starting' }),
      ])
    useAppStore.getState().selectSession('a')
    renderHook(() => useTerminalForScreens())
    expect(useAppStore.getState().terminalOpen).toBe(false)
    act(() =>
      useAppStore
        .getState()
        .setSessions([
          session({ id: 'a', name: 'alpha' }),
          session({ id: 'b', name: 'beta', order: 2, status: 'screen' }),
        ]),
    )
    expect(useAppStore.getState().selectedSessionId).toBe('b')
    expect(useAppStore.getState().terminalOpen).toBe(true)
  })
})
