/// <reference lib="dom" />
/**
 * Headless Chromium for scene tests (docs/testing.md#chromium): SwiftShader WebGL, a fresh profile, and
 * helpers to read the scene debug hook and sample the canvas pixels.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium'
import { HANG_TIMEOUT_MS } from '../../support/patience'

export { CHROMIUM_ARGS }

export interface SceneBrowser {
  context: BrowserContext
  page: Page
  pageErrors: string[]
  /** The browser's profile folder: unique to this browser, it names its processes. */
  profile: string
  close(): Promise<void>
}

export async function openScene(
  url: string,
  viewport = { width: 1280, height: 800 },
  colorScheme: 'dark' | 'light' = 'dark',
): Promise<SceneBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'atelier-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    // What the OS would say; the app's own theme setting (dark on a first run) decides.
    colorScheme,
  })
  // Every Playwright wait waits for a state; its timeout only catches a hang.
  context.setDefaultTimeout(HANG_TIMEOUT_MS)
  const page = context.pages()[0] ?? (await context.newPage())
  const pageErrors: string[] = []
  page.on('pageerror', (e) => pageErrors.push(String(e)))
  await page.goto(url)
  await page.waitForFunction(() => !!window.__atelierScene)
  return {
    context,
    page,
    pageErrors,
    profile,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

export interface SceneObject {
  name: string
  id: string
  position: [number, number, number]
  visible: boolean
  text?: string
  station?: string
  state?: string
  status?: string
  look?: string
  style?: string
}

/** CSS px from the canvas's top-left corner. */
export interface ScreenRect {
  x: number
  y: number
  w: number
  h: number
}

export interface OverlayItem {
  key: string
  kind: string
  sessionId: string
  visible: boolean
  text: string
  rect: ScreenRect | null
  compact: boolean
}

export interface Snapshot {
  zones: SceneObject[]
  robots: SceneObject[]
  subagents: SceneObject[]
  labels: SceneObject[]
  stations: SceneObject[]
  tiles: SceneObject[]
  pills: SceneObject[]
  pendingZones: string[]
  framesRendered: number
  cameraMode: string
  cameraMoving: boolean
  drawCalls: number
  triangles: number
  geometries: number
  textures: number
  view: { w: number; h: number }
  overlay: OverlayItem[]
  robotRects: { id: string; rect: ScreenRect }[]
}

declare global {
  interface Window {
    __atelierScene?: { snapshot(): Snapshot; framesRendered(): number }
  }
}

export function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(() => window.__atelierScene!.snapshot())
}

/** Waits until `check` holds for the scene snapshot. */
export async function waitForScene(
  page: Page,
  check: (s: Snapshot) => boolean,
  what: string,
  timeoutMs = HANG_TIMEOUT_MS,
): Promise<Snapshot> {
  const deadline = Date.now() + timeoutMs
  let last: Snapshot | null = null
  while (Date.now() < deadline) {
    last = await snapshot(page)
    if (check(last)) return last
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(
    `timed out waiting for ${what}; last snapshot: ${JSON.stringify(last, null, 1).slice(0, 3000)}`,
  )
}

/** Share of sampled canvas pixels that differ from the background, and distinct colours seen. */
export function canvasStats(
  page: Page,
): Promise<{ offBackground: number; colors: number; width: number; height: number }> {
  return page.evaluate(() => {
    const canvas = document.querySelector('canvas') as HTMLCanvasElement
    const copy = document.createElement('canvas')
    copy.width = canvas.width
    copy.height = canvas.height
    const ctx = copy.getContext('2d')!
    ctx.drawImage(canvas, 0, 0)
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height)
    // The scene background is #080c14.
    const bg = [8, 12, 20]
    let off = 0
    let total = 0
    const colors = new Set<number>()
    for (let i = 0; i < data.length; i += 4 * 7) {
      total++
      const d =
        Math.abs(data[i] - bg[0]) + Math.abs(data[i + 1] - bg[1]) + Math.abs(data[i + 2] - bg[2])
      if (d > 24) off++
      colors.add(((data[i] >> 4) << 8) | ((data[i + 1] >> 4) << 4) | (data[i + 2] >> 4))
    }
    return {
      offBackground: off / total,
      colors: colors.size,
      width: copy.width,
      height: copy.height,
    }
  })
}
