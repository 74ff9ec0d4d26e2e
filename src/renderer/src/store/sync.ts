/**
 * Connects the transport to the store: loads the initial state, then applies pushes. On a
 * `resync` push or a reconnect it reloads everything, so a client that fell behind recovers.
 */
import type { CanonicalEvent } from '@shared/events'
import { connectCore, type Transport } from '../transport'
import { eventBus } from './event-bus'
import { useAppStore } from '.'
import { quotaNotice } from '../ui/fleet/quota-notice'
import { fleetNotices } from '../ui/fleet/fleet-notice'
import { jumpNext } from '../ui/attention/attention-actions'

/** History loaded at start for the feed and the scene. */
export const INITIAL_EVENT_PAGE = 500

export function startSync(transport: Transport): () => void {
  connectCore(transport.api)
  const store = useAppStore.getState
  useAppStore.setState({ runtime: transport.runtime })
  const offs: (() => void)[] = []

  const loadAll = async () => {
    const a = transport.api
    try {
      await a.invoke('events.subscribe', { sessions: 'all' })
      const [sessions, events, pending, tiles, hexes, settings] = await Promise.all([
        a.invoke('sessions.list', {}),
        a.invoke('events.list', { limit: INITIAL_EVENT_PAGE }),
        a.invoke('permissions.list', {}),
        a.invoke('tiles.list', {}),
        a.invoke('hexes.list', {}),
        a.invoke('settings.get', {}),
      ])
      store().setSessions(sessions.sessions)
      const ordered: CanonicalEvent[] = [...events.events].reverse()
      store().replaceEvents(ordered)
      eventBus.emit(ordered, true)
      store().setPending(pending.requests)
      store().setTiles(tiles.tiles)
      store().setHexes(hexes.hexes)
      store().setSettings(settings)
      const [usage, fleet, attention, hosts] = await Promise.all([
        a.invoke('usage.snapshot', {}),
        a.invoke('fleet.snapshot', {}),
        a.invoke('attention.list', {}),
        // Only the host picker and badges need it: a failure here must not fail the load.
        a.invoke('hosts.list', {}).catch(() => ({ hosts: [] })),
      ])
      store().setUsage(usage)
      store().setFleet(fleet)
      store().setAttention(attention.items)
      store().setHosts(hosts.hosts)
      for (const s of sessions.sessions) {
        if (s.kind === 'managed' || s.alive) {
          a.invoke('git.status', { sessionId: s.id })
            .then((g) => store().setGit(s.id, g))
            .catch(() => {})
        }
      }
    } catch (err) {
      store().toast(
        'error',
        `Could not load state: ${err instanceof Error ? err.message : String(err)}`,
      )
    }
  }
  /**
   * One reload at a time: asked for again while one runs (another resync, a reconnect), it runs
   * once more after it, never side by side — concurrent reloads of a page that fell behind only
   * add to what it has to catch up with.
   */
  let reloading: Promise<void> | null = null
  let reloadAgain = false
  const reload = (): Promise<void> => {
    if (reloading) {
      reloadAgain = true
      return reloading
    }
    reloading = loadAll().finally(() => {
      reloading = null
      if (reloadAgain) {
        reloadAgain = false
        void reload()
      }
    })
    return reloading
  }

  offs.push(
    transport.api.on('events', ({ events }) => {
      // While replaying, the workshop shows the past: live events wait for the return to live.
      if (store().replay) return store().holdLiveEvents(events)
      store().addEvents(events)
      eventBus.emit(events)
    }),
    transport.api.on('sessions', ({ sessions }) =>
      store().replay ? store().holdLiveSessions(sessions) : store().setSessions(sessions),
    ),
    transport.api.on('permissions', ({ requests }) => store().setPending(requests)),
    transport.api.on('git', ({ sessionId, status }) => store().setGit(sessionId, status)),
    transport.api.on('tiles', ({ tiles }) => store().setTiles(tiles)),
    transport.api.on('hexes', ({ hexes }) => store().setHexes(hexes)),
    transport.api.on('settings', (s) => store().setSettings(s)),
    transport.api.on('usage', (u) => {
      const notice = quotaNotice(store().usage, u)
      store().setUsage(u)
      if (notice) store().toast('info', notice)
    }),
    transport.api.on('fleet', (f) => {
      const notices = fleetNotices(
        store().fleet,
        f,
        (id) => store().sessions.find((s) => s.id === id)?.name ?? 'A session',
      )
      store().setFleet(f)
      for (const n of notices) store().toast('info', n)
    }),
    transport.api.on('attention', ({ items }) => store().setAttention(items)),
    // A host's link went down or came back: cards, zone labels and settings say so at once.
    transport.api.on('hosts', ({ hosts }) => store().setHosts(hosts)),
    transport.api.on('resync', () => void reload()),
    // From the desktop shell: a notification (its "Review…" button too), the tray or a second
    // launch asks for a session — show it, with the request it is waiting on in the dialog (not
    // an older one of another session, which the user would then answer instead).
    transport.api.on('focus', ({ sessionId }) => {
      store().selectSession(sessionId)
      const waiting = store()
        .pending.filter((r) => r.sessionId === sessionId)
        .sort((a, b) => a.createdAt - b.createdAt)[0]
      if (waiting) store().setFocusedRequestId(waiting.id)
      store().setPermissionDialogHidden(false)
    }),
    transport.api.on('notice', (notice) => store().receiveNotice(notice)),
    // The desktop shell's system-wide shortcut: the window is up, go to the next item.
    transport.api.on('jump', () => jumpNext()),
  )
  // The first open is covered by the initial load (invokes wait for it); later opens are
  // reconnects, after which pushes may have been missed.
  let wasOpen = transport.state() === 'open'
  let everOpened = wasOpen
  offs.push(
    transport.onState((s) => {
      store().setConnection(s)
      if (s === 'open' && !wasOpen && everOpened) void reload()
      if (s === 'open') everOpened = true
      wasOpen = s === 'open'
    }),
  )
  // Tell the core which session is on screen, so it does not notify about what the user sees.
  const reportFocus = () => {
    const windowFocused = document.hasFocus() && document.visibilityState === 'visible'
    transport.api
      .invoke('app.focus', {
        sessionId: store().selectedSessionId,
        ...(transport.runtime === 'headless' ? { windowFocused } : {}),
      })
      .catch(() => {})
  }
  offs.push(
    useAppStore.subscribe(
      (s, prev) => s.selectedSessionId !== prev.selectedSessionId && reportFocus(),
    ),
  )
  window.addEventListener('focus', reportFocus)
  window.addEventListener('blur', reportFocus)
  document.addEventListener('visibilitychange', reportFocus)
  offs.push(() => {
    window.removeEventListener('focus', reportFocus)
    window.removeEventListener('blur', reportFocus)
    document.removeEventListener('visibilitychange', reportFocus)
  })

  store().setConnection(transport.state())
  void reload()
  return () => offs.forEach((o) => o())
}
