/** The prompt bar while dictating: words heard so far after the typed text, results per session. */
import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { PromptBar } from '../../../src/renderer/src/ui/prompt/PromptBar'
import { IDLE_VOICE, useAppStore } from '../../../src/renderer/src/store'
import { dictationBus } from '../../../src/renderer/src/voice/dictation-bus'
import { formatElapsed } from '../../../src/renderer/src/voice/VoiceStatusRow'
import { installFakeApi, resetStore, session, type Invoke } from '../support/ui-harness'

let invoke: Invoke
beforeEach(() => {
  resetStore()
  invoke = installFakeApi()
  useAppStore
    .getState()
    .setSessions([
      session({ id: 'a', name: 'alpha' }),
      session({ id: 'b', name: 'beta', order: 2 }),
    ])
  useAppStore.getState().selectSession('a')
})
afterEach(cleanup)

describe('prompt bar dictation', () => {
  it('shows interim words after the typed text, read-only, with the listening row', async () => {
    render(<PromptBar />)
    const box = screen.getByLabelText('Prompt')
    await userEvent.type(box, 'Fix this:')
    act(() =>
      useAppStore.getState().setVoice({
        ...IDLE_VOICE,
        phase: 'listening',
        sessionId: 'a',
        startedAt: Date.now() - 3_000,
        finals: 'the parser',
        interim: 'test fails',
      }),
    )
    expect(box).toHaveValue('Fix this: the parser test fails')
    expect(box).toHaveAttribute('readonly')
    expect(screen.getByRole('status')).toHaveTextContent(/Listening\s*0:0[34]/)
    expect(screen.getByRole('meter', { name: 'Microphone level' })).toBeInTheDocument()
    // The final result replaces the preview: it is appended to the draft once.
    act(() => {
      useAppStore.getState().setVoice(IDLE_VOICE)
      dictationBus.emit({ sessionId: 'a', text: 'the parser test fails.' })
    })
    expect(box).toHaveValue('Fix this: the parser test fails.')
    expect(box).not.toHaveAttribute('readonly')
  })

  it('an addressed prompt fills the target session’s draft, then sends from there', async () => {
    render(<PromptBar />)
    const box = screen.getByLabelText('Prompt')
    await userEvent.type(box, 'half typed')
    act(() => {
      useAppStore.getState().selectSession('b')
      dictationBus.emit({ sessionId: 'b', text: 'Run the tests.', replace: true })
    })
    expect(box).toHaveValue('Run the tests.')
    await act(async () => dictationBus.emit({ sessionId: 'b', send: true }))
    expect(invoke).toHaveBeenCalledWith('sessions.prompt', { id: 'b', text: 'Run the tests.' })
    act(() => useAppStore.getState().selectSession('a'))
    expect(box).toHaveValue('half typed')
  })

  it('a failure explains itself and offers the settings for key problems', () => {
    render(<PromptBar />)
    act(() =>
      useAppStore.getState().setVoice({
        ...IDLE_VOICE,
        phase: 'error',
        error: 'No Deepgram API key is set. Add one in Settings → Voice.',
      }),
    )
    expect(screen.getByRole('alert')).toHaveTextContent('No Deepgram API key is set')
    screen.getByRole('button', { name: 'Open settings' }).click()
    expect(useAppStore.getState().dialogs).toEqual([{ kind: 'settings' }])
  })

  it('formats elapsed time as m:ss', () => {
    expect(formatElapsed(0)).toBe('0:00')
    expect(formatElapsed(65_400)).toBe('1:05')
  })
})
