import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { SessionList } from '../../../src/renderer/src/ui/sessions/SessionList'
import { SessionMenu } from '../../../src/renderer/src/ui/sessions/SessionMenu'
import { DialogHost } from '../../../src/renderer/src/ui/dialogs/DialogHost'
import { useAppStore } from '../../../src/renderer/src/store'
import { installKeyboard } from '../../../src/renderer/src/keyboard/useKeyboard'
import { emptyUsage, installFakeApi, resetStore, session, type Invoke } from '../support/ui-harness'
import type { CanonicalEvent } from '@shared/events'
import { advanceFleet, sessionsAt } from '../../../src/renderer/src/store/replay-model'
import cliPayloads from '../../fixtures/claude-hooks/cli-payloads.json'

let invoke: Invoke
let uninstall: () => void
beforeEach(() => {
  resetStore()
  invoke = installFakeApi({
    'sessions.rename': (req) => ({ ...session(), name: (req as { name: string }).name }),
  })
  uninstall = installKeyboard()
})
afterEach(() => {
  cleanup()
  uninstall()
})

describe('session cards', () => {
  it('show name, hotkey, status, current tool, usage, last prompt and subagents', () => {
    useAppStore.getState().setSessions([
      session({
        id: 'a',
        name: 'alpha',
        status: 'working',
        currentTool: 'Bash',
        lastPrompt: 'fix the flaky test in parser.spec.ts',
        subagents: 2,
        usage: { inputTokens: 12_000, outputTokens: 345, costUsd: 0.4213, contextPercent: 83 },
      }),
      session({ id: 'b', name: 'beta', order: 2, status: 'offline', alive: false }),
    ])
    // What the card shows as usage is the core's cumulative figure (docs/usage.md).
    useAppStore.getState().setUsage({
      ...emptyUsage(),
      sessions: [
        {
          sessionId: 'a',
          total: {
            tokens: { input: 11_000, output: 345, cacheWrite: 500, cacheRead: 500 },
            costUsd: 0.4213,
            costEstimated: false,
          },
          context: { tokens: 166_000, percent: 83, windowSize: 200_000 },
          source: 'status-line',
          updatedAt: 1,
        },
      ],
    })
    render(<SessionList />)
    const [alpha, beta] = screen.getAllByTestId('session-card')
    expect(within(alpha).getByText('alpha')).toBeInTheDocument()
    expect(within(alpha).getByText('1')).toBeInTheDocument()
    expect(alpha).toHaveClass('status-working')
    expect(alpha.textContent).toMatch(/Using Bash/)
    expect(alpha.textContent).toMatch(/session \$0\.42 · 12k tok/)
    expect(alpha.textContent).toMatch(/ctx 83%/)
    expect(alpha.textContent).not.toMatch(/turn/)
    expect(alpha.textContent).toMatch(/fix the flaky test/)
    expect(within(alpha).getByTitle('Subagents running')).toHaveTextContent('2')
    expect(beta).toHaveClass('status-offline')
    expect(beta.textContent).toMatch(/Offline · restart to resume/)
    expect(screen.getByText('2 sessions, 1 working')).toBeInTheDocument()
  })

  it("say which usage is the session's running total and which is the turn's", () => {
    useAppStore.getState().setSessions([session({ id: 'a', name: 'alpha', status: 'working' })])
    const total = (costUsd: number, input: number) => ({
      tokens: { input, output: 0, cacheWrite: 0, cacheRead: 0 },
      costUsd,
      costEstimated: false,
    })
    const report = (turn: { endedAt?: number; costUsd: number; input: number }) => ({
      ...emptyUsage(),
      sessions: [
        {
          sessionId: 'a',
          total: total(1.5, 40_000),
          turn: { startedAt: 1, endedAt: turn.endedAt, usage: total(turn.costUsd, turn.input) },
          source: 'status-line' as const,
          updatedAt: 1,
        },
      ],
    })
    act(() => useAppStore.getState().setUsage(report({ costUsd: 0.25, input: 3_000 })))
    render(<SessionList />)
    const card = screen.getByTestId('session-card')
    expect(card.textContent).toMatch(/session \$1\.50 · 40k tok/)
    expect(within(card).getByTitle(/^The running turn/)).toHaveTextContent(/^turn \$0\.25$/)
    expect(card.textContent).not.toMatch(/last turn/)
    // The turn ended: its figure stays, named as the last turn's.
    act(() => useAppStore.getState().setUsage(report({ endedAt: 2, costUsd: 0.25, input: 3_000 })))
    expect(card.textContent).toMatch(/last turn \$0\.25/)
    // No cost known (a transcript-only session): the turn counts tokens.
    act(() => useAppStore.getState().setUsage(report({ endedAt: 2, costUsd: 0, input: 3_000 })))
    expect(card.textContent).toMatch(/last turn 3\.0k tok/)
  })

  it('an interrupted session leaves the working count and says so; finished is not trouble', () => {
    useAppStore
      .getState()
      .setSessions([
        session({ id: 'a', name: 'alpha', status: 'working', currentTool: 'Bash' }),
        session({ id: 'b', name: 'beta', order: 2, status: 'finished' }),
      ])
    render(<SessionList />)
    expect(screen.getByText('2 sessions, 1 working')).toBeInTheDocument()
    act(() =>
      useAppStore
        .getState()
        .setSessions([
          session({ id: 'a', name: 'alpha', status: 'interrupted' }),
          session({ id: 'b', name: 'beta', order: 2, status: 'finished' }),
        ]),
    )
    expect(screen.getByText('2 sessions')).toBeInTheDocument()
    const [alpha, beta] = screen.getAllByTestId('session-card')
    expect(alpha).toHaveClass('status-interrupted')
    expect(alpha.textContent).toMatch(/Interrupted/)
    expect(alpha.textContent).not.toMatch(/Using Bash/)
    expect(beta).toHaveClass('status-finished')
    expect(beta.textContent).toMatch(/Finished/)
    expect(beta.textContent).not.toMatch(/need/i)
  })

  it('a failed turn the CLI calls "unknown" reads as the API error it was', () => {
    // The real StopFailure payload as the adapter stores it (test/node/pipeline/status.test.ts
    // runs it through the adapter), folded by the shared lifecycle reducer.
    const real = (cliPayloads.payloads as Record<string, unknown>[]).find(
      (p) => p.hook_event_name === 'StopFailure' && p.error === 'unknown',
    )!
    const base = { sessionId: 'a', agent: 'claude' as const }
    const events: CanonicalEvent[] = [
      { ...base, id: 'p', ts: 1, type: 'prompt', text: 'go' },
      {
        ...base,
        id: 'f',
        ts: 2,
        type: 'stop.failure',
        error: 'unknown',
        details: String(real.last_assistant_message),
      },
    ]
    const fleet = advanceFleet({}, events, () => 'managed')
    useAppStore.getState().setSessions(sessionsAt([session({ id: 'a', name: 'alpha' })], fleet))
    render(<SessionList />)
    const card = screen.getByTestId('session-card')
    expect(card).toHaveClass('status-failed')
    expect(card.textContent).toMatch(/Failed: API Error: 400 The fake API refuses this request\./)
    expect(card.textContent).not.toMatch(/Failed: unknown/)
  })

  it('a pending permission request shows the session as waiting for that tool', () => {
    useAppStore.getState().setSessions([session({ id: 'a', status: 'working' })])
    useAppStore.getState().setPending([
      {
        id: 'r',
        sessionId: 'a',
        kind: 'permission',
        toolName: 'Bash',
        toolInput: {},
        createdAt: 1,
        expiresAt: Date.now() + 60_000,
      },
    ])
    render(<SessionList />)
    const card = screen.getByTestId('session-card')
    expect(card).toHaveClass('status-permission')
    expect(card.textContent).toMatch(/Waiting for permission: Bash/)
  })

  it('selecting a finished session filters the feed; the card keeps saying it finished', async () => {
    useAppStore.getState().setSessions([session({ id: 'a', status: 'finished' })])
    render(<SessionList />)
    await userEvent.click(screen.getByRole('button', { name: /^alpha, Finished/ }))
    expect(useAppStore.getState().selectedSessionId).toBe('a')
    expect(useAppStore.getState().feedFilter).toBe('a')
    expect(screen.getByTestId('session-card')).toHaveClass('status-finished')
  })

  it('number keys select sessions and Alt+↓ reorders through sessions.reorder', async () => {
    useAppStore
      .getState()
      .setSessions([
        session({ id: 'a', name: 'alpha' }),
        session({ id: 'b', name: 'beta', order: 2 }),
      ])
    render(<SessionList />)
    await userEvent.keyboard('2')
    expect(useAppStore.getState().selectedSessionId).toBe('b')
    await userEvent.keyboard('1')
    await userEvent.keyboard('{Alt>}{ArrowDown}{/Alt}')
    expect(invoke).toHaveBeenCalledWith('sessions.reorder', { ids: ['b', 'a'] })
  })

  it('renames through an in-app dialog from the context menu', async () => {
    useAppStore.getState().setSessions([session({ id: 'a', name: 'alpha' })])
    render(
      <>
        <SessionList />
        <SessionMenu />
        <DialogHost />
      </>,
    )
    await userEvent.click(screen.getByRole('button', { name: 'Actions for alpha' }))
    await userEvent.click(screen.getByRole('menuitem', { name: /Rename/ }))
    // Dialogs load with their own chunk: wait for it to show.
    const input = await screen.findByLabelText('Name')
    await userEvent.clear(input)
    await userEvent.type(input, 'gamma{Enter}')
    expect(invoke).toHaveBeenCalledWith('sessions.rename', { id: 'a', name: 'gamma' })
  })

  it('delete asks first and can remove the worktree', async () => {
    useAppStore.getState().setSessions([
      session({
        id: 'a',
        name: 'alpha',
        worktree: { path: '/w/alpha', branch: 'atelier/alpha' },
      }),
    ])
    render(<DialogHost />)
    act(() => useAppStore.getState().openDialog({ kind: 'delete', sessionId: 'a' }))
    await userEvent.click(await screen.findByRole('checkbox'))
    await userEvent.click(screen.getByRole('button', { name: 'Delete session' }))
    expect(invoke).toHaveBeenCalledWith('sessions.delete', { id: 'a', removeWorktree: true })
  })

  it('says what to do when there are no sessions', () => {
    render(<SessionList />)
    expect(screen.getByText('No sessions yet')).toBeInTheDocument()
  })
})
