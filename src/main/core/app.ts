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
import type { Settings, SettingsPatch } from '@shared/settings'
import { openDatabase, DB_FILE_NAME, type Db } from './store/db'
import { EventStore } from './store/event-store'
import { sourceWriterEntry } from './store/thread-writer-link'
import { SessionStore } from './store/session-store'
import { SettingsStore, WorldStore } from './store/kv-store'
import { SessionRegistry } from './sessions/registry'
import { Hub } from './events/hub'
import { Ingest } from './events/ingest'
import { claudeAdapter } from './events/adapters/claude'
import { Metrics } from './metrics/metrics'
import { createDispatcher, type Dispatch } from './api/dispatcher'
import { createHandlers } from './api/handlers'
import { HttpServer, type HookResponder } from './http/server'
import { attachWebSocketClient } from './http/ws-transport'
import { loadOrCreateToken } from './util/token'
import { folderSuggestions } from './util/autocomplete'
import {
  defaultSettingsFile,
  globalHookStatus,
  installGlobalHooks,
  uninstallGlobalHooks,
} from './hooks/global-hooks'
import { writeFileSync } from 'node:fs'
import { TOKEN_FILE } from './util/token'
import type { CoreServices } from './services'
import type { RateLimit } from './http/rate-limit'
import { PermissionBroker } from './permissions/broker'
import { NotificationCenter } from './notify/notification-center'
import { computeTrayState, type TrayState } from './notify/tray-model'
import { SessionManager } from './sessions/manager'
import { createPtyBackend } from './sessions/backends/pty'
import { createTmuxBackend } from './sessions/backends/tmux'
import { findOnPath } from './util/find-on-path'
import { createFileLogger, LOG_FILE_NAME, type Logger } from './log/logger'
import { GitService, RepoPathError } from './git'
import { ApiError } from '@shared/contract/define'
import { VoiceKeyStore, type SecretCipher } from './voice/key-store'
import { VoiceService } from './voice/voice-service'
import { createDeepgramProvider } from './voice/deepgram'

export const STATUS_SWEEP_INTERVAL_MS = 5_000
export const ACTIVITY_FLUSH_INTERVAL_MS = 1_000

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
  /** Electron passes its validated shell.openExternal chokepoint. */
  openExternal?: (target: string) => void
  /** Prometheus process metrics (off in tests that create many cores). */
  processMetrics?: boolean
  /**
   * Folder of the built entry scripts (out/main), which the entries pass as their __dirname: the
   * hook shim and the event-writer thread are bundled there, not beside the core's chunk.
   */
  mainDir?: string
  /** The hook shim; defaults to `<mainDir>/hook-shim.js`. */
  shimPath?: string
  /** ~/.claude/settings.json, overridable for tests. */
  claudeSettingsFile?: string
  /** The desktop shell's OS-keychain cipher (Electron safeStorage) for voice API keys. */
  secretCipher?: SecretCipher
}

export interface Core {
  dispatch: Dispatch
  /** Registers a UI client; returns the function that disconnects it. */
  connect(clientId: string, push: (stream: StreamName, data: unknown) => void): () => void
  close(): Promise<void>
  info: { hookUrl: string; token: string; dataDir: string; version: string; port: number }
  settings: { get(): Settings; onChange(cb: (s: Settings) => void): () => void }
  services: CoreServices
  metrics: Metrics
  ingest: Ingest
  db: Db
  /** Microphone audio from a UI client (the Electron shell's audio IPC lands here). */
  voiceAudio(clientId: string, streamId: number, pcm: Uint8Array): void
  /** The permission broker answers held hook requests through this. */
  setHookResponder(r: HookResponder): void
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
  const token = loadOrCreateToken(opts.dataDir)
  const dbFile = join(opts.dataDir, DB_FILE_NAME)
  const shimPath = opts.shimPath ?? join(opts.mainDir ?? __dirname, 'hook-shim.js')
  const db = openDatabase(dbFile)
  const settingsStore = new SettingsStore(db)
  const settingsListeners = new Set<(s: Settings) => void>()
  const initial = settingsStore.get()
  const writerEntry = opts.mainDir
    ? { script: join(opts.mainDir, 'event-writer.js') }
    : sourceWriterEntry()
  const eventStore = new EventStore(
    db,
    { maxEvents: initial.retentionMaxEvents, maxAgeDays: initial.retentionMaxAgeDays },
    { writer: writerEntry ? { entry: writerEntry } : 'inline', log: log.child('store') },
  )
  const sessionStore = new SessionStore(db)
  const world = new WorldStore(db)
  const registry = new SessionRegistry(sessionStore)
  const metrics = new Metrics(opts.processMetrics ?? true)
  const hub = new Hub()
  const ingest = new Ingest(eventStore, registry, hub, metrics, [claudeAdapter])

