import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { type CanonicalEvent } from '@shared/events'
import { EVENT_TYPES } from '../../support/event-types'
import { buildFeed } from '../../../src/renderer/src/ui/feed/feed-model'
import { FeedRowView } from '../../../src/renderer/src/ui/feed/FeedRowView'
import { Feed } from '../../../src/renderer/src/ui/feed/Feed'
import { useAppStore } from '../../../src/renderer/src/store'
import { ev, installFakeApi, resetStore } from '../support/ui-harness'
import { truncationMarker } from '@shared/truncation'

function renderRows(events: CanonicalEvent[]) {
  const { rows } = buildFeed(events)
  return render(
    <div>
      {rows.map((row) => (
        <div key={row.key} data-testid="row" data-kind={row.kind}>
          <FeedRowView
            row={row}
            sessionName="alpha"
            color="#22d3ee"
            showSession={false}
            expanded={false}
            onToggle={() => {}}
          />
        </div>
      ))}
    </div>,
  )
}

/** One example of every canonical event type, with what its row must show. */
const EXAMPLES: Record<
  CanonicalEvent['type'],
  { fields: Record<string, unknown>; shows: RegExp | null }
> = {
  'session.start': {
    fields: { source: 'resume', model: 'claude-opus' },
    shows: /Session started \(resume\) · claude-opus/,
  },
  'session.end': {
    fields: { reason: 'prompt_input_exit' },
    shows: /Session ended \(prompt_input_exit\)/,
  },
  interrupt: { fields: { by: 'app' }, shows: /Interrupted from Atelier/ },
  'process.exit': {
    fields: { code: null, signal: 'SIGKILL' },
    shows: /Claude Code was killed \(SIGKILL\)/,
  },
  'permission.decision': {
    fields: { requestId: 'r', tool: 'Bash', outcome: 'deny', by: 'app', reason: 'not in prod' },
    shows: /Denied Bash from Atelier: not in prod/,
  },
  prompt: { fields: { text: 'refactor the parser' }, shows: /refactor the parser/ },
  'subagent.result': {
    fields: {
      subagentId: 'a1',
      status: 'failed',
      summary: 'Agent "probe" failed',
      result: 'no access',
    },
    shows: /Subagent result \(failed\): Agent "probe" failed/,
  },
  'claude.notice': {
    fields: { kind: 'compact-summary', text: 'This session is being continued…' },
    shows: /continued the conversation after compaction/,
  },
  'tool.start': {
    fields: { toolUseId: 't1', tool: 'Bash', input: { command: 'npm test' } },
    shows: /npm test/,
  },
  'tool.end': {
    fields: {
      toolUseId: 't9',
      tool: 'Grep',
      input: { pattern: 'TODO' },
      success: true,
      output: 'a.ts\nb.ts',
      durationMs: 12,
    },
    shows: /Pattern: TODO/,
  },
  'tool.batch': { fields: { toolUseIds: ['t1', 't2'] }, shows: null },
  'permission.request': {
    fields: { requestId: 'r1', tool: 'Write', input: { file_path: '/x/notes.md' } },
    shows: /Asked to use Write: \/x\/notes.md/,
  },
  notification: {
    fields: { kind: 'auth_success', message: 'Signed in' },
    shows: /Signed in/,
  },
  'assistant.text': {
    fields: { text: 'Looking at **the code**', messageId: 'm1' },
    shows: /Looking at the code/,
  },
  'subagent.start': {
    fields: { subagentId: 'a1', subagentType: 'Explore' },
    shows: /Subagent Explore started/,
  },
  'subagent.stop': {
    fields: { subagentId: 'a1', subagentType: 'Explore', text: 'found it' },
    shows: /Subagent Explore finished/,
  },
  stop: { fields: { text: 'All done here.' }, shows: /All done here\./ },
  'stop.failure': {
    fields: { error: 'rate_limit', details: '429 Too Many Requests' },
    shows: /Turn failed: rate_limit[\s\S]*429 Too Many Requests/,
  },
  compact: { fields: { phase: 'pre', trigger: 'manual' }, shows: /Compacting context \(manual\)/ },
  generic: { fields: { hookEvent: 'CwdChanged', raw: { cwd: '/y' } }, shows: /CwdChanged/ },
}

