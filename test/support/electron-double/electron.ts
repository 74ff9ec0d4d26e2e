/**
 * A test double of the `electron` module's main-process API, for what Atelier's shell uses: app
 * lifecycle, BrowserWindow and webContents, ipcMain, session, Tray, Menu, Notification, dialog,
 * shell, nativeTheme, safeStorage, powerMonitor, screen, nativeImage. Each export is typed against
 * electron.d.ts (`satisfies` / `implements Pick<…>`), so a signature that drifts from Electron's
 * fails the typecheck. It is NOT Electron: windows are Chromium pages driven by Playwright
 * (./chromium-window.ts), the preload runs in the page's main world (./preload-runtime.ts), and
 * OS integration (tray, notifications, dialogs, the keychain) is recorded for the test
 * (./control.ts), which plays the user through commands.
 */
import { EventEmitter } from 'node:events'
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type * as Electron from 'electron'
import { onCommand, record } from './control'
import { readOptions } from './options'
import { ChromiumPage, closeChromium, type IpcFromPage } from './chromium-window'
import { SingleInstance } from './single-instance'

const options = readOptions()

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => void

function preventable<T extends object>(params: T = {} as T): Electron.Event<T> {
  let prevented = false
  // A getter, not a copied value: listeners read it after an earlier listener prevented.
  return Object.defineProperties(params, {
    preventDefault: { value: () => void (prevented = true), enumerable: true },
    defaultPrevented: { get: () => prevented, enumerable: true },
  }) as Electron.Event<T>
}

// --- app ------------------------------------------------------------------------------------

/** The folder Electron was given: the nearest package.json above the main script. */
function findAppPath(): string {
  let dir = dirname(process.argv[1] ?? process.cwd())
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir)
    if (up === dir) throw new Error(`no package.json above ${process.argv[1]}`)
    dir = up
  }
  return dir
}
const appPath = findAppPath()
const appPackage = JSON.parse(readFileSync(join(appPath, 'package.json'), 'utf8')) as {
  name: string
  productName?: string
  version: string
}

class AppDouble extends EventEmitter {
  private ready = false
  private readonly readyPromise: Promise<void>
  private quitting = false
  private readonly keepAlive = setInterval(() => {}, 1 << 30)
  private readonly singleInstance = new SingleInstance()
  private readonly paths = new Map<string, string>()
  private loginItem = { openAtLogin: false }
  readonly isPackaged = options.packaged
  readonly commandLine = {
    appendSwitch: (name: string, value?: string) => record('app.commandLine', { name, value }),
    hasSwitch: () => false,
    getSwitchValue: () => '',
  }

  constructor() {
    super()
    this.readyPromise = new Promise((resolve) => {
      // Electron is ready after the main script's first turn of the event loop.
      setTimeout(() => {
        this.ready = true
        this.emit('will-finish-launching')
        this.emit('ready', preventable(), {})
        record('app.ready')
        resolve()
      }, 0)
    })
  }

