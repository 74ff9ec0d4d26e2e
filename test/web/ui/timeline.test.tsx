/**
 * The timeline under the workshop: one lane per session drawn from the source's answer (marks
 * by kind, tool calls in their station's colour, commits), zoom and fit asking for the window
 * again, the arrow keys stepping through a lane's marks with a tooltip that says the event, and
 * Enter (or a click) jumping the replay there. An opened replay file is its own source: its
 * timeline comes from its frames, never from the core.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { FleetAt, TimelineAnswer } from '@shared/contract/replay'
import type { CanonicalEvent } from '@shared/events'
import { STATIONS } from '@shared/stations'
import { buildReplayExport } from '../../../src/main/core/replay/export/replay-export'
import { importedReplay } from '../../../src/main/core/replay/import/imported-replay'
import { readExportPage } from '../../../src/main/core/replay/import/read-export'
import { ReplayBar } from '../../../src/renderer/src/ui/replay/ReplayBar'
import { LIVE_REFRESH_MS } from '../../../src/renderer/src/ui/replay/timeline/Timeline'
import { enterFileReplay, leaveReplay } from '../../../src/renderer/src/ui/replay/replay-player'
import { fileTimeline } from '../../../src/renderer/src/ui/replay/replay-source'
import { useAppStore } from '../../../src/renderer/src/store'
import { installFakeApi, resetStore, session, type Invoke } from '../support/ui-harness'

const T = 1_800_000_000_000
const span = { firstSeq: 1, lastSeq: 6, firstTs: T, lastTs: T + 60_000 }
const fleet: FleetAt = { at: T, seq: 0, sessions: [] }

/** Session a: a prompt, a Bash call, its failure; session b: a Read; a commit on a's lane. */
function answerFor(req: { from: number; to: number; buckets: number }): TimelineAnswer {
  const bucketMs = (req.to - req.from) / req.buckets
  const cell = (at: number, kind: string, n: number[], extra: object = {}) => ({
    b: Math.floor((at - req.from) / bucketMs),
    kind,
    n,
    at,
    last: at,
    ...extra,
  })
  return {
    from: req.from,
    bucketMs,
    buckets: req.buckets,
    resolution: 'events',
    complete: true,
    lanes: [
      {
        sessionId: 'a',
        name: 'alpha',
        cells: [
          cell(T + 1_000, 'turn', [1, 0, 0, 0, 0, 0, 0], {
            event: { seq: 1, type: 'prompt', text: 'Prompt: fix the build' },
          }),
          cell(T + 20_000, 'tool', [0, 1, 0, 0, 0, 0, 0], {
            station: 'terminal',
            event: { seq: 2, type: 'tool.start', text: 'Bash npm test', tool: 'Bash' },
          }),
          cell(T + 40_000, 'fail', [0, 0, 1, 0, 0, 0, 0], {
            event: {
              seq: 3,
              type: 'tool.end',
              text: 'Bash failed: exit 1',
              tool: 'Bash',
              ok: false,
            },
          }),
        ],
      },
      {
        sessionId: 'b',
        name: 'beta',
        cells: [
          cell(T + 30_000, 'tool', [0, 3, 0, 1, 0, 0, 0], {
            station: 'bookshelf',
            last: T + 31_000,
          }),
        ],
      },
    ],
    commits: [{ sessionId: 'a', hash: 'abcdef1234567', subject: 'Fix the build', ts: T + 50_000 }],
  } as TimelineAnswer
}

let invoke: Invoke
let liveSpan = span
const asked = () =>
  invoke.mock.calls
    .filter(([c]) => c === 'replay.timeline')
    .map(([, r]) => r as { from: number; to: number; buckets: number })

beforeEach(() => {
  liveSpan = span
  useAppStore.getState().leaveReplay()
  resetStore()
  invoke = installFakeApi({
    'replay.span': () => ({ span: liveSpan }),
    'replay.timeline': (req) => answerFor(req as { from: number; to: number; buckets: number }),
    'replay.stateAt': (req) => ({ ...fleet, at: (req as { at: number }).at }),
    'replay.events': () => ({ events: [], hasMore: false, nextSeq: 0 }),
  })
  useAppStore
    .getState()
    .setSessions([
      session({ id: 'a', name: 'alpha', status: 'idle', kind: 'managed' }),
      session({ id: 'b', name: 'beta', status: 'idle', kind: 'managed' }),
    ])
  useAppStore.getState().setTimelineOpen(true)
})
afterEach(() => {
  leaveReplay()
  useAppStore.getState().setTimelineOpen(false)
  cleanup()
})

const track = (name: string) => screen.getByRole('group', { name: new RegExp(`^${name}: `) })

