/**
 * Exporting a replay from the timeline: the dialog offers the hour up to the replay clock, the
 * sessions and the redaction; a bad pattern is refused in place; a headless page downloads the
 * file the core built, the desktop app has the core save it through its dialog.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { FleetAt, ReplayExportRequest } from '@shared/contract/replay'
import { ReplayBar } from '../../../src/renderer/src/ui/replay/ReplayBar'
import { DialogHost } from '../../../src/renderer/src/ui/dialogs/DialogHost'
import { leaveReplay } from '../../../src/renderer/src/ui/replay/replay-player'
import { DEFAULT_EXPORT_SPAN_MS } from '../../../src/renderer/src/ui/replay/ExportReplayDialog'
import { useAppStore } from '../../../src/renderer/src/store'
import { installFakeApi, resetStore, session } from '../support/ui-harness'

const T = 1_800_000_000_000
const span = { firstSeq: 1, lastSeq: 3, firstTs: T, lastTs: T + 3 * 3_600_000 }
const at: FleetAt = { at: span.lastTs, seq: 3, sessions: [] }
const built = {
  fileName: 'atelier-replay.html',
  html: '<!doctype html><title>replay</title>',
  events: 3,
  sessions: 1,
  bytes: 36,
  redactions: 2,
}

let requests: { channel: string; req: ReplayExportRequest }[] = []
let savedPath: string | null = '/home/u/Downloads/atelier-replay.html'
const clicked: { href: string; download: string }[] = []

beforeEach(() => {
  useAppStore.getState().leaveReplay()
  resetStore()
  requests = []
  clicked.length = 0
  savedPath = '/home/u/Downloads/atelier-replay.html'
  installFakeApi({
    'replay.span': () => ({ span }),
    'replay.stateAt': () => at,
    'replay.events': () => ({ events: [], hasMore: false, nextSeq: 3 }),
    'replay.export': (req) => {
      requests.push({ channel: 'replay.export', req: req as ReplayExportRequest })
      return built
    },
    'replay.saveExport': (req) => {
      requests.push({ channel: 'replay.saveExport', req: req as ReplayExportRequest })
      const { html: _html, ...summary } = built
      return { ...summary, path: savedPath }
    },
  })
  useAppStore
    .getState()
    .setSessions([
      session({ id: 'a', name: 'alpha', status: 'idle' }),
      session({ id: 'b', name: 'beta', status: 'idle', order: 2 }),
    ])
  // jsdom has no object URLs and does not follow download links: record them instead.
  URL.createObjectURL = vi.fn(() => 'blob:replay')
  URL.revokeObjectURL = vi.fn()
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    clicked.push({ href: this.href, download: this.download })
  })
})
afterEach(() => {
  leaveReplay()
  cleanup()
  vi.restoreAllMocks()
})

async function openExport() {
  render(
    <>
      <ReplayBar />
      <DialogHost />
    </>,
  )
  await userEvent.click(screen.getByRole('button', { name: /Replay/ }))
  await screen.findByText('REPLAY')
  await userEvent.click(screen.getByRole('button', { name: /Export/ }))
  return screen.findByRole('dialog', { name: 'Export replay' })
}

describe('replay export dialog', () => {
  it('downloads the file the core built, redacted and for the chosen sessions (headless)', async () => {
    const dialog = await openExport()
    const from = screen.getByLabelText('From') as HTMLInputElement
    expect(new Date(from.value).getTime()).toBe(span.lastTs - DEFAULT_EXPORT_SPAN_MS)

    await userEvent.click(screen.getByRole('checkbox', { name: 'beta' }))
    await userEvent.type(screen.getByLabelText(/Also remove these strings/), 'Acme Corp')
    await userEvent.click(screen.getByRole('checkbox', { name: /Leave out tool outputs/ }))
    // A pattern that does not compile is refused before anything is sent.
    await userEvent.type(screen.getByLabelText(/matches these patterns/), 'ORB-(')
    expect(await screen.findByText('not a valid regular expression')).toBeInTheDocument()
    expect(within(dialog).getByRole('button', { name: 'Export' })).toBeDisabled()
    await userEvent.type(screen.getByLabelText(/matches these patterns/), '\\d+)')

    await userEvent.click(within(dialog).getByRole('button', { name: 'Export' }))
    await waitFor(() => expect(dialog).not.toBeInTheDocument())
    expect(requests).toHaveLength(1)
    const { channel, req } = requests[0]
    expect(channel).toBe('replay.export')
    expect(req).toMatchObject({
      from: span.lastTs - DEFAULT_EXPORT_SPAN_MS,
      sessionIds: ['a'],
      redact: {
        strings: ['Acme Corp'],
        patterns: ['ORB-(\\d+)'],
        secrets: true,
        toolOutputs: true,
      },
    })
    expect(req.to).toBeGreaterThanOrEqual(span.lastTs)
    expect(clicked).toEqual([{ href: 'blob:replay', download: 'atelier-replay.html' }])
    expect(useAppStore.getState().toasts.map((t) => t.text)).toContain(
      'Replay exported: 3 events, 0.0 MB',
    )
  })

  it('has the desktop app save it through its dialog, and stays open when that is cancelled', async () => {
    useAppStore.setState({ runtime: 'electron' })
    savedPath = null
    const dialog = await openExport()
    await userEvent.click(within(dialog).getByRole('button', { name: 'Export' }))
    await waitFor(() => expect(requests).toHaveLength(1))
    expect(requests[0].channel).toBe('replay.saveExport')
    expect(requests[0].req.sessionIds).toBeUndefined()
    expect(dialog).toBeInTheDocument()

    savedPath = '/home/u/Downloads/atelier-replay.html'
    await userEvent.click(within(dialog).getByRole('button', { name: 'Export' }))
    await waitFor(() => expect(dialog).not.toBeInTheDocument())
    expect(clicked).toEqual([])
    expect(useAppStore.getState().toasts.map((t) => t.text)).toContain(
      'Replay saved: 3 events, 0.0 MB',
    )
  })
})
