/**
 * The Electron shell: thin wiring around the Electron-free core (src/main/core). Everything it
 * decides is in small modules under ./shell (Electron adapters) and ./shell/desktop (pure logic,
 * tested under Node); this file only puts them together in start-up order.
 */
import {
  app,
  BrowserWindow,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeTheme,
  safeStorage,
  session,
} from 'electron'
import { join } from 'node:path'
import { parseLaunchRequest, DEEP_LINK_SCHEME, type LaunchRequest } from './shell/desktop/argv'
import { createFileLogger, LOG_FILE_NAME, parseLogLevel } from './core/log/logger'
import { resolveRendererLocation, isAppRendererUrl } from './shell/desktop/renderer-origin'
import { createUpdateScheduler, createFeedUpdateSource, type UpdateSource } from './shell/updater'
import { createCore, type Core } from './core/app'
import { ApiError } from '@shared/contract'
import type { Settings } from '@shared/settings'
import { openExternalTarget, tryOpenExternal } from './shell/external'
import { createInvokeRouter, registerInvokeRouter } from './shell/ipc'
import { createGlobalShortcut, globalShortcutProblem } from './shell/desktop/global-shortcut'
import { applyLaunchAtLogin, launchedAtLogin } from './shell/launch-at-login'
import { NOTICE_AFTER_LOAD_DELAY_MS, openMainWindow } from './shell/main-window'
import { applicationMenuTemplate } from './shell/menu'
import { forbidWebviews, hardenSession } from './shell/navigation'
import { createNativeNotifier } from './shell/notifications'
import { pushToRenderer, type ShellNotice } from './shell/pushes'
import { installQuitHandling, QUIT_CHECK_CLIENT_ID } from './shell/quit'
import { createElectronTray } from './shell/tray'
import {
  createElectronUpdateSource,
  UPDATE_FEED_ENV,
  type ElectronUpdateSource,
} from './shell/updater/electron-source'
import { revealWindow } from './shell/window'
import { createSaveDialog } from './shell/save-dialog'
import { createAudioRoute, keychainCipher, registerAudioRoute } from './shell/voice'

const APP_NAME = 'Atelier'
const WEBSITE_URL = 'https://github.com/atelier-dev/atelier'
const SHELL_CLIENT = { clientId: QUIT_CHECK_CLIENT_ID }

const userData = app.getPath('userData')
const logsDir = join(userData, 'logs')
// One log for the core and the shell: atelier.log, which the About dialog points at.
const appLog = createFileLogger(join(logsDir, LOG_FILE_NAME), {
  echo: !app.isPackaged,
  level: parseLogLevel(process.env.ATELIER_LOG_LEVEL),
})
const log = appLog.child('shell')
process.on('uncaughtException', (error) => log.error('uncaught exception:', error))
process.on('unhandledRejection', (reason) => log.error('unhandled rejection:', reason))

/** Packaged: extraResources under process.resourcesPath; dev: the repo's resources/ folder. */
function resourcePath(...parts: string[]): string {
  return app.isPackaged
    ? join(process.resourcesPath, ...parts)
    : join(app.getAppPath(), 'resources', ...parts)
}

