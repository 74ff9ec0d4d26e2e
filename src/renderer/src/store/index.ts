/**
 * The renderer's one zustand store, made of slices. Slow-changing state (sessions, settings,
 * pending requests) drives React; the fast event stream also goes to eventBus for the scene.
 */
import { create } from 'zustand'
import type { CanonicalEvent } from '@shared/events'
import type { GitStatus } from '@shared/git'
import type { PendingRequest } from '@shared/permissions'
import type { HexCoord, Session } from '@shared/sessions'
import type { Settings } from '@shared/settings'
import type { PaintedHex, TextTile } from '@shared/world'
import type { UsageSnapshot } from '@shared/usage'
import type { FleetSnapshot } from '@shared/fleet'
import type { AttentionItem } from '@shared/attention'
import type { HostEntry } from '@shared/hosts'
import type { ConnectionState } from '../transport'
import type { StreamPayload } from '@shared/contract'
import { eventTextChars, totalTextChars } from './event-size'
import { createReplaySlice, type ReplaySlice } from './replay-slice'

/** Whether the timeline was left open, kept in the window's storage like the panel's width. */
export const TIMELINE_OPEN_STORAGE_KEY = 'atelier.timelineOpen'
function readTimelineOpen(): boolean {
  try {
    return globalThis.localStorage?.getItem(TIMELINE_OPEN_STORAGE_KEY) === '1'
  } catch {
    return false
  }
}
function rememberTimelineOpen(open: boolean): void {
  try {
    globalThis.localStorage?.setItem(TIMELINE_OPEN_STORAGE_KEY, open ? '1' : '0')
  } catch {
    // Storage refused (a private window): the choice lasts for this window only.
  }
}

/** Events kept in memory for the feed; older ones are paged in from the store on demand. */
export const MAX_FEED_EVENTS = 20_000
/**
 * Characters of event text kept in memory for the feed (event-size.ts), whichever bound comes
 * first: 20,000 events of large tool output would otherwise hold hundreds of MB.
 */
export const MAX_FEED_TEXT_CHARS = 12_000_000

export interface UpdateReady {
  version: string
  releaseNotes: string | null
}

export interface Toast {
  id: number
  kind: 'error' | 'info' | 'success'
  text: string
}

/** A dialog on the renderer's dialog stack; Escape closes the top one. */
export type DialogRequest =
  | { kind: 'newSession'; zone?: HexCoord }
  | { kind: 'settings' }
  | { kind: 'about' }
  | { kind: 'shortcuts' }
  | { kind: 'zoneInfo'; sessionId: string }
  | { kind: 'rename'; sessionId: string }
  | { kind: 'delete'; sessionId: string }
  | { kind: 'usage' }
  | { kind: 'rules'; sessionId: string }
  | { kind: 'replayExport' }

export interface SessionMenuRequest {
  sessionId: string
  /** Viewport coordinates in px. */
  x: number
  y: number
}

/** Where push-to-talk is: capturing, waiting for the provider's last words, or failed. */
export type VoicePhase = 'idle' | 'starting' | 'listening' | 'finishing' | 'error'

export interface VoiceState {
  phase: VoicePhase
  /** Wall-clock start of the capture (for the elapsed time). */
  startedAt: number | null
  /** The session the dictation goes to (the selected one when capture started). */
  sessionId: string | null
  /** Confirmed words of this capture, then the words still being recognised. */
  finals: string
  interim: string
  /** The microphone is open right now (the capture indicator). */
  micLive: boolean
  /** The last failure, shown in the prompt bar until the next capture or a dismiss. */
  error: string | null
}

/** A spoken command or addressed prompt, shown for a moment before it acts (any key cancels). */
export type VoiceIntent =
  | { kind: 'command'; command: string; itemId: string; label: string; deadline: number }
  | { kind: 'send'; sessionId: string; sessionName: string; text: string; deadline: number }

export const IDLE_VOICE: VoiceState = {
  phase: 'idle',
  startedAt: null,
  sessionId: null,
  finals: '',
  interim: '',
  micLive: false,
  error: null,
}

