/**
 * Opening an exported replay file in the window: the file (made by the app's own export code)
 * goes through the import channel (the core's own reader stands behind the fake transport), the
 * workshop shows the file's sessions with a REPLAY marker that names the file, stepping and
 * seeking follow the file's states, this machine's live sessions and events stay out of it (and
 * are held, not lost), and "Back to live" returns to them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ReplayImportRequest } from '@shared/contract/replay'
import type { CanonicalEvent } from '@shared/events'
import { buildReplayExport } from '../../../src/main/core/replay/export/replay-export'
import { ImportUploads } from '../../../src/main/core/replay/import/import-uploads'
import { importedReplay } from '../../../src/main/core/replay/import/imported-replay'
import { readExportPage } from '../../../src/main/core/replay/import/read-export'
import { ReplayBar } from '../../../src/renderer/src/ui/replay/ReplayBar'
import { SessionList } from '../../../src/renderer/src/ui/sessions/SessionList'
import { leaveReplay } from '../../../src/renderer/src/ui/replay/replay-player'
import { useAppStore } from '../../../src/renderer/src/store'
import { installFakeApi, resetStore, session, type Invoke } from '../support/ui-harness'

const T = 1_800_000_000_000
const ev = (
  id: string,
  sessionId: string,
  dt: number,
  rest: Record<string, unknown>,
): CanonicalEvent => ({ id, sessionId, agent: 'claude', ts: T + dt, ...rest }) as CanonicalEvent

/** Another machine's stretch: two sessions, one runs a tool and finishes, one just starts. */
const HISTORY: CanonicalEvent[] = [
  ev('x1', 's1', 0, { type: 'session.start', source: 'startup' }),
  ev('x2', 's1', 1_000, { type: 'prompt', text: 'build the parser' }),
  ev('x3', 's2', 1_500, { type: 'session.start', source: 'startup' }),
  ev('x4', 's1', 2_000, { type: 'tool.start', toolUseId: 't1', tool: 'Bash', input: {} }),
  ev('x5', 's2', 2_500, { type: 'prompt', text: 'write the docs' }),
  ev('x6', 's1', 3_000, {
    type: 'tool.end',
    toolUseId: 't1',
    tool: 'Bash',
    input: {},
    success: true,
  }),
  ev('x7', 's1', 4_000, { type: 'stop' }),
].map((e, i) => ({ ...e, seq: i + 1 }))

function exportedPage(): string {
  return buildReplayExport(
    {
      appVersion: '9.9.9',
      now: () => T + 10_000,
      stateAt: () => ({ seq: 0, state: {} }),
      range: (q) => {
        const events = HISTORY.filter((e) => e.seq! > q.afterSeq && e.ts <= q.to)
        return { events, hasMore: false, nextSeq: events.at(-1)?.seq ?? q.afterSeq }
      },
      session: (id) => ({ name: id === 's1' ? 'parser-work' : 'docs-work', cwd: '/w', zone: null }),
      kindOf: () => 'managed',
    },
    {
      from: T,
      to: T + 4_000,
      redact: { strings: [], patterns: [], secrets: false, toolOutputs: false },
    },
  ).html
}

let invoke: Invoke
let pushEvents: (events: CanonicalEvent[]) => void = () => {}
const live = ev('live-1', 'a', 90_000, { type: 'prompt', text: 'live prompt', seq: 50 })

beforeEach(() => {
  useAppStore.getState().leaveReplay()
  resetStore()
  const uploads = new ImportUploads()
  invoke = installFakeApi(
    {
      // The core's own reader behind the fake transport.
      'replay.import': async (req) => {
        const r = req as ReplayImportRequest
        const text = uploads.add(r)
        if (text === null) return { done: false, received: uploads.received }
        return { done: true, replay: await importedReplay(await readExportPage(text), r.fileName) }
      },
    },
    (stream, cb) => {
      if (stream === 'events') pushEvents = (events) => (cb as (d: unknown) => void)({ events })
      return () => {}
    },
  )
  useAppStore
    .getState()
    .setSessions([session({ id: 'a', name: 'alpha', status: 'working', kind: 'managed' })])
  useAppStore.getState().replaceEvents([ev('live-0', 'a', 80_000, { type: 'prompt', text: 'hi' })])
})
afterEach(() => {
  leaveReplay()
  cleanup()
})

