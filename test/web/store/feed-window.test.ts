import { beforeEach, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import { MAX_FEED_EVENTS, MAX_FEED_TEXT_CHARS, useAppStore } from '@renderer/store'
import { eventTextChars, totalTextChars } from '@renderer/store/event-size'

const prompt = (n: number, text = `p${n}`): CanonicalEvent => ({
  id: `e${n}`,
  sessionId: 's',
  agent: 'claude',
  ts: n,
  type: 'prompt',
  text,
})

function expectConsistent(): void {
  const { events, eventIds, eventsTextChars } = useAppStore.getState()
  expect([...eventIds].sort()).toEqual(events.map((e) => e.id).sort())
  expect(eventsTextChars).toBe(totalTextChars(events))
}

describe('store: the feed window', () => {
  beforeEach(() => {
    useAppStore.setState({ events: [], eventIds: new Set(), eventsTextChars: 0 })
  })

  it('counts an event by the characters of its strings and keys', () => {
    const e = prompt(1, 'x'.repeat(1000))
    expect(eventTextChars(e)).toBeGreaterThan(1000)
    expect(eventTextChars(e)).toBeLessThan(1100)
    expect(eventTextChars(e)).toBe(eventTextChars(e))
  })

  it('keeps the newest MAX_FEED_EVENTS events', () => {
    const s = useAppStore.getState()
    const batch = 1_000
    for (let start = 0; start < MAX_FEED_EVENTS + 2 * batch; start += batch)
      s.addEvents(Array.from({ length: batch }, (_, i) => prompt(start + i)))
    const { events } = useAppStore.getState()
    expect(events).toHaveLength(MAX_FEED_EVENTS)
    expect(events[0].id).toBe(`e${2 * batch}`)
    expect(events.at(-1)!.id).toBe(`e${MAX_FEED_EVENTS + 2 * batch - 1}`)
    expectConsistent()
  })

  it('keeps at most MAX_FEED_TEXT_CHARS of text, dropping the oldest events first', () => {
    const s = useAppStore.getState()
    const big = 'o'.repeat(MAX_FEED_TEXT_CHARS / 8)
    for (let n = 0; n < 20; n++) s.addEvents([prompt(n, big)])
    const { events, eventsTextChars } = useAppStore.getState()
    expect(eventsTextChars).toBeLessThanOrEqual(MAX_FEED_TEXT_CHARS)
    expect(events.length).toBeGreaterThanOrEqual(7)
    expect(events.at(-1)!.id).toBe('e19')
    expect(events[0].id).toBe(`e${20 - events.length}`)
    expectConsistent()
  })

  it('always keeps the newest event, even one larger than the whole bound', () => {
    const s = useAppStore.getState()
    s.addEvents([prompt(1)])
    s.addEvents([prompt(2, 'h'.repeat(MAX_FEED_TEXT_CHARS + 1))])
    expect(useAppStore.getState().events.map((e) => e.id)).toEqual(['e2'])
    expectConsistent()
  })

  it('keeps its count right when older pages are merged in or the events replaced', () => {
    const s = useAppStore.getState()
    s.addEvents([prompt(10), prompt(11)])
    s.mergeEvents([{ ...prompt(1), seq: 1 }])
    expectConsistent()
    s.replaceEvents([prompt(3)])
    expectConsistent()
  })
})