async function main(): Promise<void> {
  const launch = parseLaunchRequest(process.argv)
  if (!app.requestSingleInstanceLock()) {
    app.quit() // the running instance gets our argv through 'second-instance'
    return
  }
  forbidWebviews(app)
  if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME)
  // Launch requests can arrive before the window exists (macOS sends open-url during start-up);
  // until then they wait here, afterwards `onLaunchRequest` is replaced by the real handler.
  let pendingFocus = launch.focusSessionId
  let onLaunchRequest = (request: LaunchRequest): void => {
    pendingFocus = request.focusSessionId ?? pendingFocus
  }
  app.on('second-instance', (_event, argv) => onLaunchRequest(parseLaunchRequest(argv)))
  app.on('open-url', (event, url) => {
    event.preventDefault() // macOS deep link: atelier://session/<id>
    onLaunchRequest(parseLaunchRequest([url]))
  })
  await app.whenReady()
  log.info(
    `start ${APP_NAME} ${app.getVersion()} electron ${process.versions.electron} on ${process.platform}`,
  )

  const location = resolveRendererLocation(
    app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
    join(__dirname, '../renderer/index.html'),
  )
  let core: Core
  try {
    core = await createCore({
      dataDir: userData,
      runtime: 'electron',
      rendererDir: join(__dirname, '../renderer'),
      mainDir: __dirname,
      version: app.getVersion(),
      logger: appLog,
      openExternal: (target) => openExternalTarget(target, log),
      chooseSavePath: createSaveDialog({
        dialog,
        window: () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0] ?? null,
        defaultFolder: () => app.getPath('downloads'),
      }),
      // Voice API keys are sealed by the OS keychain; the core never sees Electron itself.
      secretCipher: await keychainCipher(safeStorage, process.platform),
    })
  } catch (error) {
    log.error('core failed to start:', error)
    dialog.showErrorBox(`${APP_NAME} could not start`, `${String(error)}\n\nLogs: ${logsDir}`)
    process.exitCode = 1
    app.quit()
    return
  }
  hardenSession(session.defaultSession, location)

  let win: BrowserWindow | null = null
  const current = (): BrowserWindow | null => (win && !win.isDestroyed() ? win : null)
  const focusSession = (sessionId: string): void => {
    revealWindow(current())
    pushToRenderer(current()?.webContents, 'focus', { sessionId })
  }

  // --- updates ----------------------------------------------------------------------------
  const feedOverride = process.env[UPDATE_FEED_ENV]
  const electronUpdates: ElectronUpdateSource | null = app.isPackaged
    ? createElectronUpdateSource(log)
    : null
  // Dev runs cannot install, but with a feed URL they still report what is available.
  const updateSource: UpdateSource | null =
    electronUpdates ??
    (feedOverride
      ? createFeedUpdateSource({
          feedUrl: feedOverride,
          currentVersion: app.getVersion(),
          platform: process.platform === 'darwin' ? 'darwin' : 'linux',
          arch: process.arch,
        })
      : null)
  const updates = updateSource
    ? createUpdateScheduler({
        source: updateSource,
        getChannel: () => core.settings.get().updateChannel,
        onResult: (result, channel) =>
          log.info(`update check (${channel}):`, JSON.stringify(result)),
      })
    : null
  const updateNotice = (): ShellNotice[] => {
    const ready = electronUpdates?.ready
    if (!ready) return []
    return [
      {
        kind: 'update-ready',
        message: `Atelier ${ready.version} is ready. Restart when convenient; tmux sessions keep running and pty sessions can be resumed.`,
        ...ready,
        installChannel: 'app.installUpdate',
      },
    ]
  }

  // --- quitting -----------------------------------------------------------------------------
  const quit = installQuitHandling({
    app,
    dialog,
    log,
    listSessions: () => core.dispatch('sessions.list', {}, SHELL_CLIENT),
    closeCore: () => core.close(),
    window: current,
  })
  const installUpdate = async (): Promise<{ ok: true }> => {
    if (!electronUpdates?.ready) throw new ApiError('conflict', 'no downloaded update to install')
    if (await quit.confirm()) electronUpdates.quitAndInstall()
    return { ok: true }
  }

  // --- IPC: one handler, sender-checked, forwarding to the core -----------------------------
  registerInvokeRouter(
    ipcMain,
    createInvokeRouter({
      isAppRendererUrl: (url) => isAppRendererUrl(url, location),
      dispatch: (channel, payload, ctx) => core.dispatch(channel, payload, ctx),
      localHandlers: {
        'app.installUpdate': () => installUpdate(),
      },
      onRejectedSender: (url, channel) =>
        log.warn('IPC refused from', url, 'channel', String(channel)),
      onInternalError: (channel, error) => log.error(`IPC ${channel} failed:`, error),
    }),
  )

  // Microphone audio for dictation: its own fire-and-forget channel, same sender check.
  registerAudioRoute(
    ipcMain,
    createAudioRoute({
      isAppRendererUrl: (url) => isAppRendererUrl(url, location),
      onAudio: (clientId, streamId, pcm) => core.voiceAudio(clientId, streamId, pcm),
      onRejected: (url) => log.warn('audio IPC refused from', url),
    }),
  )

  // --- the system-wide shortcut to the attention queue ---------------------------------------
  const jumpToAttention = (): void => {
    const existing = current()
    const target = existing ?? (win = createWindow(false))
    revealWindow(target)
    const push = (): void => pushToRenderer(target.webContents, 'jump', { to: 'next-attention' })
    // A window opened just now gets the push once its page can have subscribed.
    if (existing) push()
    else
      target.webContents.once('did-finish-load', () => setTimeout(push, NOTICE_AFTER_LOAD_DELAY_MS))
  }
  const attentionShortcut = createGlobalShortcut({
    registry: globalShortcut,
    platform: process.platform,
    onPress: jumpToAttention,
  })
  app.on('will-quit', () => attentionShortcut.dispose())
  const shortcutNotice = (): ShellNotice[] => {
    const message = globalShortcutProblem(attentionShortcut.state())
    return message ? [{ kind: 'shortcut-unavailable', message }] : []
  }

  // --- settings that drive the shell ----------------------------------------------------------
  const applySettings = (settings: Settings): void => {
    nativeTheme.themeSource = settings.theme
    applyLaunchAtLogin(app, settings.launchAtLogin, log)
    tray.setNotificationsPaused(settings.notifications.doNotDisturb)
    const before = attentionShortcut.state()
    const after = attentionShortcut.apply(settings.attentionShortcut)
    if (after !== before) {
      log.info('attention shortcut:', JSON.stringify(after))
      // At start-up there is no page yet: the window's standing notices carry it.
      for (const notice of shortcutNotice())
        pushToRenderer(current()?.webContents, 'notice', notice)
    }
  }

  // --- tray and notifications ------------------------------------------------------------
  const tray = createElectronTray(resourcePath('tray'), {
    openWindow: () => revealWindow(current() ?? (win = createWindow(false))),
    openSession: (id) => {
      if (!current()) win = createWindow(false)
      focusSession(id)
    },
    setNotificationsPaused: (paused) => {
      void core
        .dispatch('settings.update', { notifications: { doNotDisturb: paused } }, SHELL_CLIENT)
        .catch((error) => log.warn('could not pause notifications:', error))
    },
    installUpdate: () => void installUpdate().catch((error) => log.warn('install update:', error)),
    quit: () => app.quit(),
  })
  const notifier = createNativeNotifier(
    {
      focusSession,
      decide: (requestId, decision) => {
        void core
          .dispatch('permissions.decide', { id: requestId, decision }, SHELL_CLIENT)
          .catch((error) => log.warn('permission decision from notification failed:', error))
      },
    },
    (reason) => log.warn('ignored malformed notification:', reason),
  )
  // The core decides what to notify (settings, focus, rate limits) and what the tray shows.
  core.notifications.addSink({ show: (notification) => notifier.show(notification) })
  tray.show(core.tray.get())
  core.tray.onChange((state) => tray.show(state))
  applySettings(core.settings.get())
  core.settings.onChange(applySettings)
  electronUpdates?.onReady((ready) => {
    tray.setUpdateReady(ready.version)
    for (const notice of updateNotice()) pushToRenderer(current()?.webContents, 'notice', notice)
  })

  // --- menu ---------------------------------------------------------------------------------
  const showAbout = async (): Promise<void> => {
    const { response } = await dialog.showMessageBox({
      type: 'info',
      title: `About ${APP_NAME}`,
      message: `${APP_NAME} ${app.getVersion()}`,
      detail: [
        `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
        `Data: ${userData}`,
        `Logs: ${logsDir}`,
      ].join('\n'),
      buttons: ['OK', 'Open Logs Folder'],
      defaultId: 0,
    })
    if (response === 1) tryOpenExternal(logsDir, log)
  }
  const checkForUpdates = async (): Promise<void> => {
    const result = updates
      ? await updates.checkNow()
      : { kind: 'error' as const, message: 'updates work in packaged builds only' }
    const message =
      result.kind === 'available'
        ? `Atelier ${result.version} is available; it downloads in the background.`
        : result.kind === 'none'
          ? `Atelier ${app.getVersion()} is the newest version.`
          : `Could not check for updates: ${result.message}`
    await dialog.showMessageBox({ type: 'info', message, buttons: ['OK'] })
  }
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      applicationMenuTemplate({
        platform: process.platform,
        isDev: !app.isPackaged,
        appName: APP_NAME,
        actions: {
          showAbout: () => void showAbout(),
          openLogsFolder: () => tryOpenExternal(logsDir, log),
          checkForUpdates: () => void checkForUpdates(),
          openWebsite: () => tryOpenExternal(WEBSITE_URL, log),
        },
      }),
    ),
  )

  // --- the window -----------------------------------------------------------------------------
  function createWindow(startHidden: boolean): BrowserWindow {
    const created = openMainWindow({
      location,
      preloadPath: join(__dirname, '../preload/index.js'),
      iconPath: process.platform === 'linux' ? resourcePath('icons', '512x512.png') : undefined,
      windowStateFile: join(userData, 'window-state.json'),
      startHidden,
      log,
      connect: (clientId, push) => core.connect(clientId, push),
      standingNotices: () => [...updateNotice(), ...shortcutNotice()],
    })
    // The renderer reports the session it shows through `app.focus`; the shell adds window focus.
    const reportFocus = (): void =>
      core.notifications.setFocus({ windowFocused: !created.isDestroyed() && created.isFocused() })
    created.on('focus', reportFocus)
    created.on('blur', reportFocus)
    // Linux/Windows: closing the window quits, so ask first (cancel keeps the window open).
    created.on('close', (event) => {
      if (process.platform === 'darwin' || quit.approved) return
      event.preventDefault()
      void quit.confirm().then((ok) => ok && app.quit())
    })
    return created
  }
  win = createWindow(launchedAtLogin(app, launch.hidden) && !pendingFocus)
  if (pendingFocus) {
    const id = pendingFocus
    // Same settle delay as notices: the page must have subscribed before the push arrives.
    win.webContents.once('did-finish-load', () =>
      setTimeout(() => focusSession(id), NOTICE_AFTER_LOAD_DELAY_MS),
    )
  }
  onLaunchRequest = (request) => {
    if (!current()) win = createWindow(false)
    if (request.focusSessionId) focusSession(request.focusSessionId)
    else revealWindow(current())
  }
  app.on('activate', () => {
    if (current()) revealWindow(current())
    else win = createWindow(false)
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit() // macOS apps stay in the dock and menu bar
  })

  updates?.start()
}

void main().catch((error) => {
  log.error('fatal start-up error:', error)
  dialog.showErrorBox(`${APP_NAME} could not start`, String(error))
  process.exitCode = 1
  app.quit()
})
