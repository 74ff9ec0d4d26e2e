/**
 * The fleet in the window, against a fake core: the selected session's prompt queue (why it waits,
 * edit, move, remove), a card's fleet row (low priority, parked countdown, budget, the override),
 * and the usage view (windows with their forecast, who burns most, repositories, sessions, turns).
 * Only Date is faked: the countdowns read a fixed now, timers run as usual.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { FleetSnapshot, SessionFleetState } from '@shared/fleet'
import { DEFAULT_POLICY } from '@shared/fleet'
import type { TurnUsage, UsageSnapshot } from '@shared/usage'
import { useAppStore } from '../../../src/renderer/src/store'
import { PromptQueue } from '../../../src/renderer/src/ui/fleet/PromptQueue'
import { CardFleetRow } from '../../../src/renderer/src/ui/fleet/CardFleetRow'
import { UsageDialog } from '../../../src/renderer/src/ui/fleet/UsageDialog'
import { QuotaChip } from '../../../src/renderer/src/ui/fleet/QuotaChip'
import { FleetTotals } from '../../../src/renderer/src/ui/fleet/FleetTotals'
import { installFakeApi, resetStore, session, type Invoke } from '../support/ui-harness'

const NOW = new Date(2026, 11, 1, 14, 0, 0).getTime()
const MIN = 60_000
const HOUR = 60 * MIN

const parked: SessionFleetState = {
  sessionId: 'b',
  policy: { ...DEFAULT_POLICY, priority: 'low' },
  hold: { reason: 'parked', until: NOW + HOUR + 15 * MIN + 30_000, usedPercent: 92.4 },
  budget: null,
}

const FLEET: FleetSnapshot = {
  sessions: [parked],
  queues: {
    b: [
      { id: 'q1', sessionId: 'b', text: 'Update the changelog', createdAt: NOW - 2 * MIN },
      { id: 'q2', sessionId: 'b', text: 'Tag the release', createdAt: NOW - MIN },
    ],
  },
}

const TURNS: TurnUsage[] = [
  {
    startedAt: NOW - 5 * MIN,
    endedAt: NOW - 4 * MIN,
    usage: {
      tokens: { input: 1000, output: 200, cacheWrite: 300, cacheRead: 100 },
      costUsd: 0.05,
      costEstimated: false,
    },
  },
]

const USAGE: UsageSnapshot = {
  sessions: [
    {
      sessionId: 'a',
      total: {
        tokens: { input: 12_000, output: 3_400, cacheWrite: 900, cacheRead: 5_200 },
        costUsd: 1.25,
        costEstimated: false,
      },
      turn: TURNS[0],
      context: { tokens: 40_000, percent: 20, windowSize: 200_000 },
      source: 'status-line',
      updatedAt: NOW - MIN,
    },
    {
      sessionId: 'b',
      total: {
        tokens: { input: 2_000, output: 500, cacheWrite: 0, cacheRead: 0 },
        costUsd: 0.1,
        costEstimated: true,
      },
      source: 'transcript',
      updatedAt: NOW - 10 * MIN,
    },
  ],
  quota: {
    windows: [
      // 30 % used, 60 points an hour: 70 points left run out in 70 minutes, before the reset.
      {
        window: 'five_hour',
        usedPercent: 30,
        resetsAt: NOW + 2 * HOUR,
        burnPercentPerHour: 60,
        exhaustsAt: NOW + 70 * MIN,
        warning: true,
      },
      {
        window: 'seven_day',
        usedPercent: 12,
        resetsAt: NOW + 3 * 24 * HOUR,
        burnPercentPerHour: 0.5,
        exhaustsAt: null,
        warning: false,
      },
    ],
    topConsumers: [
      { sessionId: 'a', costUsd: 0.9, tokens: 15_000, share: 0.75 },
      { sessionId: 'b', costUsd: 0.3, tokens: 2_500, share: 0.25 },
    ],
    horizonMs: HOUR,
  },
  days: [
    { day: '2026-11-30', costUsd: 2, tokens: 40_000 },
    { day: '2026-12-01', costUsd: 1.35, tokens: 24_000 },
  ],
  repos: [{ repo: '/home/dev/shop', costUsd: 3.35, tokens: 64_000 }],
  today: { day: '2026-12-01', costUsd: 1.35, tokens: 24_000 },
}

let invoke: Invoke
beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
  resetStore()
  useAppStore.setState({
    sessions: [
      session({ id: 'a', name: 'builder', order: 1 }),
      session({ id: 'b', name: 'docs', order: 2 }),
    ],
  })
  invoke = installFakeApi({
    'fleet.snapshot': () => FLEET,
    'usage.snapshot': () => USAGE,
    'usage.turns': (req) => ({
      turns: (req as { sessionId: string }).sessionId === 'a' ? TURNS : [],
    }),
  })
  // The first load ends with the attention list: the views render on a loaded store.
  await waitFor(() => expect(invoke).toHaveBeenCalledWith('attention.list', {}))
  await act(async () => {})
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('prompt queue', () => {
  beforeEach(() => useAppStore.setState({ selectedSessionId: 'b' }))

  it('says why the prompts wait and counts down to the reset', () => {
    render(<PromptQueue />)
    const queue = screen.getByTestId('prompt-queue')
    expect(queue).toHaveTextContent('2 queued')
    expect(queue).toHaveTextContent(/parked until .*when the 5-hour window resets \(1:15:30\)/)
    expect(screen.getAllByTestId('queued-prompt').map((li) => li.textContent)).toEqual([
      expect.stringContaining('Update the changelog'),
      expect.stringContaining('Tag the release'),
    ])
  })

  it('moves, edits and removes a queued prompt through the core', async () => {
    render(<PromptQueue />)
    const [first, second] = screen.getAllByTestId('queued-prompt')
    expect(within(first).getByRole('button', { name: 'Send earlier' })).toBeDisabled()
    expect(within(second).getByRole('button', { name: 'Send later' })).toBeDisabled()

    await userEvent.click(within(first).getByRole('button', { name: 'Send later' }))
    expect(invoke).toHaveBeenCalledWith('prompts.move', { id: 'q1', index: 1 })

    await userEvent.click(within(second).getByRole('button', { name: 'Edit' }))
    const edit = screen.getByRole('textbox', { name: 'Queued prompt' })
    expect(edit).toHaveValue('Tag the release')
    await userEvent.clear(edit)
    await userEvent.type(edit, 'Tag v1.2{Enter}')
    expect(invoke).toHaveBeenCalledWith('prompts.edit', { id: 'q2', text: 'Tag v1.2' })
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Queued prompt' })).toBeNull())

    await userEvent.click(within(first).getByRole('button', { name: 'Remove' }))
    expect(invoke).toHaveBeenCalledWith('prompts.remove', { id: 'q1' })
  })

  it('a session with nothing queued shows nothing', () => {
    act(() => useAppStore.setState({ selectedSessionId: 'a' }))
    render(<PromptQueue />)
    expect(screen.queryByTestId('prompt-queue')).toBeNull()
  })
})

describe('card fleet row', () => {
  it('a parked session: low priority, the countdown, its queue, and Run anyway', async () => {
    render(<CardFleetRow sessionId="b" name="docs" />)
    const row = screen.getByTestId('card-fleet')
    expect(row).toHaveTextContent('low priority')
    expect(screen.getByTestId('parked-badge')).toHaveTextContent('Parked · resumes in 1:15:30')
    expect(row).toHaveTextContent('2 queued')
    await userEvent.click(screen.getByRole('button', { name: 'Run docs anyway' }))
    expect(invoke).toHaveBeenCalledWith('fleet.setPolicy', { sessionId: 'b', override: true })
  })

  it('an overridden session over its budget says so and can follow the rules again', async () => {
    act(() =>
      useAppStore.getState().setFleet({
        sessions: [
          {
            sessionId: 'a',
            policy: {
              priority: 'normal',
              budget: { kind: 'cost', limit: 1, warnPercent: 80, stop: true },
              override: true,
            },
            hold: null,
            budget: { spent: 1.25, limit: 1, level: 'over' },
          },
        ],
        queues: {},
      }),
    )
    render(<CardFleetRow sessionId="a" name="builder" />)
    const row = screen.getByTestId('card-fleet')
    expect(row).toHaveTextContent('Budget used up ($1.00)')
    expect(row).toHaveTextContent('rules overridden')
    expect(screen.queryByRole('button', { name: 'Run builder anyway' })).toBeNull()
    await userEvent.click(screen.getByRole('button', { name: 'builder: follow the rules again' }))
    expect(invoke).toHaveBeenCalledWith('fleet.setPolicy', { sessionId: 'a', override: false })
  })

  it('a session under no rule shows no row', () => {
    act(() =>
      useAppStore.getState().setFleet({
        sessions: [{ sessionId: 'a', policy: DEFAULT_POLICY, hold: null, budget: null }],
        queues: {},
      }),
    )
    render(<CardFleetRow sessionId="a" name="builder" />)
    expect(screen.queryByTestId('card-fleet')).toBeNull()
  })
})

describe('usage view', () => {
  it('shows each window with its forecast, who burns most, the repositories and the sessions', async () => {
    render(<UsageDialog onClose={() => {}} />)
    const meters = screen.getAllByTestId('window-meter')
    expect(meters).toHaveLength(2)
    expect(meters[0]).toHaveTextContent('5-hour window')
    expect(meters[0]).toHaveTextContent('30% used')
    expect(meters[0]).toHaveTextContent(/At 60 %\/h it runs out .* \(in 1h 10m\)/)
    expect(meters[0]).toHaveClass('is-warn')
    expect(meters[1]).toHaveTextContent('7-day window')
    expect(meters[1]).toHaveTextContent('At 0.5 %/h it lasts until the reset')
    expect(meters[1]).not.toHaveClass('is-warn')

    const consumers = [...document.querySelectorAll('.consumers li')].map((li) => li.textContent)
    expect(consumers).toEqual([
      expect.stringMatching(/builder.*75% · \$0\.90/),
      expect.stringMatching(/docs.*25% · \$0\.30/),
    ])
    expect(screen.getByText('shop')).toBeInTheDocument()

    const rows = within(screen.getByTestId('usage-sessions')).getAllByRole('row').slice(1)
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/builder.*\$1\.25.*20%/),
      // Without a status line the cost is an estimate, and marked as one.
      expect.stringMatching(/docs.*≈\$0\.10/),
    ])

    // The first session's turns by default; another's on click.
    await waitFor(() =>
      expect(within(screen.getByTestId('usage-turns')).getAllByRole('row')).toHaveLength(2),
    )
    expect(screen.getByTestId('usage-turns')).toHaveTextContent('$0.05')
    await userEvent.click(screen.getByRole('button', { name: /docs/ }))
    await screen.findByText('No turn yet.')
    expect(invoke).toHaveBeenCalledWith('usage.turns', expect.objectContaining({ sessionId: 'b' }))
  })

  it('before any window is reported it says so', async () => {
    act(() =>
      useAppStore.getState().setUsage({
        ...USAGE,
        quota: { windows: [], topConsumers: [], horizonMs: HOUR },
      }),
    )
    render(<UsageDialog onClose={() => {}} />)
    expect(screen.getByTestId('usage-view')).toHaveTextContent('No rate-limit window reported yet')
    expect(screen.getByTestId('usage-view')).toHaveTextContent('Nothing used in the last hour.')
    await screen.findByTestId('usage-turns')
  })
})

describe('top bar usage', () => {
  const TopBarUsage = () => (
    <div data-testid="top-bar-usage">
      <FleetTotals />
      <QuotaChip />
    </div>
  )

  it("says today's figures once: in the chip without a window, beside it with one", () => {
    act(() =>
      useAppStore.getState().setUsage({
        ...USAGE,
        quota: { windows: [], topConsumers: [], horizonMs: HOUR },
      }),
    )
    render(<TopBarUsage />)
    const bar = screen.getByTestId('top-bar-usage')
    expect(bar.textContent?.match(/Today/g)).toHaveLength(1)
    expect(screen.getByTestId('quota-chip')).toHaveTextContent('Today 24k tok · $1.35')
    act(() => useAppStore.getState().setUsage(USAGE))
    expect(bar.textContent?.match(/Today/g)).toHaveLength(1)
    expect(screen.getByTestId('fleet-totals')).toHaveTextContent('Today 24k tok · $1.35')
    expect(screen.getByTestId('quota-chip')).toHaveTextContent(/^5h \d+%/)
  })
})