describe('feed rows', () => {
  afterEach(cleanup)

  it.each(EVENT_TYPES)('renders a %s event', async (type) => {
    const example = EXAMPLES[type]
    const { container } = renderRows([ev(type, example.fields)])
    if (example.shows === null)
      expect(container.querySelectorAll('[data-testid="row"]')).toHaveLength(0)
    // Markdown rows show their text as typed until the parser's chunk is there.
    else await vi.waitFor(() => expect(container.textContent).toMatch(example.shows!))
  })

  it('an interrupt ends the open tool rows as interrupted and says who stopped the turn', () => {
    const events = [
      ev('prompt', { text: 'build it' }),
      ev('tool.start', { toolUseId: 'u1', tool: 'Bash', input: { command: 'make' } }),
      ev('interrupt', { by: 'app' }),
    ]
    const view = renderRows(events)
    expect(view.container.querySelector('[data-tool-state]')).toHaveAttribute(
      'data-tool-state',
      'interrupted',
    )
    expect(view.getByLabelText('interrupted')).toBeInTheDocument()
    expect(view.container.textContent).toMatch(/Interrupted from Atelier/)
  })

  it('the idle notice a minute after a finished turn is not worded as waiting for the user', () => {
    const view = renderRows([
      ev('stop', { text: 'Done.' }),
      ev('notification', { kind: 'idle_prompt', message: 'Claude is waiting for your input' }),
    ])
    expect(view.container.textContent).toMatch(/Idle, ready for a prompt/)
    expect(view.container.textContent).not.toMatch(/waiting for your input/)
  })

  it('a subagent’s result reads as that subagent’s result, never as a prompt from You', () => {
    const view = renderRows([
      ev('prompt', { text: 'send a subagent to look around' }),
      ev('subagent.start', { subagentId: 'a8c4', subagentType: 'general-purpose' }),
      ev('subagent.stop', { subagentId: 'a8c4', subagentType: 'general-purpose' }),
      ev('subagent.result', {
        subagentId: 'a8c4',
        status: 'completed',
        summary: 'Agent "Look around the repo" finished',
        result: 'The repo has two packages.',
      }),
    ])
    const rows = view.getAllByTestId('row')
    const last = rows[rows.length - 1]!
    // Named after the subagent its SubagentStart announced.
    expect(last.textContent).toMatch(
      /Subagent general-purpose result: Agent "Look around the repo" finished/,
    )
    expect(last).toHaveAttribute('data-kind', 'lifecycle')
    expect(last.textContent).not.toMatch(/You/)
    // Its report is one click away.
    expect(within(last).getByText('Show details')).toBeInTheDocument()
    // One "You" row: the prompt the user typed.
    expect(view.container.querySelectorAll('[data-kind="prompt"]')).toHaveLength(1)
    expect(view.getAllByText('You')).toHaveLength(1)
  })

  it('a denied call reads denied, with who denied it and why', () => {
    const view = renderRows([
      ev('tool.start', { toolUseId: 'u1', tool: 'Bash', input: { command: 'rm -rf /' } }),
      ev('permission.request', { requestId: 'r', tool: 'Bash', input: { command: 'rm -rf /' } }),
      ev('permission.decision', {
        requestId: 'r',
        tool: 'Bash',
        outcome: 'deny',
        by: 'app',
        reason: 'no',
      }),
    ])
    expect(view.container.querySelector('[data-tool-state]')).toHaveAttribute(
      'data-tool-state',
      'denied',
    )
    expect(view.container.textContent).toMatch(/Denied Bash from Atelier: no/)
  })

  it('a turn that ends with calls still open (their ends lost) stops their spinners', () => {
    const view = renderRows([
      ev('tool.start', { toolUseId: 'u1', tool: 'Read', input: { file_path: '/a' } }),
      ev('stop', {}),
    ])
    expect(view.container.querySelector('[data-tool-state]')).toHaveAttribute(
      'data-tool-state',
      'interrupted',
    )
  })

  it('pairs a tool start and end into one row that goes running → done with a duration', () => {
    const start = ev('tool.start', { toolUseId: 'u1', tool: 'Bash', input: { command: 'ls' } })
    let view = renderRows([start])
    expect(view.container.querySelector('[data-tool-state]')).toHaveAttribute(
      'data-tool-state',
      'running',
    )
    cleanup()
    const end = ev('tool.end', {
      toolUseId: 'u1',
      tool: 'Bash',
      input: { command: 'ls' },
      success: true,
      output: { stdout: 'file.txt', stderr: '' },
      durationMs: 1234,
    })
    view = renderRows([start, end])
    expect(view.getAllByTestId('row')).toHaveLength(1)
    expect(view.container.querySelector('[data-tool-state]')).toHaveAttribute(
      'data-tool-state',
      'done',
    )
    expect(view.container.textContent).toMatch(/1\.2s/)
    expect(view.container.textContent).toMatch(/file\.txt/)
  })

  it('says a 20 MiB Write was stored cut short (the shape large-bodies.test.ts stores)', () => {
    const MiB = 1024 * 1024
    const kept = 'line of generated text\n'.repeat(1400) // about the 32 K the core keeps
    const stored = kept + truncationMarker(20 * MiB)
    const input = { file_path: '/tmp/demo/generated.txt', content: stored }
    const events = [
      ev('tool.start', { toolUseId: 'big', tool: 'Write', input }),
      ev('tool.end', {
        toolUseId: 'big',
        tool: 'Write',
        input,
        success: true,
        output: { type: 'create', filePath: input.file_path, content: stored },
      }),
    ]
    const { container } = renderRows(events)
    expect(container.querySelector('.badge.truncated')?.textContent).toBe('… 20.0 MiB, truncated')
    // Expanded, the content block shows the start of the file, not the storage marker.
    cleanup()
    const { rows } = buildFeed(events)
    const view = render(
      <FeedRowView
        row={rows[0]}
        sessionName="alpha"
        color="#22d3ee"
        showSession={false}
        expanded={true}
        onToggle={() => {}}
      />,
    )
    const blocks = [...view.container.querySelectorAll('pre.code')].map((p) => p.textContent)
    expect(blocks).toContain(`${kept.slice(0, 500)}…`)
    expect(blocks.some((b) => b?.includes('bytes in full'))).toBe(false)
    expect(view.container.textContent).toContain('… 20.0 MiB, truncated')
  })

  it('shows a failed tool in the failure state with its error', () => {
    const start = ev('tool.start', { toolUseId: 'u2', tool: 'Read', input: { file_path: '/a' } })
    const end = ev('tool.end', {
      toolUseId: 'u2',
      tool: 'Read',
      input: { file_path: '/a' },
      success: false,
      error: 'No such file',
    })
    const { container } = renderRows([start, end])
    expect(container.querySelector('[data-tool-state]')).toHaveAttribute(
      'data-tool-state',
      'failed',
    )
    expect(container.querySelector('.tone-err')).not.toBeNull()
    expect(container.textContent).toMatch(/No such file/)
  })

  it('joins streamed assistant deltas with one message id and collapses text over 400 characters', () => {
    const long = 'word '.repeat(100)
    const { rows } = buildFeed([
      ev('assistant.text', { text: long, messageId: 'm', final: false }),
      ev('assistant.text', { text: 'tail', messageId: 'm', final: true }),
    ])
    expect(rows).toHaveLength(1)
    expect(rows[0].kind === 'assistant' && rows[0].text.endsWith('tail')).toBe(true)
    render(
      <FeedRowView
        row={rows[0]}
        sessionName="a"
        color="#fff"
        showSession={false}
        expanded={false}
        onToggle={() => {}}
      />,
    )
    expect(screen.getByRole('button', { name: 'Show more' })).toBeInTheDocument()
  })

  it('turns a Stop that repeats the last assistant message into a "Finished" marker', () => {
    const { rows } = buildFeed([
      ev('assistant.text', { text: 'Done.', messageId: 'x' }),
      ev('stop', { text: 'Done.' }),
    ])
    expect(rows.map((r) => r.kind)).toEqual(['assistant', 'stop'])
  })

  it('a turn’s last text stored just after its Stop joins the response, not repeated after it', () => {
    const { rows } = buildFeed([
      ev('prompt', { text: 'go' }),
      ev('stop', { text: 'All done: 3 files changed.' }),
      ev('assistant.text', { text: 'All done: 3 files changed.', messageId: 'late' }),
    ])
    expect(rows.map((r) => r.kind)).toEqual(['prompt', 'response'])
    // The next turn's text is its own row again.
    const next = buildFeed([
      ev('stop', { text: 'All done.' }),
      ev('prompt', { text: 'again' }),
      ev('assistant.text', { text: 'All done.', messageId: 'new' }),
    ])
    expect(next.rows.map((r) => r.kind)).toEqual(['response', 'prompt', 'assistant'])
  })

  it('filters by session', () => {
    const { rows } = buildFeed(
      [ev('prompt', { text: 'a', sessionId: 's1' }), ev('prompt', { text: 'b', sessionId: 's2' })],
      's2',
    )
    expect(rows).toHaveLength(1)
    expect(rows[0].sessionId).toBe('s2')
  })
})