/** Prompts remembered per session for the prompt bar's up/down history. */
export const MAX_PROMPT_HISTORY = 100

export interface AppState {
  connection: ConnectionState
  runtime: 'electron' | 'headless'
  sessions: Session[]
  /** Feed events, oldest first, bounded by MAX_FEED_EVENTS and MAX_FEED_TEXT_CHARS. */
  events: CanonicalEvent[]
  eventIds: Set<string>
  /** Text characters of `events` (event-size.ts). */
  eventsTextChars: number
  pending: PendingRequest[]
  git: Record<string, GitStatus>
  tiles: TextTile[]
  hexes: PaintedHex[]
  settings: Settings | null
  selectedSessionId: string | null
  feedFilter: string | null
  toasts: Toast[]
  /** A downloaded update waiting for a restart (desktop only); stays until installed or dismissed. */
  updateReady: UpdateReady | null
  /** Set when the feed should scroll to and highlight one event (search result). */
  focusEventId: string | null
  /** Open dialogs, bottom first. */
  dialogs: DialogRequest[]
  /** The session context menu, when open. */
  sessionMenu: SessionMenuRequest | null
  /** Compact mode hides the 3D scene; the side panel fills the window. */
  compact: boolean
  /** The terminal panel for the selected managed session is shown. */
  terminalOpen: boolean
  /** The timeline under the workshop is shown (remembered across launches). */
  timelineOpen: boolean
  /** The permission dialog was dismissed with Escape; it reopens when a new request arrives. */
  permissionDialogHidden: boolean
  /** Sent prompts per session id, oldest first. */
  promptHistory: Record<string, string[]>
  /** The feed shows a page of old events (after jumping to a search hit far back). */
  feedHistoryMode: boolean
  /** The request the permission dialog shows (voice commands act on it); null = the oldest. */
  focusedRequestId: string | null
  voice: VoiceState
  voiceIntent: VoiceIntent | null
  /** Usage per session and day, the rate-limit windows and their forecast (null until loaded). */
  usage: UsageSnapshot | null
  /** Session policies and holds, and the prompt queues. */
  fleet: FleetSnapshot | null
  /** The attention queue, in order (the core's). */
  attention: AttentionItem[]
  /** Remote hosts with their health (hosts.list), for the host picker, badges and settings. */
  hosts: HostEntry[]
  /** The queue item the jump key went to last: the next press moves past it. */
  attentionFocusId: string | null
}

export interface AppActions {
  setConnection(c: ConnectionState): void
  setSessions(s: Session[]): void
  addEvents(events: CanonicalEvent[]): void
  replaceEvents(events: CanonicalEvent[]): void
  prependEvents(events: CanonicalEvent[]): void
  /** Adds events from anywhere in history (older pages, a filtered page) keeping seq order. */
  mergeEvents(events: CanonicalEvent[]): void
  setPending(p: PendingRequest[]): void
  setGit(sessionId: string, status: GitStatus): void
  setTiles(t: TextTile[]): void
  setHexes(h: PaintedHex[]): void
  setSettings(s: Settings): void
  selectSession(id: string | null): void
  setFeedFilter(id: string | null): void
  toast(kind: Toast['kind'], text: string): void
  dismissToast(id: number): void
  /** A notice from the desktop shell: shown as a toast; an update also stays in the top bar. */
  receiveNotice(notice: StreamPayload<'notice'>): void
  dismissUpdate(): void
  focusEvent(id: string | null): void
  openDialog(d: DialogRequest): void
  /** Closes the top-most dialog; returns false when none was open. */
  closeDialog(): boolean
  openSessionMenu(m: SessionMenuRequest | null): void
  setCompact(on: boolean): void
  setTerminalOpen(on: boolean): void
  setTimelineOpen(on: boolean): void
  setPermissionDialogHidden(hidden: boolean): void
  rememberPrompt(sessionId: string, text: string): void
  setFeedHistoryMode(on: boolean): void
  setFocusedRequestId(id: string | null): void
  setVoice(patch: Partial<VoiceState>): void
  setVoiceIntent(intent: VoiceIntent | null): void
  setUsage(u: UsageSnapshot): void
  setFleet(f: FleetSnapshot): void
  setAttention(items: AttentionItem[]): void
  setHosts(hosts: HostEntry[]): void
  setAttentionFocus(id: string | null): void
}

