/**
 * Playback keeps the chosen speed in wall time: a step that is still applying (here, a page of
 * history slow to arrive, as on a busy machine at 64×) is not overtaken, and the step after it
 * covers the time it took, so the replay clock ends where speed × elapsed time puts it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { FleetAt } from '@shared/contract/replay'
import {
  leaveReplay,
  REPLAY_FRAME_MS,
  seekReplay,
  startPlayback,
} from '../../../src/renderer/src/ui/replay/replay-player'
import { useAppStore } from '../../../src/renderer/src/store'
import { installFakeApi, resetStore } from '../support/ui-harness'

const T = 1_800_000_000_000
const span = { firstSeq: 1, lastSeq: 1, firstTs: T, lastTs: T + 3_600_000 }
const atStart: FleetAt = { at: T, seq: 0, sessions: [] }

let releasePage: () => void = () => {}

beforeEach(() => {
  useAppStore.getState().leaveReplay()
  resetStore()
  installFakeApi({
    'replay.span': () => ({ span }),
    'replay.stateAt': () => atStart,
    // The first page of history arrives only when the test says so.
    'replay.events': () =>
      new Promise((resolve) => {
        releasePage = () => resolve({ events: [], hasMore: false, nextSeq: 1 })
      }),
  })
})
afterEach(() => {
  leaveReplay()
  vi.useRealTimers()
})

const clock = () => useAppStore.getState().replay!.clock

describe('replay playback', () => {
  it('advances the clock by the wall time that passed, also across a slow step', async () => {
    await seekReplay(T)
    expect(clock()).toBe(T)
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] })
    useAppStore.getState().setReplayControls({ speed: 64, playing: true })
    const stop = startPlayback()
    try {
      // The first step starts and waits for its page; four more ticks pass while it does.
      await vi.advanceTimersByTimeAsync(5 * REPLAY_FRAME_MS)
      expect(clock()).toBe(T)
      releasePage()
      await vi.advanceTimersByTimeAsync(0) // settles the step's promises; no wall time passes
      expect(clock()).toBe(T + REPLAY_FRAME_MS * 64)
      // The next step covers the five ticks since the first one began, not one.
      await vi.advanceTimersByTimeAsync(REPLAY_FRAME_MS)
      expect(clock()).toBe(T + 6 * REPLAY_FRAME_MS * 64)
    } finally {
      stop()
    }
  })
})