describe('Feed (virtualised)', () => {
  beforeEach(() => {
    resetStore()
    installFakeApi()
    // happy-dom has no layout: give the scroller a viewport so the virtualiser renders a window.
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({
      x: 0,
      y: 0,
      top: 0,
      left: 0,
      bottom: 600,
      right: 400,
      width: 400,
      height: 600,
      toJSON: () => ({}),
    })
    vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(600)
    vi.spyOn(HTMLElement.prototype, 'offsetWidth', 'get').mockReturnValue(400)
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600)
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(400)
  })
  afterEach(() => {
    cleanup()
    vi.restoreAllMocks()
  })

  it('keeps only a window of 100,000 rows in the DOM', async () => {
    const events: CanonicalEvent[] = Array.from({ length: 100_000 }, (_, i) =>
      ev('prompt', { text: `prompt number ${i}` }),
    )
    useAppStore.getState().replaceEvents(events)
    render(<Feed />)
    const items = await screen.findAllByTestId('feed-item')
    expect(items.length).toBeGreaterThan(0)
    expect(items.length).toBeLessThan(100)
  })

  it('says what to do next when there is nothing to show', () => {
    render(<Feed />)
    expect(screen.getByText(/No activity yet/)).toHaveTextContent(
      /Press N to start a session, or install global hooks in Settings/,
    )
  })

  it('jumps to latest on request and offers search results that focus the event', async () => {
    const invoke = installFakeApi({
      'events.search': () => ({
        results: [
          { event: ev('prompt', { id: 'hit', text: 'the needle' }), snippet: 'the [needle]' },
        ],
      }),
      'events.list': () => ({ events: [], hasMore: false }),
    })
    const { FeedSearch } = await import('../../../src/renderer/src/ui/feed/FeedSearch')
    render(<FeedSearch />)
    await userEvent.type(screen.getByLabelText('Search events'), 'needle')
    const hit = await screen.findByRole('option')
    expect(hit.querySelector('mark')).toHaveTextContent('needle')
    await act(async () => hit.click())
    expect(invoke).toHaveBeenCalledWith(
      'events.search',
      expect.objectContaining({ query: 'needle' }),
    )
    expect(
      useAppStore.getState().eventIds.has('hit') || useAppStore.getState().focusEventId === 'hit',
    ).toBe(true)
  })
})