describe('the timeline', () => {
  it('draws one lane per session with its marks, coloured by kind and station', async () => {
    render(<ReplayBar />)
    const alpha = await waitFor(() => {
      const t = track('alpha')
      expect(t.querySelector('path[data-kind="fail"]')).not.toBeNull()
      return t
    })
    expect(alpha).toHaveAccessibleName(/alpha: 3 marks, 1 commits/)
    expect(alpha.querySelector('path[data-kind="turn"]')).not.toBeNull()
    expect(alpha.querySelector('path[data-kind="tool"]')).toHaveStyle({
      fill: STATIONS.terminal.color,
    })
    expect(alpha.querySelector('[data-commit="abcdef1234567"]')).not.toBeNull()
    // Its turn runs from the prompt on (it has not ended): a band behind the marks.
    expect(alpha.querySelector('path[data-kind="busy"]')).not.toBeNull()
    const beta = track('beta')
    expect(beta.querySelector('path[data-kind="tool"]')).toHaveStyle({
      fill: STATIONS.bookshelf.color,
    })
    expect(beta.querySelector('path[data-kind="busy"]')).toBeNull()
    // Bounded: a bucket per pixel of the track, for one and a half widths of the window.
    for (const r of asked()) expect(r.buckets).toBeLessThanOrEqual(4_000)
  })

  it('zooms in around the middle, and fits the whole history again', async () => {
    render(<ReplayBar />)
    await waitFor(() => expect(asked().length).toBeGreaterThan(0))
    const width = (r: { from: number; to: number }) => r.to - r.from
    const first = asked().at(-1)!
    await userEvent.click(screen.getByRole('button', { name: 'Zoom in' }))
    await waitFor(() => expect(width(asked().at(-1)!)).toBeLessThan(width(first) * 0.7))
    expect(width(asked().at(-1)!)).toBeCloseTo(width(first) / 1.5, -2)
    await userEvent.click(screen.getByRole('button', { name: 'Fit all' }))
    await waitFor(() => expect(width(asked().at(-1)!)).toBeCloseTo(width(first), -2))
  })

  it('live, follows the history as it grows while fitted, and stays where the user zoomed', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    try {
      render(<ReplayBar />)
      await waitFor(() => expect(asked().length).toBeGreaterThan(0))
      const width = (r: { from: number; to: number }) => r.to - r.from
      // Two more minutes stored: the fitted window takes them in.
      liveSpan = { ...span, lastSeq: 9, lastTs: T + 180_000 }
      await act(() => vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS))
      await waitFor(() => expect(asked().at(-1)!.to).toBeGreaterThan(T + 180_000))
      const fitted = width(asked().at(-1)!)
      // Zoomed in: the window stays put however the history grows.
      await userEvent.click(screen.getByRole('button', { name: 'Zoom in' }))
      await waitFor(() => expect(width(asked().at(-1)!)).toBeLessThan(fitted * 0.7))
      const zoomed = asked().at(-1)!
      liveSpan = { ...span, lastSeq: 12, lastTs: T + 300_000 }
      await act(() => vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS))
      await act(() => vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS))
      expect(
        asked().every((r, i, all) => i < all.indexOf(zoomed) || width(r) === width(zoomed)),
      ).toBe(true)
      expect(asked().at(-1)!.from).toBe(zoomed.from)
    } finally {
      vi.useRealTimers()
    }
  })

  it('steps through a lane with the arrow keys, says the event, and Enter jumps there', async () => {
    render(<ReplayBar />)
    const alpha = await waitFor(() => {
      const t = track('alpha')
      expect(t.querySelector('path[data-kind="fail"]')).not.toBeNull()
      return t
    })
    act(() => alpha.focus())
    await userEvent.keyboard('{ArrowRight}')
    expect(screen.getByRole('tooltip')).toHaveTextContent('Prompt: fix the build')
    await userEvent.keyboard('{ArrowRight}')
    const tip = screen.getByRole('tooltip')
    expect(tip).toHaveTextContent('alpha')
    expect(tip).toHaveTextContent('Bash npm test')
    expect(tip).toHaveTextContent('Bash at the Terminal')
    await userEvent.keyboard('{ArrowRight}')
    expect(screen.getByRole('tooltip')).toHaveTextContent('Bash failed: exit 1')
    expect(screen.getByRole('tooltip')).toHaveTextContent('Outcome: failed')
    await userEvent.keyboard('{ArrowRight}')
    expect(screen.getByRole('tooltip')).toHaveTextContent('Commit abcdef1: Fix the build')
    await userEvent.keyboard('{ArrowLeft}')
    // One lane is a tab stop; ↓ moves to the next session's lane, which then is the tab stop.
    expect(alpha).toHaveAttribute('tabindex', '0')
    expect(track('beta')).toHaveAttribute('tabindex', '-1')
    await userEvent.keyboard('{ArrowDown}')
    expect(track('beta')).toHaveFocus()
    expect(track('beta')).toHaveAttribute('tabindex', '0')
    expect(alpha).toHaveAttribute('tabindex', '-1')
    await userEvent.keyboard('{ArrowUp}')
    expect(alpha).toHaveFocus()
    // Back on the lane, stepping starts over: the third mark is the failure.
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}')
    expect(screen.getByRole('tooltip')).toHaveTextContent('Bash failed: exit 1')
    // Enter on the failure: replay just before it, then the failure itself.
    await userEvent.keyboard('{Enter}')
    await screen.findByText('REPLAY')
    expect(invoke).toHaveBeenCalledWith('replay.stateAt', { at: T + 40_000 - 1 })
  })

  it('shows a bucket of several events as counts on hover', async () => {
    render(<ReplayBar />)
    const beta = await waitFor(() => {
      const t = track('beta')
      expect(t.querySelector('path[data-kind="tool"]')).not.toBeNull()
      return t
    })
    // The track is drawn 800 px wide where nothing measures it; the window fits the history.
    const from = T - 60_000 * 0.02
    const x = ((T + 30_000 - from) / (60_000 * 1.04)) * 800
    fireEvent.pointerMove(beta, { clientX: x + 1 })
    const tip = screen.getByRole('tooltip')
    expect(tip).toHaveTextContent('beta')
    expect(tip).toHaveTextContent('4 events')
    expect(tip).toHaveTextContent('3 tool calls (mostly Library) · 1 permission wait')
  })
})