  isReady(): boolean {
    return this.ready
  }
  whenReady(): Promise<void> {
    return this.readyPromise
  }
  getName(): string {
    return appPackage.productName ?? appPackage.name
  }
  getVersion(): string {
    return appPackage.version
  }
  getAppPath(): string {
    return appPath
  }
  getLocale(): string {
    return 'en-US'
  }
  /** Linux paths as Electron computes them (appData = XDG_CONFIG_HOME or ~/.config). */
  getPath(name: Parameters<Electron.App['getPath']>[0]): string {
    const set = this.paths.get(name)
    if (set) return set
    const home = process.env.HOME ?? homedir()
    const appData = process.env.XDG_CONFIG_HOME ?? join(home, '.config')
    const userData = this.paths.get('userData') ?? join(appData, this.getName())
    const known: Record<string, string> = {
      home,
      appData,
      userData,
      sessionData: userData,
      temp: tmpdir(),
      exe: process.execPath,
      logs: join(userData, 'logs'),
      desktop: join(home, 'Desktop'),
      documents: join(home, 'Documents'),
      downloads: join(home, 'Downloads'),
    }
    if (!(name in known)) throw new Error(`Failed to get '${name}' path`)
    return known[name]
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path)
  }
  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
    const dir = this.getPath('userData')
    const owned = this.singleInstance.acquire(
      dir,
      process.argv,
      additionalData,
      (argv, cwd, data) => this.emit('second-instance', preventable(), argv, cwd, data),
    )
    record('app.requestSingleInstanceLock', { owned, userData: dir })
    return owned
  }
  hasSingleInstanceLock(): boolean {
    return this.singleInstance.owned
  }
  releaseSingleInstanceLock(): void {
    this.singleInstance.release()
  }
  setAsDefaultProtocolClient(protocol: string): boolean {
    record('app.setAsDefaultProtocolClient', { protocol })
    return true
  }
  setLoginItemSettings(settings: Electron.Settings): void {
    this.loginItem = { openAtLogin: settings.openAtLogin ?? false }
    record('app.setLoginItemSettings', { ...settings })
  }
  getLoginItemSettings(): Electron.LoginItemSettings {
    return {
      openAtLogin: this.loginItem.openAtLogin,
      wasOpenedAtLogin: false,
      status: 'not-registered',
      executableWillLaunchAtLogin: this.loginItem.openAtLogin,
      launchItems: [],
    }
  }
  focus(): void {
    record('app.focus')
  }
  relaunch(): void {
    record('app.relaunch')
  }

  /**
   * Electron's order: before-quit (preventable) → every window is closed (a prevented 'close'
   * cancels the quit) → will-quit (preventable) → quit → the process exits.
   */
  quit(): void {
    if (this.quitting) return
    this.quitting = true
    record('app.quit')
    setImmediate(() => void this.runQuit())
  }
  private async runQuit(): Promise<void> {
    const cancel = (why: string) => {
      this.quitting = false
      record('app.quit-cancelled', { by: why })
    }
    const before = preventable()
    this.emit('before-quit', before)
    if (before.defaultPrevented) return cancel('before-quit')
    for (const win of BrowserWindowDouble.getAllWindows()) {
      win.close()
      if (!win.isDestroyed()) return cancel('close')
    }
    const will = preventable()
    this.emit('will-quit', will)
    if (will.defaultPrevented) return cancel('will-quit')
    this.emit('quit', preventable(), process.exitCode ?? 0)
    await this.exitNow(Number(process.exitCode ?? 0))
  }
  exit(code = 0): void {
    void this.exitNow(code)
  }
  private async exitNow(code: number): Promise<void> {
    record('app.exit', { code })
    await this.singleInstance.flush()
    this.singleInstance.release()
    await closeChromium()
    clearInterval(this.keepAlive)
    process.exit(code)
  }
  /** The last window closed outside a quit: Electron emits window-all-closed. */
  lastWindowClosed(): void {
    if (!this.quitting) this.emit('window-all-closed')
  }
}

export const app = new AppDouble()

// --- webContents and BrowserWindow -----------------------------------------------------------

let nextWebContentsId = 1
let nextWindowId = 1

class WebRequestDouble {
  headersListener: Listener | null = null
  onHeadersReceived(listener: Listener | null, maybe?: Listener | null): void {
    this.headersListener = maybe ?? listener
    record('session.webRequest.onHeadersReceived')
  }
}

