/**
 * The feed during a fast replay: new events reach it at most every FAST_REPLAY_FEED_MS, so the
 * workshop keeps its frames at 64×; paused, at a slow speed or live, it follows every change.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, renderHook } from '@testing-library/react'
import type { CanonicalEvent } from '@shared/events'
import {
  FAST_REPLAY_FEED_MS,
  usePacedFeedEvents,
} from '../../../src/renderer/src/ui/feed/paced-events'
import { useAppStore } from '../../../src/renderer/src/store'
import { resetStore } from '../support/ui-harness'

const T = 1_800_000_000_000
const span = { firstSeq: 1, lastSeq: 9, firstTs: T, lastTs: T + 3_600_000 }
let seq = 0
const prompt = (text: string): CanonicalEvent => ({
  id: `e${++seq}`,
  seq,
  sessionId: 'a',
  agent: 'claude',
  ts: T + seq,
  type: 'prompt',
  text,
})
const texts = (events: CanonicalEvent[]) =>
  events.map((e) => (e.type === 'prompt' ? e.text : e.type))

beforeEach(() => {
  useAppStore.getState().leaveReplay()
  resetStore()
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
})
afterEach(() => {
  useAppStore.getState().leaveReplay()
  vi.useRealTimers()
})

describe('the feed in a fast replay', () => {
  it('takes new events at most every FAST_REPLAY_FEED_MS at 64x, and all at once when paused', () => {
    useAppStore.getState().enterReplay(span, { at: T, seq: 0, sessions: [] })
    act(() => useAppStore.getState().setReplayControls({ speed: 64, playing: true }))
    const { result } = renderHook(() => usePacedFeedEvents())
    act(() => useAppStore.getState().addEvents([prompt('one')]))
    act(() => vi.advanceTimersByTime(0))
    expect(texts(result.current)).toEqual(['one'])

    act(() => useAppStore.getState().addEvents([prompt('two')]))
    act(() => vi.advanceTimersByTime(FAST_REPLAY_FEED_MS - 1))
    expect(texts(result.current)).toEqual(['one'])
    act(() => vi.advanceTimersByTime(1))
    expect(texts(result.current)).toEqual(['one', 'two'])

    act(() => useAppStore.getState().addEvents([prompt('three')]))
    expect(texts(result.current)).toEqual(['one', 'two'])
    act(() => useAppStore.getState().setReplayControls({ playing: false }))
    expect(texts(result.current)).toEqual(['one', 'two', 'three'])
  })

  it('follows every change at 1x and live', () => {
    const { result } = renderHook(() => usePacedFeedEvents())
    act(() => useAppStore.getState().addEvents([prompt('live')]))
    expect(texts(result.current)).toEqual(['live'])
    useAppStore.getState().enterReplay(span, { at: T, seq: 0, sessions: [] })
    act(() => useAppStore.getState().setReplayControls({ speed: 1, playing: true }))
    act(() => useAppStore.getState().addEvents([prompt('slow')]))
    expect(texts(result.current).at(-1)).toBe('slow')
  })
})