  eventStore.onBatch = (size) => metrics.writeBatchSize.observe(size)
  hub.onDelivered = (events) => {
    const now = performance.now()
    for (const e of events) {
      const start = ingest.deliveryStart.get(e)
      if (start !== undefined) metrics.deliveryLatency.observe((now - start) / 1000)
    }
  }
  registry.onChange(() => hub.publishLatest('sessions', () => ({ sessions: registry.list() })))

  const notifications = new NotificationCenter(
    () => settingsStore.get(),
    (id) => registry.record(id)?.name,
    undefined,
    log.child('notify'),
  )
  // Headless UIs get notifications as a push (the browser's Notification API shows them).
  notifications.addSink({ show: (n) => hub.publishNow('notify', n) })

  const trayListeners = new Set<(t: TrayState) => void>()
  let trayTimer: NodeJS.Timeout | null = null
  const trayState = () => computeTrayState(registry.list(), broker.list())
  const trayChanged = () => {
    if (trayTimer || trayListeners.size === 0) return
    // Coalesce bursts of session changes into one tray update per frame.
    trayTimer = setTimeout(() => {
      trayTimer = null
      const t = trayState()
      for (const cb of trayListeners) cb(t)
    }, 16)
  }

  const broker: PermissionBroker = new PermissionBroker({
    timeoutMs: () => settingsStore.get().permissionTimeoutMinutes * 60_000,
    canHoldQuestions: (id) => registry.record(id)?.kind === 'managed',
    onChange: () => {
      hub.publishLatest('permissions', () => ({ requests: broker.list() }))
      trayChanged()
    },
    onResolved: (request, how) => {
      if (how === 'decided') registry.setStatus(request.sessionId, 'working')
    },
  })
  registry.onChange(trayChanged)
  // Git status by watching: sessions in one repository share a watcher; pushes are coalesced
  // per session per frame.
  const git = new GitService({ log: log.child('git') })
  git.onStatus((sessionId, status) =>
    hub.publishKeyed('git', sessionId, { sessionId, status }, sessionId),
  )
  const gitTracked = new Set<string>()
  const trackGit = (sessionId: string, cwd: string) => {
    if (gitTracked.has(sessionId)) return
    gitTracked.add(sessionId)
    git.track(sessionId, cwd)
  }
  ingest.onEvents((events) => {
    // Observed sessions (global hooks) get git status too, from their first event.
    for (const e of events) {
      if (!gitTracked.has(e.sessionId)) {
        const r = registry.record(e.sessionId)
        if (r) trackGit(r.id, r.cwd)
      }
    }
  })
  ingest.onEvents((events) => {
    broker.observe(events)
    notifications.handle(events, ingest.deliveryStart.get(events[0]))
  })

  const voice = new VoiceService({
    dataDir: opts.dataDir,
    keys: new VoiceKeyStore({ dataDir: opts.dataDir, cipher: opts.secretCipher }),
    settings: () => settingsStore.get().voice,
    providers: { deepgram: createDeepgramProvider() },
    push: (clientId, payload) => hub.sendTo(clientId, 'voice', payload),
    log: log.child('voice'),
  })

