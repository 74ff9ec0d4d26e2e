/** A fake transport for component tests: invoke answers from a table, pushes are manual. */
import { vi } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import type { Session } from '@shared/sessions'
import { DEFAULT_SETTINGS } from '@shared/settings'
import type { UsageSnapshot } from '@shared/usage'
import { IDLE_VOICE, useAppStore } from '../../../src/renderer/src/store'
import { startSync } from '../../../src/renderer/src/store/sync'
import { makeSession } from '../../support/session-fixture'

type Answer = (req: unknown) => unknown
export type Invoke = ReturnType<typeof vi.fn<(channel: string, req: unknown) => Promise<unknown>>>

/** Listens to a push stream (the fake transport's `on`); returns the unsubscribe function. */
export type Subscribe = (stream: string, cb: (data: never) => void) => () => void

export function installFakeApi(
  answers: Record<string, Answer> = {},
  on: Subscribe = () => () => {},
): Invoke {
  const defaults: Record<string, Answer> = {
    'events.subscribe': () => ({ ok: true, lastSeq: 0 }),
    // The initial load must not wipe what a test put in the store before it resolved.
    'sessions.list': () => ({ sessions: useAppStore.getState().sessions }),
    'events.list': () => ({ events: [...useAppStore.getState().events].reverse(), hasMore: false }),
    'permissions.list': () => ({ requests: useAppStore.getState().pending }),
    'tiles.list': () => ({ tiles: [] }),
    'hexes.list': () => ({ hexes: [] }),
    'settings.get': () => useAppStore.getState().settings ?? DEFAULT_SETTINGS,
    'git.status': () => {
      throw new Error('no git')
    },
    'usage.snapshot': () => useAppStore.getState().usage ?? emptyUsage(),
    'fleet.snapshot': () => useAppStore.getState().fleet ?? { sessions: [], queues: {} },
    'attention.list': () => ({ items: useAppStore.getState().attention }),
    'hosts.list': () => ({ hosts: useAppStore.getState().hosts }),
  }
  const table = { ...defaults, ...answers }
  const invoke: Invoke = vi.fn(async (channel: string, req: unknown) => {
    const answer = table[channel]
    if (!answer) return { ok: true }
    return answer(req)
  })
  startSync({
    api: { invoke: invoke as never, on: on as never, sendAudio: () => {} },
    onState: () => () => {},
    state: () => 'open',
    runtime: 'headless',
  })
  return invoke
}

/** Usage as a fresh core reports it: nothing used, no rate-limit window known. */
export function emptyUsage(): UsageSnapshot {
  const day = { day: '2026-12-01', costUsd: 0, tokens: 0 }
  return {
    sessions: [],
    quota: { windows: [], topConsumers: [], horizonMs: 3_600_000 },
    days: [day],
    repos: [],
    today: day,
  }
}

export function resetStore(): void {
  useAppStore.setState({
    sessions: [],
    events: [],
    eventIds: new Set(),
    eventsTextChars: 0,
    pending: [],
    dialogs: [],
    sessionMenu: null,
    selectedSessionId: null,
    feedFilter: null,
    toasts: [],
    updateReady: null,
    promptHistory: {},
    permissionDialogHidden: false,
    settings: DEFAULT_SETTINGS,
    focusedRequestId: null,
    voice: IDLE_VOICE,
    voiceIntent: null,
    usage: null,
    fleet: null,
    attention: [],
    hosts: [],
    attentionFocusId: null,
  })
}

let seq = 1
export function ev<T extends CanonicalEvent['type']>(
  type: T,
  fields: Record<string, unknown> = {},
): CanonicalEvent {
  const n = seq++
  return {
    id: `e${n}`,
    seq: n,
    sessionId: 's1',
    agent: 'claude',
    ts: 1_700_000_000_000 + n * 1000,
    type,
    ...fields,
  } as CanonicalEvent
}

export function session(fields: Partial<Session> = {}): Session {
  return makeSession(fields.id ?? 's1', {
    name: 'alpha',
    cwd: '/home/ana/src/alpha',
    createdAt: 1_700_000_000_000,
    lastActivity: Date.now(),
    order: 1,
    ...fields,
  })
}