let toastSeq = 1

export const useAppStore = create<AppState & AppActions & ReplaySlice>()((set, get) => ({
  ...createReplaySlice(set, get),
  connection: 'connecting',
  runtime: 'headless',
  sessions: [],
  events: [],
  eventIds: new Set(),
  eventsTextChars: 0,
  pending: [],
  git: {},
  tiles: [],
  hexes: [],
  settings: null,
  selectedSessionId: null,
  feedFilter: null,
  toasts: [],
  updateReady: null,
  focusEventId: null,
  dialogs: [],
  sessionMenu: null,
  compact: false,
  terminalOpen: false,
  timelineOpen: readTimelineOpen(),
  permissionDialogHidden: false,
  promptHistory: {},
  feedHistoryMode: false,
  focusedRequestId: null,
  voice: IDLE_VOICE,
  voiceIntent: null,
  usage: null,
  fleet: null,
  attention: [],
  hosts: [],
  attentionFocusId: null,

  setConnection: (connection) => set({ connection }),
  setSessions: (sessions) => {
    const { selectedSessionId: sel, feedFilter, sessions: prev, events, git, promptHistory } = get()
    const ids = new Set(sessions.map((s) => s.id))
    // A deleted session leaves the in-memory feed, git cache, prompt history and feed filter too
    // (its history stays in the store and search); long-running windows keep no dead sessions.
    const removed = prev.filter((s) => !ids.has(s.id)).map((s) => s.id)
    const pruned =
      removed.length === 0
        ? {}
        : (() => {
            const gone = new Set(removed)
            const kept = events.filter((e) => !gone.has(e.sessionId))
            const nextGit = { ...git }
            const nextHistory = { ...promptHistory }
            for (const id of removed) {
              delete nextGit[id]
              delete nextHistory[id]
            }
            return {
              events: kept,
              eventIds: new Set(kept.map((e) => e.id)),
              eventsTextChars: totalTextChars(kept),
              git: nextGit,
              promptHistory: nextHistory,
              ...(feedFilter && gone.has(feedFilter) ? { feedFilter: null } : {}),
            }
          })()
    set({
      sessions,
      ...pruned,
      ...(sel && !ids.has(sel) ? { selectedSessionId: null } : {}),
    })
  },
  addEvents: (incoming) => {
    const { events, eventIds, eventsTextChars } = get()
    const fresh = incoming.filter((e) => !eventIds.has(e.id))
    if (fresh.length === 0) return
    let next = events.concat(fresh)
    const ids = new Set(eventIds)
    let chars = eventsTextChars
    for (const e of fresh) {
      ids.add(e.id)
      chars += eventTextChars(e)
    }
    // The newest event always stays, however large.
    let drop = 0
    while (
      drop < next.length - 1 &&
      (next.length - drop > MAX_FEED_EVENTS || chars > MAX_FEED_TEXT_CHARS)
    ) {
      ids.delete(next[drop].id)
      chars -= eventTextChars(next[drop])
      drop++
    }
    if (drop > 0) next = next.slice(drop)
    set({ events: next, eventIds: ids, eventsTextChars: chars })
  },
  replaceEvents: (events) =>
    set({
      events,
      eventIds: new Set(events.map((e) => e.id)),
      eventsTextChars: totalTextChars(events),
    }),
  prependEvents: (older) => {
    const { events, eventIds, eventsTextChars } = get()
    const fresh = older.filter((e) => !eventIds.has(e.id))
    const ids = new Set(eventIds)
    for (const e of fresh) ids.add(e.id)
    set({
      events: fresh.concat(events),
      eventIds: ids,
      eventsTextChars: eventsTextChars + totalTextChars(fresh),
    })
  },
  mergeEvents: (incoming) => {
    const { events, eventIds, eventsTextChars } = get()
    const fresh = incoming.filter((e) => !eventIds.has(e.id))
    if (fresh.length === 0) return
    const ids = new Set(eventIds)
    for (const e of fresh) ids.add(e.id)
    // Events not yet persisted have no seq; they are the newest, so they sort last.
    const order = (e: CanonicalEvent) => e.seq ?? Number.MAX_SAFE_INTEGER
    const next = events.concat(fresh).sort((a, b) => order(a) - order(b) || a.ts - b.ts)
    set({ events: next, eventIds: ids, eventsTextChars: eventsTextChars + totalTextChars(fresh) })
  },
  setPending: (pending) => {
    const known = new Set(get().pending.map((p) => p.id))
    const hasNew = pending.some((p) => !known.has(p.id))
    set({ pending, ...(hasNew ? { permissionDialogHidden: false } : {}) })
  },
  setGit: (sessionId, status) => set({ git: { ...get().git, [sessionId]: status } }),
  setTiles: (tiles) => set({ tiles }),
  setHexes: (hexes) => set({ hexes }),
  setSettings: (settings) => set({ settings }),
  selectSession: (selectedSessionId) => set({ selectedSessionId }),
  setFeedFilter: (feedFilter) => set({ feedFilter }),
  toast: (kind, text) => {
    const id = toastSeq++
    set({ toasts: [...get().toasts.slice(-4), { id, kind, text }] })
    window.setTimeout(() => get().dismissToast(id), kind === 'error' ? 6000 : 3000)
  },
  dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
  receiveNotice: (notice) => {
    if (notice.kind === 'update-ready')
      set({ updateReady: { version: notice.version, releaseNotes: notice.releaseNotes } })
    get().toast('info', notice.message)
  },
  dismissUpdate: () => set({ updateReady: null }),
  focusEvent: (focusEventId) => set({ focusEventId }),
  openDialog: (d) => {
    // One dialog of a kind at a time: reopening moves it to the top instead of stacking a copy.
    const rest = get().dialogs.filter((o) => o.kind !== d.kind)
    set({ dialogs: [...rest, d], sessionMenu: null })
  },
  closeDialog: () => {
    const { dialogs } = get()
    if (dialogs.length === 0) return false
    set({ dialogs: dialogs.slice(0, -1) })
    return true
  },
  // An opened replay file's sessions are not this machine's: nothing to rename, restart or delete.
  openSessionMenu: (sessionMenu) => set({ sessionMenu: get().replay?.file ? null : sessionMenu }),
  setCompact: (compact) => set({ compact }),
  setTerminalOpen: (terminalOpen) => set({ terminalOpen }),
  setTimelineOpen: (timelineOpen) => {
    rememberTimelineOpen(timelineOpen)
    set({ timelineOpen })
  },
  setPermissionDialogHidden: (permissionDialogHidden) => set({ permissionDialogHidden }),
  rememberPrompt: (sessionId, text) => {
    const prev = get().promptHistory[sessionId] ?? []
    const next = (prev[prev.length - 1] === text ? prev : [...prev, text]).slice(
      -MAX_PROMPT_HISTORY,
    )
    set({ promptHistory: { ...get().promptHistory, [sessionId]: next } })
  },
  setFeedHistoryMode: (feedHistoryMode) => set({ feedHistoryMode }),
  setFocusedRequestId: (focusedRequestId) => set({ focusedRequestId }),
  setVoice: (patch) => set({ voice: { ...get().voice, ...patch } }),
  setVoiceIntent: (voiceIntent) => set({ voiceIntent }),
  setUsage: (usage) => set({ usage }),
  setFleet: (fleet) => set({ fleet }),
  setAttention: (attention) => set({ attention }),
  setHosts: (hosts) => set({ hosts }),
  setAttentionFocus: (attentionFocusId) => set({ attentionFocusId }),
}))
