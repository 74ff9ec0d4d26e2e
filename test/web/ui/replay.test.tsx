/**
 * Replay mode as the user sees it: entering shows the REPLAY badge and the sessions as they stood
 * at the instant; stepping plays the next stored event through the shared reducer; live events
 * pushed meanwhile are held back and appear on returning to live; the prompt bar is off while
 * replaying.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { CanonicalEvent } from '@shared/events'
import type { FleetAt } from '@shared/contract/replay'
import { ReplayBar } from '../../../src/renderer/src/ui/replay/ReplayBar'
import { leaveReplay } from '../../../src/renderer/src/ui/replay/replay-player'
import { PromptBar } from '../../../src/renderer/src/ui/prompt/PromptBar'
import { useAppStore } from '../../../src/renderer/src/store'
import { installFakeApi, resetStore, session } from '../support/ui-harness'

const T = 1_800_000_000_000
const span = { firstSeq: 1, lastSeq: 3, firstTs: T, lastTs: T + 60_000 }
const atFinished: FleetAt = {
  at: T + 60_000,
  seq: 2,
  sessions: [
    { sessionId: 'a', state: 'finished', tools: [], subagents: {}, lastActivity: T + 30_000 },
  ],
}
const nextPrompt: CanonicalEvent = {
  id: 'p2',
  seq: 3,
  sessionId: 'a',
  agent: 'claude',
  ts: T + 50_000,
  type: 'prompt',
  text: 'second turn',
}

let pushEvents: (events: CanonicalEvent[]) => void = () => {}

beforeEach(() => {
  useAppStore.getState().leaveReplay()
  resetStore()
  installFakeApi(
    {
      'replay.span': () => ({ span }),
      'replay.stateAt': () => atFinished,
      'replay.events': (req) =>
        (req as { afterSeq: number }).afterSeq < 3
          ? { events: [nextPrompt], hasMore: false, nextSeq: 3 }
          : { events: [], hasMore: false, nextSeq: 3 },
    },
    (stream, cb) => {
      if (stream === 'events') pushEvents = (events) => (cb as (d: unknown) => void)({ events })
      return () => {}
    },
  )
  useAppStore
    .getState()
    .setSessions([session({ id: 'a', name: 'alpha', status: 'working', kind: 'managed' })])
  useAppStore.getState().selectSession('a')
})
afterEach(() => {
  leaveReplay()
  cleanup()
})

const statusOf = (id: string) => useAppStore.getState().sessions.find((s) => s.id === id)?.status

describe('replay mode', () => {
  it('shows the past with a REPLAY badge, steps through it, and returns to live', async () => {
    render(
      <>
        <ReplayBar />
        <PromptBar />
      </>,
    )
    expect(screen.queryByText('REPLAY')).toBeNull()
    await userEvent.click(screen.getByRole('button', { name: /Replay/ }))
    await screen.findByText('REPLAY')
    // The session as it stood then, not as it is live.
    expect(statusOf('a')).toBe('finished')
    expect(screen.getByLabelText('Prompt')).toBeDisabled()
    expect(screen.getByRole('button', { name: /Send/ })).toBeDisabled()

    // A live event arrives meanwhile: held back, the feed keeps showing the past.
    const live: CanonicalEvent = { ...nextPrompt, id: 'live-1', seq: 9, text: 'live one' }
    pushEvents([live])
    expect(useAppStore.getState().events.map((e) => e.id)).not.toContain('live-1')

    await userEvent.click(screen.getByRole('button', { name: 'Step one event' }))
    await waitFor(() => expect(statusOf('a')).toBe('working'))
    expect(useAppStore.getState().events.map((e) => e.id)).toEqual(['p2'])

    await userEvent.click(screen.getByRole('button', { name: '64×' }))
    expect(screen.getByRole('button', { name: '64×' })).toHaveAttribute('aria-pressed', 'true')

    await userEvent.click(screen.getByRole('button', { name: /Back to live/ }))
    expect(screen.queryByText('REPLAY')).toBeNull()
    expect(statusOf('a')).toBe('working')
    expect(useAppStore.getState().events.map((e) => e.id)).toContain('live-1')
    expect(screen.getByLabelText('Prompt')).not.toBeDisabled()
  })

  it('shows a session that had not started yet at the instant as offline', async () => {
    useAppStore
      .getState()
      .setSessions([
        session({ id: 'a', name: 'alpha', status: 'working' }),
        session({ id: 'b', name: 'beta', status: 'idle', order: 2 }),
      ])
    render(<ReplayBar />)
    await userEvent.click(screen.getByRole('button', { name: /Replay/ }))
    await screen.findByText('REPLAY')
    expect(statusOf('b')).toBe('offline')
  })
})
