/**
 * The double's windows are pages of one headless Chromium (Debian's, through playwright-core),
 * started by the first BrowserWindow. Each page gets the window's preload (./preload-runtime.ts)
 * and two Playwright bindings: IPC from the page, and preload failures.
 *
 * Chromium is started with --allow-file-access-from-files: Electron serves file:// pages as a
 * privileged scheme that may load the app's ES modules, which plain Chromium refuses otherwise.
 */
import { readFileSync } from 'node:fs'
import { chromium, type Browser, type Frame, type Page } from 'playwright-core'
import { record } from './control'
import { preloadScript } from './preload-runtime'

export interface FrameInfo {
  url: string
  parent: { url: string } | null
  name: string
  routingId: number
}

export interface IpcFromPage {
  kind: 'invoke' | 'send'
  channel: string
  args: unknown[]
  frame: FrameInfo
}

export interface PageOptions {
  preload?: string
  onIpc(message: IpcFromPage): unknown
  onLoaded(): void
  onGone(reason: 'crashed'): void
  onPreloadError(error: Error): void
  chromiumPath?: string
  chromiumArgs?: string[]
}

const DEFAULT_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
]
let browser: Promise<Browser> | null = null
const frameIds = new WeakMap<Frame, number>()
let nextFrameId = 1

function launch(options: PageOptions): Promise<Browser> {
  browser ??= chromium.launch({
    executablePath: options.chromiumPath ?? '/usr/bin/chromium',
    headless: true,
    args: [...(options.chromiumArgs ?? DEFAULT_ARGS), '--allow-file-access-from-files'],
  })
  return browser
}

export async function closeChromium(): Promise<void> {
  const running = browser
  browser = null
  if (running) await (await running).close().catch(() => {})
}

function frameInfo(frame: Frame): FrameInfo {
  if (!frameIds.has(frame)) frameIds.set(frame, nextFrameId++)
  const parent = frame.parentFrame()
  return {
    url: frame.url(),
    parent: parent ? { url: parent.url() } : null,
    name: frame.name(),
    routingId: frameIds.get(frame)!,
  }
}

export class ChromiumPage {
  private readonly page: Promise<Page>
  private deliveries: Promise<void> = Promise.resolve()
  private lastUrl = ''
  private closed = false

  constructor(options: PageOptions) {
    this.page = this.open(options)
    this.page.catch((error) => record('page.open-failed', { message: String(error) }))
  }

  private async open(options: PageOptions): Promise<Page> {
    const context = await (
      await launch(options)
    ).newContext({ viewport: { width: 1280, height: 800 } })
    await context.exposeBinding('__electronDoubleIpc', (source, kind, channel, args) =>
      options.onIpc({ kind, channel, args, frame: frameInfo(source.frame) }),
    )
    await context.exposeBinding('__electronDoublePreloadError', (_source, message: string) =>
      options.onPreloadError(new Error(message)),
    )
    if (options.preload)
      await context.addInitScript(preloadScript(readFileSync(options.preload, 'utf8')))
    const page = await context.newPage()
    page.on('load', () => {
      this.lastUrl = page.url()
      options.onLoaded()
    })
    page.on('crash', () => options.onGone('crashed'))
    page.on('pageerror', (error) => record('page.error', { message: String(error) }))
    page.on('console', (message) => {
      if (message.type() === 'error') record('page.console-error', { text: message.text() })
    })
    return page
  }

  async load(url: string): Promise<void> {
    const page = await this.page
    await page.goto(url)
  }
  url(): string {
    return this.lastUrl
  }
  async reload(): Promise<void> {
    await (await this.page).reload()
  }
  /** `webContents.send`: delivered to the page's ipcRenderer listeners, in order. */
  deliver(channel: string, args: unknown[]): void {
    this.deliveries = this.deliveries
      .then(async () => {
        const page = await this.page
        await page.evaluate(
          ([c, a]) =>
            (
              window as unknown as { __electronDoubleDeliver?: (c: string, a: unknown[]) => void }
            ).__electronDoubleDeliver?.(c, a),
          [channel, args] as [string, unknown[]],
        )
      })
      .catch((error) => {
        if (!this.closed) record('page.deliver-failed', { channel, message: String(error) })
      })
  }
  async evaluate(expression: string): Promise<unknown> {
    return (await this.page).evaluate(expression)
  }
  async screenshot(path: string): Promise<void> {
    await (await this.page).screenshot({ path })
  }
  async close(): Promise<void> {
    this.closed = true
    const page = await this.page.catch(() => null)
    await page
      ?.context()
      .close()
      .catch(() => {})
  }
}
