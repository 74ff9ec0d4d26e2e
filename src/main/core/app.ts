/**
 * The composition root: builds one core (store, registry, ingest, hub, HTTP server, services)
 * for a data folder. The Electron shell and headless mode both call createCore; nothing here
 * knows which one is running it.
 */
import { statSync } from 'node:fs'
import { platform } from 'node:os'
import { join } from 'node:path'
import type { WebSocket } from 'ws'
import type { StreamName } from '@shared/contract'
import type { CanonicalEvent } from '@shared/events'
import type { Settings, SettingsPatch } from '@shared/settings'
import { openDatabase, DB_FILE_NAME, type Db } from './store/db'
import { EventStore } from './store/event-store'
import { SessionStore } from './store/session-store'
import { SettingsStore } from './store/settings-store'
import { WorldStore } from './store/world-store'
import { SessionRegistry } from './sessions/registry'
import { ReplayService } from './replay/replay-service'
import { Hub } from './events/hub'
import { Ingest } from './events/ingest'
import { claudeAdapter } from './agents/claude/adapter'
import { Metrics } from './metrics/metrics'
import { createDispatcher, type Dispatch } from './api/dispatcher'
import { createHandlers } from './api/handlers'
import { HttpServer } from './http/server'
import { attachWebSocketClient } from './http/ws-transport'
import { AccessControl } from './auth/access'
import { hookSocketPath } from './http/hook-socket'
import { lastHookTlsPort, loadOrCreateHookTls, rememberHookTlsPort } from './auth/hook-tls'
import { folderSuggestions } from './util/autocomplete'
import {
  defaultSettingsFile,
  globalHooks,
  refreshGlobalHooks,
  stableRuntimePath,
} from './agents/claude/global-hooks'
import { writeFileSync } from 'node:fs'
import { hookUrl } from './agents/hook-routes'
import { OBSERVER_TOKEN_FILE } from './util/token'
import type { AuthApi, CoreServices } from './services'
import type { CoreProbe } from './probe'
import type { RateLimit } from './http/rate-limit'
import { PermissionBroker } from './permissions/broker'
import { RuleLedger } from './permissions/rule-ledger'
import { NotificationCenter } from './notify/notification-center'
import type { TrayState } from './notify/tray-model'
import { TrayFeed } from './notify/tray-feed'
import { SessionManager, type HookTransport } from './sessions/manager'
import { createPtyBackend } from './sessions/backends/pty'
import { createTmuxBackend } from './sessions/backends/tmux'
import { findOnPath } from './util/find-on-path'
import { createFileLogger, LOG_FILE_NAME, type Logger } from './log/logger'
import { CommitRecorder, GitService } from './git'
import { CommitStore } from './store/commit-store'
import { ApiError } from '@shared/contract/define'
import { VoiceKeyStore, type SecretCipher } from './voice/key-store'
import { VoiceService } from './voice/voice-service'
import { createDeepgramProvider } from './voice/deepgram'
import { systemClock, type Clock } from './util/clock'
import { claudeConfigDir } from './agents/claude/transcripts'
import { UsageStore } from './usage/usage-store'
import { UsageService } from './usage/usage-service'
import { PolicyStore } from './fleet/policy-store'
import { FleetService } from './fleet/fleet-service'
import { PromptStore } from './prompts/prompt-store'
import { PromptQueue } from './prompts/prompt-queue'
import { promptGate } from './prompts/gate'
import { AttentionStore } from './attention/attention-store'
import { AttentionService } from './attention/attention-service'
import { HostService } from './remote/host-service'
import { createSshBackend, remoteFolderSuggestions, type ClaimedSpool } from './remote/ssh-backend'
import { HostObservation, OBSERVED_SPOOL_ID } from './remote/host-observe'
import { HostGitPlaces } from './remote/host-git'

export const STATUS_SWEEP_INTERVAL_MS = 5_000
export const ACTIVITY_FLUSH_INTERVAL_MS = 1_000
/**
 * Events of a re-adopted session folded to find the turn it may still be in: more than one turn
 * holds; a longer turn is picked up mid-way, from its calls still open.
 */
const RESUME_HISTORY_EVENTS = 500