class SessionDouble {
  readonly webRequest = new WebRequestDouble()
  permissionRequestHandler: Parameters<Electron.Session['setPermissionRequestHandler']>[0] = null
  permissionCheckHandler: Parameters<Electron.Session['setPermissionCheckHandler']>[0] = null
  setPermissionRequestHandler(handler: SessionDouble['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler
    record('session.setPermissionRequestHandler')
  }
  setPermissionCheckHandler(handler: SessionDouble['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler
    record('session.setPermissionCheckHandler')
  }
}

const defaultSession = new SessionDouble()
export const session = {
  get defaultSession() {
    return defaultSession as unknown as Electron.Session
  },
}

class WebContentsDouble extends EventEmitter {
  readonly id = nextWebContentsId++
  readonly session = defaultSession
  private destroyed = false
  private url = ''
  private openHandler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0] | null = null
  readonly page: ChromiumPage | null

  constructor(
    readonly owner: BrowserWindowDouble,
    readonly webPreferences: Electron.WebPreferences,
  ) {
    super()
    this.page = options.chromium
      ? new ChromiumPage({
          preload: webPreferences.preload,
          onIpc: (message) => this.fromPage(message),
          onLoaded: () => this.emit('did-finish-load', preventable()),
          onGone: (reason) =>
            this.emit('render-process-gone', preventable(), { reason, exitCode: 1 }),
          onPreloadError: (error) =>
            this.emit('preload-error', preventable(), webPreferences.preload, error),
          chromiumPath: options.chromiumPath,
          chromiumArgs: options.chromiumArgs,
        })
      : null
  }

  private fromPage(message: IpcFromPage): Promise<unknown> | void {
    const event = {
      sender: this,
      senderFrame: message.frame,
      processId: 1,
      frameId: message.frame.routingId,
    }
    record(`ipc.${message.kind}`, {
      webContentsId: this.id,
      channel: message.channel,
      args: message.args,
      frameUrl: message.frame.url,
    })
    if (message.kind === 'invoke')
      return ipcMain.invokeFromRenderer(event, message.channel, message.args)
    ipcMain.emit(
      message.channel,
      { ...event, returnValue: undefined, reply: () => {} },
      ...message.args,
    )
  }

  loadURL(url: string): Promise<void> {
    this.url = url
    record('webContents.loadURL', { webContentsId: this.id, url })
    if (!this.page) {
      setImmediate(() => this.emit('did-finish-load', preventable()))
      return Promise.resolve()
    }
    return this.page.load(url)
  }
  getURL(): string {
    return this.page?.url() ?? this.url
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed')
    record('webContents.send', { webContentsId: this.id, channel, args })
    this.page?.deliver(channel, args)
  }
  setWindowOpenHandler(handler: NonNullable<WebContentsDouble['openHandler']>): void {
    this.openHandler = handler
    record('webContents.setWindowOpenHandler', { webContentsId: this.id })
  }
  reload(): void {
    record('webContents.reload', { webContentsId: this.id })
    void this.page?.reload()
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  isLoading(): boolean {
    return false
  }
  isCrashed(): boolean {
    return false
  }
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    void this.page?.close()
    this.emit('destroyed')
  }
}

const windows = new Set<BrowserWindowDouble>()

class BrowserWindowDouble extends EventEmitter {
  readonly id = nextWindowId++
  readonly webContents: WebContentsDouble
  private destroyed = false
  private visible: boolean
  private focused = false
  private minimized = false
  private maximized = false
  private fullScreen = false
  private bounds: Electron.Rectangle
  private shownOnce = false

  static getAllWindows(): BrowserWindowDouble[] {
    return [...windows]
  }
  static getFocusedWindow(): BrowserWindowDouble | null {
    return [...windows].find((w) => w.focused) ?? null
  }
  static fromWebContents(contents: WebContentsDouble): BrowserWindowDouble | null {
    return [...windows].find((w) => w.webContents === contents) ?? null
  }

  constructor(readonly options: Electron.BrowserWindowConstructorOptions = {}) {
    super()
    if (!app.isReady()) throw new Error('Cannot create BrowserWindow before app is ready')
    this.visible = options.show !== false
    this.bounds = {
      x: options.x ?? 0,
      y: options.y ?? 0,
      width: options.width ?? 800,
      height: options.height ?? 600,
    }
    this.webContents = new WebContentsDouble(this, options.webPreferences ?? {})
    windows.add(this)
    record('BrowserWindow.new', {
      windowId: this.id,
      webContentsId: this.webContents.id,
      options: options,
    })
    app.emit('browser-window-created', preventable(), this)
    app.emit('web-contents-created', preventable(), this.webContents)
    this.webContents.once('did-finish-load', () => {
      if (!this.destroyed) this.emit('ready-to-show')
    })
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url)
  }
  show(): void {
    this.visible = true
    this.shownOnce = true
    record('BrowserWindow.show', { windowId: this.id })
    this.emit('show')
    this.focus()
  }
  hide(): void {
    this.visible = false
    record('BrowserWindow.hide', { windowId: this.id })
    this.emit('hide')
  }
  focus(): void {
    for (const other of windows) {
      if (other !== this && other.focused) {
        other.focused = false
        other.emit('blur')
      }
    }
    this.focused = true
    record('BrowserWindow.focus', { windowId: this.id })
    this.emit('focus')
  }
  blur(): void {
    if (!this.focused) return
    this.focused = false
    this.emit('blur')
  }
  isFocused(): boolean {
    return this.focused
  }
  isVisible(): boolean {
    return this.visible
  }
  isMinimized(): boolean {
    return this.minimized
  }
  minimize(): void {
    this.minimized = true
    this.emit('minimize')
  }
  restore(): void {
    this.minimized = false
    this.emit('restore')
  }
  maximize(): void {
    this.maximized = true
    this.emit('maximize')
  }
  isMaximized(): boolean {
    return this.maximized
  }
  setFullScreen(flag: boolean): void {
    this.fullScreen = flag
    this.emit(flag ? 'enter-full-screen' : 'leave-full-screen')
  }
  isFullScreen(): boolean {
    return this.fullScreen
  }
  getBounds(): Electron.Rectangle {
    return { ...this.bounds }
  }
  getNormalBounds(): Electron.Rectangle {
    return { ...this.bounds }
  }
  setBounds(bounds: Partial<Electron.Rectangle>): void {
    this.bounds = { ...this.bounds, ...bounds }
    this.emit('resize')
  }
  setBackgroundColor(color: string): void {
    record('BrowserWindow.setBackgroundColor', { windowId: this.id, color })
  }
  wasShown(): boolean {
    return this.shownOnce
  }
  /** Emits 'close' (preventable), then destroys the window. */
  close(): void {
    if (this.destroyed) return
    const event = preventable()
    this.emit('close', event)
    record('BrowserWindow.close', { windowId: this.id, prevented: event.defaultPrevented })
    if (!event.defaultPrevented) this.destroy()
  }
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    windows.delete(this)
    this.webContents.destroy()
    this.emit('closed')
    if (windows.size === 0) app.lastWindowClosed()
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
}