const shown = () =>
  Object.fromEntries(useAppStore.getState().sessions.map((s) => [s.name, s.status]))
const feedIds = () => useAppStore.getState().events.map((e) => e.id)

describe('opening a replay file', () => {
  it('replays the file read-only under a marker naming it, then goes back to live', async () => {
    render(
      <>
        <ReplayBar />
        <SessionList />
      </>,
    )
    // Wait for the start-up load, so every call after this is the import's doing.
    await waitFor(() => expect(invoke).toHaveBeenCalledWith('events.list', expect.anything()))
    const callsBefore = invoke.mock.calls.length
    const file = new File([exportedPage()], 'team-run.html', { type: 'text/html' })
    await userEvent.upload(screen.getByLabelText('Replay file'), file)

    await screen.findByText('REPLAY · imported file')
    expect(screen.getByText('team-run.html')).toBeInTheDocument()
    expect(screen.getByRole('region', { name: 'Replay of the file team-run.html' })).toBeVisible()
    // The file's sessions, before their first event; none of this machine's.
    expect(shown()).toEqual({ 'parser-work': 'offline', 'docs-work': 'offline' })
    // Their cards say where they come from.
    expect(screen.getAllByTitle('From the opened replay file: read-only')).toHaveLength(2)
    expect(screen.getByRole('button', { name: /^parser-work, / })).toBeVisible()
    expect(feedIds()).toEqual([])
    // An export is of this machine's history: not offered over a file.
    expect(screen.queryByRole('button', { name: /Export/ })).toBeNull()

    await userEvent.click(screen.getByRole('button', { name: 'Step one event' }))
    await waitFor(() => expect(feedIds()).toEqual(['x1']))
    expect(shown()['parser-work']).toBe('idle')

    // Seek to the moment the tool runs: the file's state then, and the feed from there on.
    fireEvent.change(screen.getByLabelText('Replay position'), { target: { value: T + 2_000 } })
    await waitFor(() => expect(shown()).toEqual({ 'parser-work': 'working', 'docs-work': 'idle' }))
    expect(useAppStore.getState().sessions.find((s) => s.name === 'parser-work')?.currentTool).toBe(
      'Bash',
    )

    // A live event meanwhile is held, never mixed into the file's feed.
    act(() => pushEvents([live]))
    await userEvent.click(screen.getByRole('button', { name: 'Play' }))
    await userEvent.click(screen.getByRole('button', { name: '64×' }))
    await waitFor(() => expect(feedIds()).toEqual(['x5', 'x6', 'x7']), { timeout: 5_000 })
    await waitFor(() => expect(screen.getByRole('button', { name: 'Play' })).toBeVisible())
    expect(shown()).toEqual({ 'parser-work': 'finished', 'docs-work': 'working' })

    await userEvent.click(screen.getByRole('button', { name: /Back to live/ }))
    expect(screen.queryByText(/REPLAY/)).toBeNull()
    expect(shown()).toEqual({ alpha: 'working' })
    expect(feedIds()).toEqual(['live-0', 'live-1'])
    expect(screen.queryByTitle('From the opened replay file: read-only')).toBeNull()
    // The window asked the core for nothing but the import: no stored history, no writes.
    expect(new Set(invoke.mock.calls.slice(callsBefore).map(([c]) => c))).toEqual(
      new Set(['replay.import']),
    )
  })

  it('says why a file that is not an export cannot be opened, and stays live', async () => {
    render(<ReplayBar />)
    const page = new File(['<!doctype html><p>hello</p>'], 'notes.html', { type: 'text/html' })
    await userEvent.upload(screen.getByLabelText('Replay file'), page)
    await waitFor(() =>
      expect(useAppStore.getState().toasts.map((t) => t.text)).toContainEqual(
        expect.stringMatching(/Could not open notes\.html: .*not an Atelier replay export/),
      ),
    )
    expect(screen.queryByText(/REPLAY/)).toBeNull()
    expect(shown()).toEqual({ alpha: 'working' })
  })
})
