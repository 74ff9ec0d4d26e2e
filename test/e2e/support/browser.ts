/** Debian Chromium driven by playwright-core, software WebGL (SwiftShader), no network. */
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './headless'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium'
import { HANG_TIMEOUT_MS } from '../../support/patience'

export { CHROMIUM_PATH }

export const RESULTS_DIR = join(ROOT, 'test-results')

export interface Browser {
  context: BrowserContext
  page: Page
  errors: string[]
  close(): Promise<void>
}

export async function openBrowser(viewport = { width: 1280, height: 800 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'atelier-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  })
  // Every Playwright wait waits for a state; its timeout only catches a hang.
  context.setDefaultTimeout(HANG_TIMEOUT_MS)
  const page = context.pages()[0] ?? (await context.newPage())
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  return {
    context,
    page,
    errors,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true })
  const file = join(RESULTS_DIR, `${name}.png`)
  await page.screenshot({ path: file })
  return file
}

/** Share of sampled canvas pixels that differ from the top-left (background) pixel. */
export async function canvasNonBlankRatio(page: Page, selector = 'canvas'): Promise<number> {
  return page.evaluate((sel) => {
    const canvas = document.querySelector(sel) as HTMLCanvasElement | null
    if (!canvas || canvas.width === 0) return 0
    const copy = document.createElement('canvas')
    copy.width = canvas.width
    copy.height = canvas.height
    const ctx = copy.getContext('2d')!
    ctx.drawImage(canvas, 0, 0)
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height)
    const [r0, g0, b0] = [data[0], data[1], data[2]]
    let differ = 0
    let total = 0
    for (let i = 0; i < data.length; i += 4 * 97) {
      total++
      if (Math.abs(data[i] - r0) + Math.abs(data[i + 1] - g0) + Math.abs(data[i + 2] - b0) > 24)
        differ++
    }
    return differ / total
  }, selector)
}

/**
 * Waits until more than `minRatio` of the canvas differs from the background (software WebGL may
 * need several frames under load) and returns the ratio; fails with the last ratio on a hang.
 */
export async function waitForCanvasNonBlank(
  page: Page,
  minRatio: number,
  selector = 'canvas',
): Promise<number> {
  const deadline = Date.now() + HANG_TIMEOUT_MS
  for (;;) {
    const ratio = await canvasNonBlankRatio(page, selector)
    if (ratio > minRatio) return ratio
    if (Date.now() > deadline)
      throw new Error(`canvas stayed blank (${(ratio * 100).toFixed(2)}% of pixels differ)`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