export const BrowserWindow = BrowserWindowDouble

// --- ipcMain -------------------------------------------------------------------------------------

class IpcMainDouble extends EventEmitter {
  private readonly handlers = new Map<string, Listener>()
  handle(
    channel: string,
    listener: (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown,
  ): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, listener)
    record('ipcMain.handle', { channel })
  }
  handleOnce(channel: string, listener: Listener): void {
    this.handle(channel, (...args) => {
      this.removeHandler(channel)
      return listener(...args)
    })
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
  /** What Electron does with an invoke: the handler's value, or a rejection naming the channel. */
  async invokeFromRenderer(event: object, channel: string, args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (!handler)
      throw new Error(
        `Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`,
      )
    try {
      return await handler(event, ...args)
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, {
        cause: error,
      })
    }
  }
}

export const ipcMain = new IpcMainDouble()

// --- nativeImage, Menu, Tray -------------------------------------------------------------------

class NativeImageDouble {
  constructor(readonly path: string) {}
  isEmpty(): boolean {
    return this.path === '' || !existsSync(this.path)
  }
  getSize(): Electron.Size {
    if (this.isEmpty()) return { width: 0, height: 0 }
    const png = readFileSync(this.path)
    return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
  }
}

export const nativeImage = {
  createFromPath: (path: string) => new NativeImageDouble(path),
  createEmpty: () => new NativeImageDouble(''),
}

class MenuItemDouble {
  readonly label: string
  readonly type: string
  readonly role?: string
  checked: boolean
  readonly enabled: boolean
  readonly submenu?: MenuDouble
  readonly click?: Electron.MenuItemConstructorOptions['click']
  constructor(template: Electron.MenuItemConstructorOptions) {
    this.label = template.label ?? ''
    this.type = template.type ?? (template.submenu ? 'submenu' : 'normal')
    this.role = template.role
    this.checked = template.checked ?? false
    this.enabled = template.enabled ?? true
    this.click = template.click
    if (template.submenu) {
      this.submenu = Array.isArray(template.submenu)
        ? MenuDouble.buildFromTemplate(template.submenu)
        : (template.submenu as unknown as MenuDouble)
    }
  }
  describe(): Record<string, unknown> {
    return {
      label: this.label,
      type: this.type,
      role: this.role,
      checked: this.checked,
      enabled: this.enabled,
      ...(this.submenu ? { submenu: this.submenu.describe() } : {}),
    }
  }
}

let applicationMenu: MenuDouble | null = null