describe('the timeline of an opened replay file', () => {
  const ev = (id: string, sessionId: string, dt: number, rest: Record<string, unknown>) =>
    ({ id, sessionId, agent: 'claude', ts: T + dt, ...rest }) as CanonicalEvent
  const HISTORY = [
    ev('x1', 's1', 1_000, { type: 'prompt', text: 'build the parser' }),
    ev('x2', 's1', 2_000, { type: 'tool.start', toolUseId: 't1', tool: 'Edit', input: {} }),
    ev('x3', 's2', 2_500, { type: 'permission.request', requestId: 'r', tool: 'Bash', input: {} }),
    ev('x4', 's1', 4_000, { type: 'stop' }),
  ].map((e, i) => ({ ...e, seq: i + 1 }))

  async function openedFile() {
    const html = buildReplayExport(
      {
        appVersion: '9.9.9',
        now: () => T + 10_000,
        stateAt: () => ({ seq: 0, state: {} }),
        range: (q) => {
          const events = HISTORY.filter((e) => e.seq > q.afterSeq && e.ts <= q.to)
          return { events, hasMore: false, nextSeq: events.at(-1)?.seq ?? q.afterSeq }
        },
        session: (id) => ({
          name: id === 's1' ? 'parser-work' : 'docs-work',
          cwd: '/w',
          zone: null,
        }),
        kindOf: () => 'managed',
      },
      {
        from: T,
        to: T + 4_000,
        redact: { strings: [], patterns: [], secrets: false, toolOutputs: false },
      },
    ).html
    return importedReplay(await readExportPage(html), 'team-run.html')
  }

  it('builds the lanes from the file’s frames, with the same buckets as the core', async () => {
    const file = await openedFile()
    const a = fileTimeline(file, T, T + 5_000, 5)
    expect(
      a.lanes.map((l) => [l.name, l.cells.map((c) => [c.b, c.kind, c.station ?? null])]),
    ).toEqual([
      [
        'parser-work',
        [
          [1, 'turn', null],
          [2, 'tool', 'workbench'],
          [4, 'end', null],
        ],
      ],
      ['docs-work', [[2, 'wait', null]]],
    ])
    expect(a.lanes[0].cells[1].event).toMatchObject({ type: 'tool.start', tool: 'Edit' })
    // One bucket for the whole stretch: counts per kind.
    const whole = fileTimeline(file, T, T + 5_000, 1)
    expect(whole.lanes[0].cells).toHaveLength(1)
    expect(whole.lanes[0].cells[0].n).toEqual([1, 1, 0, 0, 0, 1, 0])
  })

  it('shows the file’s sessions, never asking the core', async () => {
    render(<ReplayBar />)
    await waitFor(() => expect(asked().length).toBeGreaterThan(0))
    const file = await openedFile()
    await act(() => enterFileReplay(file))
    await screen.findByText('REPLAY · imported file')
    const before = asked().length
    await waitFor(() => {
      const t = track('parser-work')
      expect(t.querySelector('path[data-kind="tool"]')).not.toBeNull()
      return t
    })
    expect(track('docs-work').querySelector('path[data-kind="wait"]')).not.toBeNull()
    expect(screen.queryByRole('group', { name: /^alpha: / })).toBeNull()
    expect(asked().length).toBe(before)
  })
})
