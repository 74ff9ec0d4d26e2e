/// <reference lib="dom" />
/**
 * Load bench (`npm run bench:load`, builds the production renderer first). Prints one JSON object:
 *  - the renderer's bundle: every asset's size (raw and gzip), and what the first load fetches
 *    (the entry script, its stylesheet and the chunks index.html preloads)
 *  - in headless Chromium (SwiftShader), each run in a fresh browser context (cold cache) against
 *    the built app in headless mode: first contentful paint, and the first scene frame — the
 *    animation frame after the page's first WebGL draw call, seen through an init script that
 *    wraps the WebGL context (the app carries no hook for this)
 * Medians over BENCH_LOAD_RUNS runs (default 7). Timings are from navigation start.
 * ATELIER_OUT_DIR measures another build (its main/ and renderer/).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { outDir, startSceneApp } from '../e2e/support/scene-app'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/chromium'
import { finish } from '../../src/main/core/util/finish'
import { HANG_TIMEOUT_MS } from '../support/patience'

const RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 7)
const KB = 1024

interface Asset {
  file: string
  kb: number
  gzipKb: number
}

const kb = (bytes: number) => Math.round((bytes / KB) * 10) / 10

function bundle(): {
  assets: Asset[]
  totalKb: number
  firstLoad: string[]
  firstLoadKb: number
  firstLoadGzipKb: number
} {
  const dir = join(outDir(), 'renderer')
  const assets: Asset[] = readdirSync(join(dir, 'assets'))
    .filter((f) => statSync(join(dir, 'assets', f)).isFile())
    .map((f) => {
      const data = readFileSync(join(dir, 'assets', f))
      return { file: f, kb: kb(data.length), gzipKb: kb(gzipSync(data).length) }
    })
    .sort((a, b) => b.kb - a.kb)
  // What index.html names (entry script, stylesheet, modulepreload links) is fetched at once.
  const html = readFileSync(join(dir, 'index.html'), 'utf8')
  const firstLoad = [...html.matchAll(/(?:src|href)="\.?\/?assets\/([^"]+)"/g)].map((m) => m[1])
  const first = assets.filter((a) => firstLoad.includes(a.file))
  const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 10) / 10
  return {
    assets,
    totalKb: sum(assets.map((a) => a.kb)),
    firstLoad,
    firstLoadKb: sum(first.map((a) => a.kb)),
    firstLoadGzipKb: sum(first.map((a) => a.gzipKb)),
  }
}

/** Runs before any page script: notes the frame after the first WebGL draw call. */
const FIRST_DRAW_PROBE = `(() => {
  window.__benchFirstSceneFrame = null
  const getContext = HTMLCanvasElement.prototype.getContext
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    const ctx = getContext.call(this, type, ...rest)
    if (ctx && (type === 'webgl2' || type === 'webgl') && !ctx.__benchWrapped) {
      ctx.__benchWrapped = true
      for (const name of ['drawElements', 'drawArrays', 'drawElementsInstanced', 'drawArraysInstanced']) {
        const draw = ctx[name]
        if (typeof draw !== 'function') continue
        let seen = false
        ctx[name] = function (...args) {
          if (!seen) {
            seen = true
            requestAnimationFrame(() => {
              if (window.__benchFirstSceneFrame === null) window.__benchFirstSceneFrame = performance.now()
            })
          }
          return draw.apply(this, args)
        }
      }
    }
    return ctx
  }
})()`

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? Math.round(s[Math.floor(s.length / 2)]) : null
}

async function main(): Promise<void> {
  const sizes = bundle()
  const app = await startSceneApp({ probe: false })
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  const runs: { fcpMs: number; firstSceneFrameMs: number; domContentLoadedMs: number }[] = []
  const loadBefore = loadavg()[0]
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        colorScheme: 'dark',
      })
      context.setDefaultTimeout(HANG_TIMEOUT_MS)
      await context.addInitScript(FIRST_DRAW_PROBE)
      const page = await context.newPage()
      await page.goto(app.url)
      await page.waitForFunction(
        () =>
          performance.getEntriesByName('first-contentful-paint').length > 0 &&
          (window as unknown as { __benchFirstSceneFrame: number | null })
            .__benchFirstSceneFrame !== null,
      )
      runs.push(
        await page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
          return {
            fcpMs: performance.getEntriesByName('first-contentful-paint')[0].startTime,
            firstSceneFrameMs: (window as unknown as { __benchFirstSceneFrame: number })
              .__benchFirstSceneFrame,
            domContentLoadedMs: nav.domContentLoadedEventEnd,
          }
        }),
      )
      await context.close()
    }
  } finally {
    await browser.close()
    await app.close()
  }
  const result = {
    bench: 'load',
    renderer: {
      totalKb: sizes.totalKb,
      firstLoadKb: sizes.firstLoadKb,
      firstLoadGzipKb: sizes.firstLoadGzipKb,
      firstLoad: sizes.firstLoad,
      assets: sizes.assets,
    },
    runs: RUNS,
    medianMs: {
      firstContentfulPaint: median(runs.map((r) => r.fcpMs)),
      firstSceneFrame: median(runs.map((r) => r.firstSceneFrameMs)),
      domContentLoaded: median(runs.map((r) => r.domContentLoadedMs)),
    },
    eachRunMs: runs.map((r) => ({
      fcp: Math.round(r.fcpMs),
      sceneFrame: Math.round(r.firstSceneFrameMs),
      domContentLoaded: Math.round(r.domContentLoadedMs),
    })),
    machine: { cpus: cpus().length, loadAverageBefore: loadBefore, loadAverageAfter: loadavg()[0] },
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
}

main().then(
  () => finish(0),
  (err: unknown) => {
    console.error(err)
    finish(1)
  },
)