class MenuDouble {
  readonly items: MenuItemDouble[] = []
  static buildFromTemplate(template: Electron.MenuItemConstructorOptions[]): MenuDouble {
    const menu = new MenuDouble()
    for (const item of template) menu.items.push(new MenuItemDouble(item))
    return menu
  }
  static setApplicationMenu(menu: MenuDouble | null): void {
    applicationMenu = menu
    record('Menu.setApplicationMenu', { menu: menu?.describe() ?? null })
  }
  static getApplicationMenu(): MenuDouble | null {
    return applicationMenu
  }
  describe(): Record<string, unknown>[] {
    return this.items.map((i) => i.describe())
  }
  /** A user's click: checkboxes flip first, as in Electron. */
  clickItem(path: string[]): void {
    const [label, ...rest] = path
    const item = this.items.find((i) => i.label === label)
    if (!item)
      throw new Error(
        `no menu item "${label}" in ${JSON.stringify(this.items.map((i) => i.label))}`,
      )
    if (rest.length > 0) return item.submenu!.clickItem(rest)
    if (!item.enabled) throw new Error(`menu item "${label}" is disabled`)
    if (item.type === 'checkbox') item.checked = !item.checked
    item.click?.(item as unknown as Electron.MenuItem, undefined, {} as Electron.KeyboardEvent)
  }
}

export const Menu = MenuDouble

const trays = new Set<TrayDouble>()

