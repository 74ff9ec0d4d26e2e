import { beforeEach, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import { useAppStore } from '@renderer/store'
import { makeSession } from '../../support/session-fixture'

const session = (id: string) => makeSession(id, { kind: 'observed', backend: null })
const prompt = (id: string, sessionId: string): CanonicalEvent => ({
  id,
  sessionId,
  agent: 'claude',
  ts: 1,
  type: 'prompt',
  text: id,
})

describe('store: deleted sessions', () => {
  beforeEach(() => {
    useAppStore.setState({
      sessions: [],
      events: [],
      eventIds: new Set(),
      eventsTextChars: 0,
      git: {},
      selectedSessionId: null,
      feedFilter: null,
      promptHistory: {},
    })
  })

  it('drops a deleted session from the feed, git cache, prompt history, filter and selection', () => {
    const s = useAppStore.getState()
    s.setSessions([session('a'), session('b')])
    s.addEvents([prompt('e1', 'a'), prompt('e2', 'b'), prompt('e3', 'a')])
    s.selectSession('a')
    s.setFeedFilter('a')
    s.rememberPrompt('a', 'fix the parser')
    s.rememberPrompt('b', 'run the tests')
    useAppStore.setState({ git: { a: {} as never, b: {} as never } })
    useAppStore.getState().setSessions([session('b')])
    const after = useAppStore.getState()
    expect(after.events.map((e) => e.id)).toEqual(['e2'])
    expect([...after.eventIds]).toEqual(['e2'])
    expect(Object.keys(after.git)).toEqual(['b'])
    expect(after.selectedSessionId).toBeNull()
    expect(after.feedFilter).toBeNull()
    expect(after.promptHistory).toEqual({ b: ['run the tests'] })
  })

  it('keeps everything when no session went away', () => {
    const s = useAppStore.getState()
    s.setSessions([session('a')])
    s.addEvents([prompt('e1', 'a')])
    const before = useAppStore.getState().events
    useAppStore.getState().setSessions([session('a'), session('c')])
    expect(useAppStore.getState().events).toBe(before)
  })
})