  let port = 0
  const services: CoreServices = {
    registry,
    eventStore,
    hub,
    settings: settingsStore,
    world,
    broker,
    git: {
      track: trackGit,
      untrack: (id) => {
        gitTracked.delete(id)
        git.untrack(id)
      },
      get: (id) => git.get(id),
      refresh: (id) => {
        const r = registry.record(id)
        if (r) trackGit(id, r.cwd)
        return git.refresh(id)
      },
      diff: (id, path, staged) =>
        git.diff(id, path, staged).catch((err: unknown) => {
          if (err instanceof RepoPathError) throw new ApiError('bad_request', err.message, 'path')
          throw err
        }),
      onStatus: (cb) => git.onStatus(cb),
      close: () => git.close(),
    },
    openExternal: opts.openExternal,
    voice,
    autocomplete: (q) => folderSuggestions(q, [...new Set(registry.list().map((s) => s.cwd))]),
    appInfo: () => ({
      version: opts.version,
      dataDir: opts.dataDir,
      logFile: log.file ?? '',
      runtime: opts.runtime,
      hookUrl: `http://127.0.0.1:${port}/hooks/claude`,
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

  let hookResponder: HookResponder | undefined = broker
  const http = new HttpServer({
    log: log.child('http'),
    appToken: token,
    sessionIdForToken: (t) => registry.sessionIdForToken(t),
    ingest,
    dispatch,
    metrics,
    rendererDir: opts.rendererDir,
    get hookResponder() {
      return hookResponder
    },
    onStatusLine: (sessionId, headerSessionId, raw) => {
      const id =
        sessionId ??
        (headerSessionId && registry.has(headerSessionId) ? headerSessionId : undefined)
      if (id) registry.setUsage(id, usageFromStatusLine(raw))
    },
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
  const manager = new SessionManager({
    log: log.child('sessions'),
    dataDir: opts.dataDir,
    registry,
    backends: {
      pty: createPtyBackend(),
      ...(findOnPath('tmux') ? { tmux: createTmuxBackend({ dataDir: opts.dataDir }) } : {}),
    },
    settings: () => settingsStore.get(),
    port: () => port,
    shimPath,
    onTerminal: (id, data) => hub.publishNow('terminal', { id, data }, id),
    onStopped: (id) => broker.cancelSession(id),
    onTrack: (id, cwd) => services.git?.track(id, cwd),
  })
  services.manager = manager
  await manager.restore()
  // Lets `npm run hooks` find a running app's port without opening the database.
  writeFileSync(join(opts.dataDir, 'port'), `${port}\n`)
  log.info(`core ${opts.version} (${opts.runtime}) on 127.0.0.1:${port}, data in ${opts.dataDir}`)
  const hookPaths = {
    settingsFile: opts.claudeSettingsFile ?? defaultSettingsFile(),
    hooksDir: join(opts.dataDir, 'hooks'),
  }
  services.hooks = {
    status: () => globalHookStatus(hookPaths),
    install: () =>
      installGlobalHooks(hookPaths, {
        shimSource: shimPath,
        nodePath: process.execPath,
        hookUrl: `http://127.0.0.1:${port}/hooks/claude`,
        tokenFile: join(opts.dataDir, TOKEN_FILE),
      }),
    uninstall: () => uninstallGlobalHooks(hookPaths),
  }
  eventStore
    .enforceRetention()
    .catch((err: unknown) => log.error('[store] retention at startup', err))

  const sweep = setInterval(() => registry.tick(), STATUS_SWEEP_INTERVAL_MS)
  const activity = setInterval(() => registry.flushActivity(), ACTIVITY_FLUSH_INTERVAL_MS)
  sweep.unref()
  activity.unref()

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
      if (trayTimer) clearTimeout(trayTimer)
      broker.close()
      voice.close()
      await services.manager?.close()
      await services.git?.close()
      await http.close()
      hub.close()
      await eventStore.close()
      registry.flushActivity()
      db.close()
    },
    info: {
      hookUrl: `http://127.0.0.1:${port}/hooks/claude`,
      token,
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
    services,
    metrics,
    ingest,
    db,
    setHookResponder(r) {
      hookResponder = r
    },
    broker,
    notifications,
    tray: {
      get: trayState,
      onChange: (cb) => {
        trayListeners.add(cb)
        return () => trayListeners.delete(cb)
      },
    },
  }
  return core
}

function fileSize(file: string): number {
  try {
    return statSync(file).size
  } catch {
    return 0
  }
}

function usageFromStatusLine(raw: unknown) {
  const r = (raw ?? {}) as Record<string, unknown>
  const cost = (r.cost ?? {}) as Record<string, unknown>
  const ctx = (r.context_window ?? {}) as Record<string, unknown>
  const model = (r.model ?? {}) as Record<string, unknown>
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)
  return {
    ...(num(cost.total_cost_usd) !== undefined ? { costUsd: num(cost.total_cost_usd) } : {}),
    ...(num(ctx.used_percentage) !== undefined ? { contextPercent: num(ctx.used_percentage) } : {}),
    ...(num(ctx.total_input_tokens) !== undefined
      ? { inputTokens: num(ctx.total_input_tokens) }
      : {}),
    ...(num(ctx.total_output_tokens) !== undefined
      ? { outputTokens: num(ctx.total_output_tokens) }
      : {}),
    ...(typeof model.display_name === 'string' ? { model: model.display_name } : {}),
  }
}