class TrayDouble extends EventEmitter {
  private image: NativeImageDouble
  private tooltip = ''
  private menu: MenuDouble | null = null
  private destroyed = false
  constructor(image: NativeImageDouble | string) {
    super()
    this.image = typeof image === 'string' ? new NativeImageDouble(image) : image
    trays.add(this)
    this.report()
  }
  private report(): void {
    record('tray', {
      image: this.image.path,
      imageExists: !this.image.isEmpty(),
      tooltip: this.tooltip,
      menu: this.menu?.describe() ?? null,
    })
  }
  setImage(image: NativeImageDouble | string): void {
    this.image = typeof image === 'string' ? new NativeImageDouble(image) : image
    this.report()
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip
    this.report()
  }
  setContextMenu(menu: MenuDouble | null): void {
    this.menu = menu
    this.report()
  }
  clickMenuItem(path: string[]): void {
    if (!this.menu) throw new Error('the tray has no menu')
    this.menu.clickItem(path)
  }
  destroy(): void {
    this.destroyed = true
    trays.delete(this)
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
}

export const Tray = TrayDouble

// --- Notification -------------------------------------------------------------------------------

let nextNotificationId = 1
const notifications = new Map<number, NotificationDouble>()

class NotificationDouble extends EventEmitter {
  readonly id = nextNotificationId++
  static isSupported(): boolean {
    return true
  }
  constructor(readonly options: Electron.NotificationConstructorOptions = {}) {
    super()
  }
  show(): void {
    notifications.set(this.id, this)
    record('Notification.show', { notificationId: this.id, options: this.options })
    this.emit('show', preventable())
  }
  close(): void {
    notifications.delete(this.id)
    this.emit('close', preventable({ reason: 'userCanceled' }))
  }
}

export const Notification = NotificationDouble

// --- globalShortcut ------------------------------------------------------------------------------

/** System-wide shortcuts: the app's registrations, and those another application holds. */
class GlobalShortcutDouble {
  private readonly held = new Map<string, () => void>()
  /** Accelerators the test says another application already holds. */
  readonly heldElsewhere = new Set<string>()
  register(accelerator: string, callback: () => void): boolean {
    if (this.heldElsewhere.has(accelerator) || this.held.has(accelerator)) return false
    this.held.set(accelerator, callback)
    this.report()
    return true
  }
  unregister(accelerator: string): void {
    if (this.held.delete(accelerator)) this.report()
  }
  unregisterAll(): void {
    this.held.clear()
    this.report()
  }
  isRegistered(accelerator: string): boolean {
    return this.held.has(accelerator)
  }
  /** The user presses the keys somewhere on the desktop. */
  press(accelerator: string): void {
    const callback = this.held.get(accelerator)
    if (!callback) throw new Error(`no global shortcut ${accelerator}`)
    callback()
  }
  private report(): void {
    record('globalShortcut', { registered: [...this.held.keys()] })
  }
}

export const globalShortcut = new GlobalShortcutDouble()

// --- dialog, shell -------------------------------------------------------------------------------

let nextDialogId = 1
const openDialogs = new Map<number, (answer: Record<string, unknown>) => void>()

function askUser<T>(
  kind: string,
  data: Record<string, unknown>,
  toResult: (answer: Record<string, unknown>) => T,
): Promise<T> {
  const id = nextDialogId++
  return new Promise<T>((resolve) => {
    openDialogs.set(id, (answer) => resolve(toResult(answer)))
    record(kind, { dialogId: id, ...data })
  })
}

function splitWindowArg<O>(a: unknown, b?: O): { window: BrowserWindowDouble | null; options: O } {
  return a instanceof BrowserWindowDouble
    ? { window: a, options: b as O }
    : { window: null, options: a as O }
}

export const dialog = {
  showMessageBox(
    a: unknown,
    b?: Electron.MessageBoxOptions,
  ): Promise<Electron.MessageBoxReturnValue> {
    const { window, options } = splitWindowArg(a, b)
    return askUser(
      'dialog.showMessageBox',
      { windowId: window?.id ?? null, options },
      (answer) => ({
        response: Number(answer.response ?? options.cancelId ?? 0),
        checkboxChecked: Boolean(answer.checkboxChecked),
      }),
    )
  },
  showSaveDialog(
    a: unknown,
    b?: Electron.SaveDialogOptions,
  ): Promise<Electron.SaveDialogReturnValue> {
    const { window, options } = splitWindowArg(a, b)
    return askUser('dialog.showSaveDialog', { windowId: window?.id ?? null, options }, (answer) =>
      typeof answer.filePath === 'string'
        ? { canceled: false, filePath: answer.filePath }
        : { canceled: true, filePath: '' },
    )
  },
  showErrorBox(title: string, content: string): void {
    record('dialog.showErrorBox', { title, content })
  },
}

export const shell = {
  openExternal(url: string, opts?: Electron.OpenExternalOptions): Promise<void> {
    record('shell.openExternal', { url, options: opts })
    return Promise.resolve()
  },
  openPath(path: string): Promise<string> {
    record('shell.openPath', { path })
    return Promise.resolve(existsSync(path) ? '' : `Failed to open path`)
  },
  showItemInFolder(path: string): void {
    record('shell.showItemInFolder', { path })
  },
  beep(): void {
    record('shell.beep')
  },
}

// --- nativeTheme, screen, powerMonitor ---------------------------------------------------------------

class NativeThemeDouble extends EventEmitter {
  private source: Electron.NativeTheme['themeSource'] = 'system'
  systemDark = false
  get themeSource(): Electron.NativeTheme['themeSource'] {
    return this.source
  }
  set themeSource(value: Electron.NativeTheme['themeSource']) {
    const changed = value !== this.source
    this.source = value
    record('nativeTheme.themeSource', { value })
    if (changed) this.emit('updated')
  }
  get shouldUseDarkColors(): boolean {
    return this.source === 'dark' || (this.source === 'system' && this.systemDark)
  }
}
export const nativeTheme = new NativeThemeDouble()

const DISPLAY: Electron.Display = {
  id: 1,
  label: 'double',
  bounds: { x: 0, y: 0, width: 1280, height: 800 },
  workArea: { x: 0, y: 0, width: 1280, height: 800 },
  size: { width: 1280, height: 800 },
  workAreaSize: { width: 1280, height: 800 },
  scaleFactor: 1,
  rotation: 0,
  internal: true,
  monochrome: false,
  accelerometerSupport: 'unknown',
  colorDepth: 24,
  colorSpace: '',
  depthPerComponent: 8,
  detected: true,
  displayFrequency: 60,
  maximumCursorSize: { width: 0, height: 0 },
  nativeOrigin: { x: 0, y: 0 },
  touchSupport: 'unknown',
}
export const screen = {
  getAllDisplays: (): Electron.Display[] => [DISPLAY],
  getPrimaryDisplay: (): Electron.Display => DISPLAY,
}

class PowerMonitorDouble extends EventEmitter {
  getSystemIdleTime(): number {
    return 0
  }
  getSystemIdleState(): 'active' {
    return 'active'
  }
  isOnBatteryPower(): boolean {
    return false
  }
  get onBatteryPower(): boolean {
    return false
  }
}
export const powerMonitor = new PowerMonitorDouble()

// --- safeStorage ------------------------------------------------------------------------------------

type Backend = ReturnType<Electron.SafeStorage['getSelectedStorageBackend']>

/** Linux: the --password-store switch, else the desktop environment, as Electron documents. */
function linuxBackend(): Backend {
  const flag = process.argv.find((a) => a.startsWith('--password-store='))?.slice(17)
  if (flag === 'basic') return 'basic_text'
  if (flag === 'gnome-libsecret') return 'gnome_libsecret'
  if (flag === 'kwallet' || flag === 'kwallet5' || flag === 'kwallet6') return flag
  const desktop = (process.env.XDG_CURRENT_DESKTOP ?? '').split(':')
  if (
    desktop.some((d) =>
      ['GNOME', 'X-Cinnamon', 'Deepin', 'Pantheon', 'XFCE', 'UKUI', 'Unity', 'unity'].includes(d),
    )
  )
    return 'gnome_libsecret'
  if (desktop.includes('KDE')) {
    const version = process.env.KDE_SESSION_VERSION
    return version === '5' ? 'kwallet5' : version === '6' ? 'kwallet6' : 'kwallet'
  }
  return 'basic_text'
}

/** The keychain: a key outside the app's data folder (XDG_DATA_HOME), like a real keyring. */
function keychainKey(): Buffer {
  const home = process.env.HOME ?? homedir()
  const file = join(
    process.env.XDG_DATA_HOME ?? join(home, '.local/share'),
    'electron-double-keyring',
    app.getName(),
  )
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, randomBytes(32), { mode: 0o600 })
  }
  return readFileSync(file)
}