export interface CoreOptions {
  dataDir: string
  runtime: 'electron' | 'headless'
  version: string
  /** Overrides the hookPort setting; 0 picks a free port. */
  port?: number
  /** Built renderer to serve over HTTP (headless mode). */
  rendererDir?: string
  /** The app's log (atelier.log); by default one at <dataDir>/logs/atelier.log, info level. */
  logger?: Logger
  rateLimits?: { app: RateLimit; session: RateLimit }
  /** Electron passes its validated shell.openExternal chokepoint; headless mode refuses. */
  openExternal?: (target: string) => void
  /** Electron passes its save dialog; headless mode refuses (the page downloads instead). */
  chooseSavePath?: (suggestedName: string) => Promise<string | null>
  /** Prometheus process metrics (off in tests that create many cores). */
  processMetrics?: boolean
  /**
   * Folder of the built entry scripts (out/main), which the entries pass as their __dirname: the
   * hook shim and the event-writer thread are bundled there, not beside the core's chunk.
   */
  mainDir?: string
  /** The hook shim; defaults to `<mainDir>/hook-shim.js`. */
  shimPath?: string
  /**
   * The event-writer thread's script; defaults to `<mainDir>/event-writer.js`. Without either,
   * events are committed on the core's own thread.
   */
  writerScript?: string
  /** Observation points for tests and benchmarks (see probe.ts); the app passes none. */
  probe?: CoreProbe
  /** ~/.claude/settings.json, overridable for tests. */
  claudeSettingsFile?: string
  /** The desktop shell's OS-keychain cipher (Electron safeStorage) for voice API keys. */
  secretCipher?: SecretCipher
  /** The time source of the quota forecast and parking; tests pass a fake clock. */
  clock?: Clock
}

export interface Core {
  dispatch: Dispatch
  /** Registers a UI client; returns the function that disconnects it. */
  connect(clientId: string, push: (stream: StreamName, data: unknown) => void): () => void
  close(): Promise<void>
  info: {
    hookUrl: string
    /** The Unix socket serving the hook routes (shims, remote tunnels). */
    hookSocket: string
    /** The current app token (it changes when rotated). */
    readonly token: string
    dataDir: string
    version: string
    port: number
  }
  access: AccessControl
  settings: { get(): Settings; onChange(cb: (s: Settings) => void): () => void }
  services: CoreServices
  metrics: Metrics
  ingest: Ingest
  db: Db
  /** Microphone audio from a UI client (the Electron shell's audio IPC lands here). */
  voiceAudio(clientId: string, streamId: number, pcm: Uint8Array): void
  broker: PermissionBroker
  notifications: NotificationCenter
  tray: { get(): TrayState; onChange(cb: (t: TrayState) => void): () => void }
}

export const DEFAULT_RATE_LIMITS = {
  // The app token is shared by global hooks of every session on the machine and by scripts.
  app: { perSecond: 100_000, burst: 200_000 },
  // One Claude session cannot produce more than a few hundred hooks a second legitimately.
  session: { perSecond: 2_000, burst: 5_000 },
}

export async function createCore(opts: CoreOptions): Promise<Core> {
  const startedAt = Date.now()
  const log = opts.logger ?? createFileLogger(join(opts.dataDir, 'logs', LOG_FILE_NAME))
  const access = new AccessControl(opts.dataDir)
  const hookSocket = hookSocketPath(opts.dataDir)
  const dbFile = join(opts.dataDir, DB_FILE_NAME)
  const shimPath = opts.shimPath ?? join(opts.mainDir ?? __dirname, 'hook-shim.js')
  const db = openDatabase(dbFile)
  const settingsStore = new SettingsStore(db)
  const settingsListeners = new Set<(s: Settings) => void>()
  const initial = settingsStore.get()
  const writerScript =
    opts.writerScript ?? (opts.mainDir ? join(opts.mainDir, 'event-writer.js') : undefined)
  const eventStore = new EventStore(
    db,
    { maxEvents: initial.retentionMaxEvents, maxAgeDays: initial.retentionMaxAgeDays },
    {
      writer: writerScript ? { entry: { script: writerScript } } : 'inline',
      log: log.child('store'),
    },
  )
  const sessionStore = new SessionStore(db)
  const world = new WorldStore(db)
  const registry = new SessionRegistry(sessionStore)
  const metrics = new Metrics(opts.processMetrics ?? true)
  const hub = new Hub((seconds) => metrics.deliveryLatency.observe(seconds))
  const ingest = new Ingest(eventStore, registry, hub, metrics, [claudeAdapter], opts.probe)

  eventStore.onBatch = (size) => metrics.writeBatchSize.observe(size)
  registry.onChange(() => hub.publishLatest('sessions', () => ({ sessions: registry.list() })))

  const notifications = new NotificationCenter(
    () => settingsStore.get(),
    (id) => registry.record(id)?.name,
    undefined,
    log.child('notify'),
  )
  // Headless UIs get notifications as a push (the browser's Notification API shows them).
  notifications.addSink({ show: (n) => hub.publishNow('notify', n) })

  const clock = opts.clock ?? systemClock
  const savedRules = new RuleLedger(join(opts.dataDir, 'permission-rules.json'))
  const broker: PermissionBroker = new PermissionBroker({
    timeoutMs: () => settingsStore.get().permissionTimeoutMinutes * 60_000,
    canHoldQuestions: (id) => registry.record(id)?.kind === 'managed',
    onChange: () => {
      hub.publishLatest('permissions', () => ({ requests: broker.list() }))
      tray.changed()
      attention.refresh()
    },
    // Every settled request becomes a stored permission.decision event: a feed row, the
    // session's state (a denial ends its call as denied), and replay, like any hook.
    onResolved: (request, _how, settled) => {
      if (settled && registry.has(request.sessionId))
        void ingest
          .settled(request, settled)
          .catch((err: unknown) =>
            log.warn('could not store a permission decision', { error: String(err) }),
          )
    },
    projectDirOf: (id) => registry.record(id)?.cwd,
    onAlways: (request, plan) => savedRules.record(plan, request.sessionId),
  })
  const attention: AttentionService = new AttentionService({
    store: new AttentionStore(db),
    sessions: () => registry.list(),
    pending: () => broker.list(),
    // The same time base as the events' own times.
    now: () => Date.now(),
  })
  attention.onChange(() => {
    hub.publishLatest('attention', () => ({ items: attention.items() }))
    tray.changed()
  })
  registry.onChange(() => attention.refresh())
  const tray = new TrayFeed(
    () => registry.list(),
    () => broker.list(),
    () => attention.items(),
  )
  registry.onChange(() => tray.changed())
  // Git status by watching: sessions in one repository share a watcher; pushes are coalesced
  // per session per frame.
  // Sessions on a host have no watcher: their status is read over the host's ssh connection on
  // their hook events (git.noteEvents below).
  const hostGit = new HostGitPlaces((hostId) => hosts.connection(hostId))
  const git = new GitService({ log: log.child('git'), hostPlace: (id) => hostGit.place(id) })
  // Commits a session's HEAD gains while it works are kept for the timeline's markers.
  const commitStore = new CommitStore(db)
  const commits = new CommitRecorder({
    readNewCommits: (sessionId, root, previous, head) =>
      git.readNewCommits(sessionId, root, previous, head),
    record: (made) => commitStore.add(made),
    now: Date.now,
    log: log.child('git'),
  })
  git.onStatus((sessionId, status) => {
    hub.publishKeyed('git', sessionId, { sessionId, status }, sessionId)
    void commits.observe(sessionId, status)
  })
  // While Claude works, its file changes are read when it stops (or pauses for the user), so git
  // never takes the cores from the turn; an explicit refresh is never held.
  registry.onStateChange((id, state) => {
    git.setTurnRunning(id, state === 'working')
    commits.setWorking(id, state === 'working')
  })
  ingest.onEvents((events) => {
    // Observed sessions (global hooks) get git status too, from their first event.
    for (const e of events) {
      if (!git.tracks(e.sessionId)) {
        const r = registry.record(e.sessionId)
        if (!r) continue
        git.track(r.id, r.cwd, r.hostId)
        git.setTurnRunning(r.id, registry.lifecycle(r.id)?.state === 'working')
      }
    }
    git.noteEvents(events)
    broker.observe(events)
    notifications.handle(events)
    usage.events(events)
    attention.events(events)
    for (const e of events) if (showsPromptTaken(e)) prompts.accepted(e.sessionId)
  })

  const usage = new UsageService({
    store: new UsageStore(db),
    clock,
    log: log.child('usage'),
    repoOf: (id) => git.get(id)?.root ?? registry.record(id)?.cwd ?? '',
    sessionIds: () => registry.list().map((s) => s.id),
    managed: (id) => registry.record(id)?.kind === 'managed',
    claudeConfigDir: () => claudeConfigDir(),
    warnPercent: () => settingsStore.get().fleet.quotaWarnPercent,
  })
  ingest.onStatusLine((id, report) => usage.statusReport(id, report))

  const voice = new VoiceService({
    dataDir: opts.dataDir,
    keys: new VoiceKeyStore({ dataDir: opts.dataDir, cipher: opts.secretCipher }),
    settings: () => settingsStore.get().voice,
    providers: { deepgram: createDeepgramProvider() },
    push: (clientId, payload) => hub.sendTo(clientId, 'voice', payload),
    log: log.child('voice'),
  })

  let port = 0
  // Set once the hook listeners are bound, before any session starts.
  let hookTransport: HookTransport | null = null
  const remoteLog = log.child('remote')
  // Observing the sessions started by hand on a host: set up once the backend below exists.
  let observation: HostObservation | null = null
  const hosts = new HostService({
    dataDir: opts.dataDir,
    // Observed sessions there are the host's own: they never hold up its removal.
    sessionsOn: (hostId) =>
      registry
        .list()
        .filter((s) => s.hostId === hostId && s.kind === 'managed')
        .map((s) => s.name),
    observation: {
      install: (id) => observation!.install(id),
      uninstall: (id, o) => observation!.uninstall(id, o),
      state: (id) => observation!.state(id),
    },
  })
  const sshBackend = createSshBackend({
    connect: (id) => hosts.connection(id),
    log: (message, fields) => remoteLog.info(message, fields),
    onLinkChange: (hostId, state) => {
      hosts.setLink(hostId, state)
      // What the app holds for sessions there can no longer be answered: Claude asks in its
      // terminal once its hook script notices the silence.
      if (state.state === 'reconnecting')
        for (const s of registry.list()) if (s.hostId === hostId) broker.backToTerminal(s.id)
      hub.publishLatest('hosts', () => ({ hosts: hosts.list() }))
    },
    // A session's spool on its host speaks for that session, as its token would.
    replay: async (hostId, spool) => {
      if (spool.sessionId === OBSERVED_SPOOL_ID) return replayObserved(hostId, spool)
      const record = registry.record(spool.sessionId)
      if (!record || record.hostId !== hostId) {
        remoteLog.warn('a hook spool for no session of this host; dropped', {
          hostId,
          sessionId: spool.sessionId,
          events: spool.events.length,
        })
        return
      }
      if (spool.dropped > 0 || spool.unreadable > 0)
        remoteLog.warn('hook events lost on the host while the link was down', {
          sessionId: spool.sessionId,
          droppedBySpoolBound: spool.dropped,
          unreadable: spool.unreadable,
        })
      let stored = 0
      // Each event keeps the time it happened on the host (whole seconds by the host's clock),
      // not the time the link came back; kept between the session's last event and now, and in
      // spool order, so a host clock running ahead or behind cannot reorder the feed.
      let floor = record.lastActivity
      for (const e of spool.events) {
        if (e.session !== spool.sessionId) continue
        const occurredAt = Math.min(Date.now(), Math.max(floor, e.at * 1000))
        floor = occurredAt
        try {
          const r = await ingest.ingestHook('claude', e.payload, {
            tokenSessionId: spool.sessionId,
            eventId: e.id,
            occurredAt,
          })
          if (r.duplicate) continue
          stored++
          // A request the app never saw was answered in Claude's own prompt meanwhile.
          const request = r.events[0]
          if (request?.type === 'permission.request')
            await ingest.settled(
              { id: request.requestId, sessionId: spool.sessionId, toolName: request.tool },
              { outcome: 'terminal', by: 'terminal' },
            )
        } catch (err) {
          remoteLog.warn('a spooled hook was refused', { hook: e.hook, error: String(err) })
        }
      }
      remoteLog.info('replayed a hook spool', {
        sessionId: spool.sessionId,
        events: spool.events.length,
        stored,
      })
    },
  })
  /** The observed sessions' spool of a host speaks with the host's observer credential. */
  const replayObserved = async (hostId: string, spool: ClaimedSpool): Promise<void> => {
    let stored = 0
    // As for a managed session's spool: each event keeps the time it happened on the host, in
    // spool order (one spool holds every observed session there, in the order their hooks ran).
    let floor = 0
    for (const e of spool.events) {
      const occurredAt = Math.min(Date.now(), Math.max(floor, e.at * 1000))
      floor = occurredAt
      try {
        const r = await ingest.ingestHook('claude', e.payload, {
          observer: true,
          observerHostId: hostId,
          eventId: e.id,
          occurredAt,
        })
        if (!r.duplicate && !r.ignored) stored++
      } catch (err) {
        remoteLog.warn('a spooled hook was refused', { hook: e.hook, error: String(err) })
      }
    }
    remoteLog.info("replayed the observed sessions' spool", {
      hostId,
      events: spool.events.length,
      stored,
      dropped: spool.dropped,
      unreadable: spool.unreadable,
    })
  }
  observation = new HostObservation({
    credentialDir: hosts.privateDir,
    host: (id) => sshBackend.watch(id),
    keepUp: (id, on) => sshBackend.keepUp(id, on),
    transport: () => {
      if (!hookTransport) throw new Error('the hook endpoints are not listening yet')
      return hookTransport
    },
    observedHosts: () => hosts.observedIds(),
    log: (message, fields) => remoteLog.info(message, fields),
  })
  const manager = new SessionManager({
    log: log.child('sessions'),
    dataDir: opts.dataDir,
    registry,
    backends: {
      pty: createPtyBackend(),
      ...(findOnPath('tmux') ? { tmux: createTmuxBackend({ dataDir: opts.dataDir }) } : {}),
      ssh: sshBackend,
    },
    remote: {
      backend: sshBackend,
      requireReady: (id) => hosts.requireReady(id),
      forwardedCredentials: (id) => hosts.forwardedCredentials(id),
    },
    settings: () => settingsStore.get(),
    hooks: () => {
      if (!hookTransport) throw new Error('the hook endpoints are not listening yet')
      return hookTransport
    },
    shimPath,
    onTerminal: (id, data) => hub.publishNow('terminal', { id, data }, id),
    onStatusLine: (id, raw) => ingest.statusLine('claude', raw, id),
    // The spool folder is the session's own, so it speaks for that session as its token would.
    onSpooledHook: async (id, raw) => {
      if (registry.has(id)) await ingest.ingestHook('claude', raw, { tokenSessionId: id })
    },
    onStopped: (id) => broker.cancelSession(id),
    onExited: (id, exit, expected) => {
      if (expected) return
      attention.processExited(id, exit)
      // Stored like a hook's event, so the feed and replay end the turn's open calls as well.
      if (registry.has(id))
        ingest
          .processExited(id, exit)
          .catch((err: unknown) => log.error('could not store a process exit', err))
    },
    onTrack: (id, cwd, hostId) => git.track(id, cwd, hostId),
    history: async (id) =>
      (await eventStore.list({ sessionId: id, limit: RESUME_HISTORY_EVENTS })).events.reverse(),
  })
  const fleet = new FleetService({
    policies: new PolicyStore(db),
    usage,
    clock,
    settings: () => settingsStore.get().fleet,
    sessionIds: () => registry.list().map((s) => s.id),
    interrupt: async (id) => {
      if (registry.get(id)?.status === 'working') await manager.interrupt(id)
    },
    log: log.child('fleet'),
  })
  const prompts: PromptQueue = new PromptQueue({
    store: new PromptStore(db),
    gate: (id) => promptGate(registry.get(id), fleet.hold(id)),
    send: (id, text) => manager.prompt(id, text),
    now: () => clock.now(),
    log: log.child('prompts'),
  })
  const publishFleet = (): void =>
    hub.publishLatest('fleet', () => ({
      sessions: registry.list().map((s) => fleet.state(s.id)),
      queues: prompts.all(),
    }))
  usage.onChange(() => {
    fleet.evaluate()
    hub.publishLatest('usage', () => usage.snapshot())
  })
  usage.onWindows(() => {
    fleet.evaluate()
    hub.publishLatest('usage', () => usage.snapshot())
  })
  fleet.onChange(() => {
    publishFleet()
    prompts.drain()
  })
  prompts.onChange(publishFleet)
  // A session that became ready for input takes its next queued prompt.
  registry.onChange(() => prompts.drain())
  settingsListeners.add(() => fleet.evaluate(true))
  fleet.evaluate(true)

  const hookPaths = {
    settingsFile: opts.claudeSettingsFile ?? defaultSettingsFile(),
    hooksDir: join(opts.dataDir, 'hooks'),
  }
  const hookRunner = () => ({
    shimSource: shimPath,
    nodePath: stableRuntimePath(process.execPath, process.env),
    hookSocket,
    tokenFile: join(opts.dataDir, OBSERVER_TOKEN_FILE),
  })
  const hooks = globalHooks(hookPaths, hookRunner)
  const pageUrl = () =>
    opts.rendererDir ? `http://127.0.0.1:${port}/?ticket=${access.issueTicket()}` : null
  const auth: AuthApi = {
    pageUrl,
    rotate: () => {
      access.rotate()
      // The global hook wrapper names the observer token's file: rewritten so an installed
      // wrapper and shim copy are current. Sessions' own hook settings hold no app secret.
      if (hooks.status().installed) hooks.install()
      // After this answer is on its way: the caller's own connection used the old token too.
      setImmediate(() => http.disconnectClients())
      return pageUrl()
    },
  }
  const replay = new ReplayService(db, eventStore, {
    appVersion: opts.version,
    kindOf: (id) => registry.record(id)?.kind ?? 'managed',
    session: (id) => {
      const r = registry.record(id)
      return r ? { name: r.name, cwd: r.cwd, zone: r.zone } : undefined
    },
    log: log.child('replay'),
  })
  const services: CoreServices = {
    registry,
    ingest,
    eventStore,
    hub,
    settings: settingsStore,
    world,
    manager,
    git,
    broker,
    savedRules,
    voice,
    usage,
    fleet,
    prompts,
    attention,
    replay,
    hosts,
    hooks,
    auth,
    openExternal: opts.openExternal ?? refuseOpenExternal,
    chooseSavePath: opts.chooseSavePath ?? refuseSaveDialog,
    autocomplete: (q, hostId) => {
      // Known folders are those of sessions in the same place (this machine, or that host).
      const known = [
        ...new Set(
          registry
            .list()
            .filter((s) => s.hostId === hostId)
            .map((s) => s.cwd),
        ),
      ]
      return hostId === undefined
        ? folderSuggestions(q, known)
        : remoteFolderSuggestions(sshBackend, hosts, hostId, q, known)
    },
    appInfo: () => ({
      version: opts.version,
      dataDir: opts.dataDir,
      logFile: log.file ?? '',
      runtime: opts.runtime,
      hookUrl: hookUrl(port, 'claude'),
      platform: platform(),
      claudeVersion: null,
    }),
    updateSettings: (patch: SettingsPatch) => {
      const next = settingsStore.update(patch)
      void eventStore
        .setRetention({
          maxEvents: next.retentionMaxEvents,
          maxAgeDays: next.retentionMaxAgeDays,
        })
        .then(() => eventStore.enforceRetention())
        .catch((err: unknown) => log.error('[store] retention after a settings change', err))
      hub.publishLatest('settings', () => settingsStore.get())
      for (const cb of settingsListeners) cb(next)
      return next
    },
    setFocus: (focus) => notifications.setFocus(focus),
    publishWorld: () => {
      hub.publishLatest('tiles', () => ({ tiles: world.tiles() }))
      hub.publishLatest('hexes', () => ({ hexes: world.hexes() }))
    },
  }

  const dispatch = createDispatcher(createHandlers(services), (channel, err) =>
    log.error(`[api] ${channel} failed`, err),
  )

  const http = new HttpServer({
    log: log.child('http'),
    access,
    sessionIdForToken: (t) => registry.sessionIdForToken(t),
    hostForObserverToken: (t) => observation?.hostForToken(t) ?? null,
    ingest,
    dispatch,
    metrics,
    rendererDir: opts.rendererDir,
    hookResponder: broker,
    onWsConnection: (ws: WebSocket) => {
      metrics.subscribers.inc()
      const clientId = attachWebSocketClient(ws, hub, dispatch, {
        onAudio: (streamId, pcm) => voice.audio(clientId, streamId, pcm),
        onClose: () => {
          voice.dropClient(clientId)
          metrics.subscribers.dec()
        },
      })
    },
    rateLimits: opts.rateLimits ?? DEFAULT_RATE_LIMITS,
    health: () => ({
      ok: true,
      version: opts.version,
      runtime: opts.runtime,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      dbBytes: fileSize(dbFile) + fileSize(`${dbFile}-wal`),
      events: { stored: eventStore.approximateCount, lastSeq: eventStore.lastSeq },
      queues: { write: eventStore.queueDepth, delivery: hub.queueDepths() },
      subscribers: hub.clientCount,
      sessions: registry.statusCounts(),
      git: git.stats(),
    }),
  })
  port = await http.listen(opts.port ?? initial.hookPort)
  await http.listenSocket(hookSocket)
  const hookTls = loadOrCreateHookTls(opts.dataDir)
  const hookTlsPort = await http.listenTls(lastHookTlsPort(opts.dataDir), hookTls)
  rememberHookTlsPort(opts.dataDir, hookTlsPort)
  hookTransport = { tlsPort: hookTlsPort, certFile: hookTls.certFile, socket: hookSocket }
  await manager.restore()
  observation.restore()
  // Lets `npm run hooks` find a running app's port without opening the database.
  writeFileSync(join(opts.dataDir, 'port'), `${port}\n`)
  try {
    // An install from an earlier launch names that launch's runtime: write it for this one.
    refreshGlobalHooks(hookPaths, hookRunner())
  } catch (err) {
    log.error('[hooks] could not refresh the installed global hooks', err)
  }
  log.info(`core ${opts.version} (${opts.runtime}) on 127.0.0.1:${port}, data in ${opts.dataDir}`)
  eventStore
    .enforceRetention()
    .catch((err: unknown) => log.error('[store] retention at startup', err))

  const sweep = setInterval(() => registry.tick(), STATUS_SWEEP_INTERVAL_MS)
  const activity = setInterval(() => registry.flushActivity(), ACTIVITY_FLUSH_INTERVAL_MS)
  sweep.unref()
  activity.unref()
  replay.start()

  let closed = false
  const core: Core = {
    dispatch,
    connect(clientId, push) {
      metrics.subscribers.inc()
      const off = hub.connect({ id: clientId, push })
      return () => {
        off()
        voice.dropClient(clientId)
        metrics.subscribers.dec()
      }
    },
    voiceAudio: (clientId, streamId, pcm) => voice.audio(clientId, streamId, pcm),
    async close() {
      if (closed) return
      closed = true
      clearInterval(sweep)
      clearInterval(activity)
      replay.close()
      tray.close()
      broker.close()
      fleet.close()
      prompts.close()
      usage.close()
      voice.close()
      observation?.close()
      sshBackend.close()
      await manager.close()
      await hosts.close()
      await git.close()
      // No status comes after the git service closed; the reads already begun end first.
      await commits.close()
      await http.close()
      hub.close()
      await eventStore.close()
      registry.flushActivity()
      db.close()
    },
    info: {
      hookUrl: hookUrl(port, 'claude'),
      hookSocket,
      get token() {
        return access.appToken
      },
      dataDir: opts.dataDir,
      version: opts.version,
      port,
    },
    settings: {
      get: () => settingsStore.get(),
      onChange: (cb) => {
        settingsListeners.add(cb)
        return () => settingsListeners.delete(cb)
      },
    },
    access,
    services,
    metrics,
    ingest,
    db,
    broker,
    notifications,
    tray,
  }
  return core
}

/** Signs that a session took the prompt typed into it: a turn, or a command's own events. */
function showsPromptTaken(e: CanonicalEvent): boolean {
  if (e.agentId) return false
  return (
    e.type === 'prompt' ||
    (e.type === 'session.start' && e.source !== 'startup') ||
    (e.type === 'compact' && e.phase === 'post')
  )
}

function fileSize(file: string): number {
  try {
    return statSync(file).size
  } catch {
    return 0
  }
}

function refuseSaveDialog(): never {
  throw new ApiError(
    'unavailable',
    'a save dialog needs the desktop app; replay.export answers the file itself',
  )
}

function refuseOpenExternal(): never {
  throw new ApiError('unavailable', 'opening files and links needs the desktop app')
}