function seal(plain: string): Buffer {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keychainKey(), iv)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return Buffer.concat([Buffer.from('v10'), iv, cipher.getAuthTag(), body])
}

function unseal(sealed: Buffer): string {
  if (sealed.subarray(0, 3).toString() !== 'v10')
    throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
  const decipher = createDecipheriv('aes-256-gcm', keychainKey(), sealed.subarray(3, 15))
  decipher.setAuthTag(sealed.subarray(15, 31))
  return Buffer.concat([decipher.update(sealed.subarray(31)), decipher.final()]).toString('utf8')
}

export const safeStorage = {
  isEncryptionAvailable: (): boolean => app.isReady(),
  isAsyncEncryptionAvailable: async (): Promise<boolean> => {
    await app.whenReady()
    return true
  },
  getSelectedStorageBackend: (): Backend => (app.isReady() ? linuxBackend() : 'unknown'),
  encryptString: (plain: string): Buffer => seal(plain),
  decryptString: (sealed: Buffer): string => unseal(sealed),
  encryptStringAsync: async (plain: string): Promise<Buffer> => seal(plain),
  decryptStringAsync: async (sealed: Buffer): Promise<Electron.DecryptStringAsyncReturnValue> => ({
    result: unseal(sealed),
    shouldReEncrypt: false,
  }),
  setUsePlainTextEncryption: (): void => {},
} satisfies Partial<Electron.SafeStorage>

// --- the test's side: commands ----------------------------------------------------------------------

onCommand('notification.click', ({ notificationId }) => {
  const note = notifications.get(Number(notificationId))
  if (!note) throw new Error(`no notification ${notificationId}`)
  note.emit('click', preventable())
})
onCommand('notification.action', ({ notificationId, actionIndex }) => {
  const note = notifications.get(Number(notificationId))
  if (!note) throw new Error(`no notification ${notificationId}`)
  const index = Number(actionIndex)
  note.emit('action', preventable({ actionIndex: index, selectionIndex: -1 }), index)
})
onCommand('dialog.answer', (answer) => {
  const resolve = openDialogs.get(Number(answer.dialogId))
  if (!resolve) throw new Error(`no open dialog ${answer.dialogId}`)
  openDialogs.delete(Number(answer.dialogId))
  resolve(answer)
})
onCommand('tray.clickMenuItem', ({ path }) => {
  const [tray] = trays
  if (!tray) throw new Error('no tray')
  tray.clickMenuItem(path as string[])
})
onCommand('menu.clickItem', ({ path }) => {
  if (!applicationMenu) throw new Error('no application menu')
  applicationMenu.clickItem(path as string[])
})
onCommand('globalShortcut.press', ({ accelerator }) => globalShortcut.press(String(accelerator)))
onCommand('globalShortcut.holdElsewhere', ({ accelerator }) =>
  globalShortcut.heldElsewhere.add(String(accelerator)),
)
onCommand('app.quit', () => app.quit())
onCommand('window.close', ({ windowId }) => {
  const win = [...windows].find((w) => w.id === Number(windowId))
  if (!win) throw new Error(`no window ${windowId}`)
  win.close()
})
onCommand('window.blur', ({ windowId }) =>
  [...windows].find((w) => w.id === Number(windowId))?.blur(),
)
onCommand('window.state', ({ windowId }) => {
  const win = [...windows].find((w) => w.id === Number(windowId))
  return win
    ? { visible: win.isVisible(), focused: win.isFocused(), url: win.webContents.getURL() }
    : null
})
onCommand('page.evaluate', async ({ windowId, expression }) => {
  const win = [...windows].find((w) => w.id === Number(windowId))
  if (!win?.webContents.page) throw new Error(`no page for window ${windowId}`)
  return win.webContents.page.evaluate(String(expression))
})
onCommand('page.screenshot', async ({ windowId, path }) => {
  const win = [...windows].find((w) => w.id === Number(windowId))
  if (!win?.webContents.page) throw new Error(`no page for window ${windowId}`)
  await win.webContents.page.screenshot(String(path))
})
onCommand('session.requestPermission', async ({ permission, mediaTypes }) => {
  const handler = defaultSession.permissionRequestHandler
  if (!handler) return null
  const [win] = windows
  return new Promise<boolean>((resolve) =>
    handler(
      win?.webContents as unknown as Electron.WebContents,
      permission as Parameters<NonNullable<typeof handler>>[1],
      resolve,
      {
        mediaTypes,
        requestingUrl: win?.webContents.getURL() ?? '',
        isMainFrame: true,
      } as unknown as Electron.PermissionRequest,
    ),
  )
})
// An invoke arriving from a window as if a page at `frameUrl` were loaded in it (a navigated or
// injected frame): what the shell's sender check is for.
onCommand('ipc.invokeAs', async ({ windowId, frameUrl, subframe, channel, args }) => {
  const win = [...windows].find((w) => w.id === Number(windowId))
  if (!win) throw new Error(`no window ${windowId}`)
  const url = String(frameUrl)
  const event = {
    sender: win.webContents,
    senderFrame: {
      url,
      parent: subframe ? { url: win.webContents.getURL() } : null,
      name: '',
      routingId: 0,
    },
    processId: 1,
    frameId: 0,
  }
  record('ipc.invoke', { webContentsId: win.webContents.id, channel, args, frameUrl: url })
  try {
    return {
      ok: true,
      value: await ipcMain.invokeFromRenderer(event, String(channel), args as unknown[]),
    }
  } catch (error) {
    return { ok: false, error: String(error) }
  }
})
onCommand('powerMonitor.emit', ({ event }) => void powerMonitor.emit(String(event)))
onCommand('nativeTheme.setSystemDark', ({ dark }) => {
  nativeTheme.systemDark = Boolean(dark)
  nativeTheme.emit('updated')
})

// Type checks against electron.d.ts for the parts whose shapes the shell relies on.
export type Checks = [
  Pick<
    Electron.App,
    | 'whenReady'
    | 'getPath'
    | 'getVersion'
    | 'getAppPath'
    | 'quit'
    | 'exit'
    | 'requestSingleInstanceLock'
    | 'setAsDefaultProtocolClient'
    | 'getLoginItemSettings'
    | 'setLoginItemSettings'
    | 'isReady'
    | 'getName'
  >,
]
const _app: Checks[0] = app
const _ipc: Pick<Electron.IpcMain, 'removeHandler'> = ipcMain
const _dialog: Pick<Electron.Dialog, 'showErrorBox'> = dialog
const _shell: Pick<Electron.Shell, 'openExternal' | 'openPath' | 'showItemInFolder' | 'beep'> =
  shell
const _theme: Pick<Electron.NativeTheme, 'themeSource' | 'shouldUseDarkColors'> = nativeTheme
const _power: Pick<Electron.PowerMonitor, 'getSystemIdleTime' | 'isOnBatteryPower'> = powerMonitor
const _screen: Pick<Electron.Screen, 'getAllDisplays' | 'getPrimaryDisplay'> = screen
const _shortcut: Pick<
  Electron.GlobalShortcut,
  'register' | 'unregister' | 'unregisterAll' | 'isRegistered'
> = globalShortcut
export const typeChecks = [_app, _ipc, _dialog, _shell, _theme, _power, _screen, _shortcut]
