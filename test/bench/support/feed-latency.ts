/// <reference lib="dom" />
/**
 * How long a brand-new session's first event takes to show in the feed: the hook is posted from
 * Node; in the page a MutationObserver notes when the feed gains the "Session started" row, and
 * the next animation frame (when that row is painted). Both clocks are the machine's wall clock.
 * Each probe session is deleted once its zone is in the scene, so the workshop keeps its size.
 * An init script notes when each probe's first WebSocket message reaches the page, which splits
 * the time into the core's part (hook → message) and the page's (message → row). Every other
 * sample waits until the workshop has drawn nothing for a second first; the others come right
 * after the previous probe's zone left, while the camera re-frames the workshop, so both a quiet
 * page and one busy drawing frames are measured (rowAtRest… and rowWhileDrawing…).
 */
import type { Page } from 'playwright-core'
import type { SceneApp } from '../../e2e/support/scene-app'
import { waitForScene } from '../../e2e/support/scene-browser'

declare global {
  interface Window {
    __feedProbe?: { known: Set<string>; rowAt: number | null; paintedAt: number | null }
    /** Probe number → when its first WebSocket message arrived (wall clock, ms). */
    __probeArrivals?: Record<string, number>
  }
}

/** Wraps the page's WebSocket to note probe arrivals; reloads the page so it takes effect. */
export async function installArrivalProbe(page: Page): Promise<void> {
  await page.context().addInitScript(() => {
    const Native = window.WebSocket
    window.WebSocket = class extends Native {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args)
        this.addEventListener('message', (e: MessageEvent) => {
          if (typeof e.data !== 'string') return
          const m = /feed-probe-(\d+)/.exec(e.data)
          if (!m) return
          const seen = (window.__probeArrivals ??= {})
          seen[m[1]] ??= Date.now()
        })
      }
    }
  })
  await page.reload()
  await page.waitForFunction(() => !!window.__atelierScene, undefined, { timeout: 30_000 })
}

export interface FeedLatency {
  samples: number
  /** Hook posted → row in the DOM. */
  rowP50Ms: number
  rowP99Ms: number
  rowMaxMs: number
  /** Hook posted → the frame after the row was added (painted). */
  paintedP50Ms: number
  paintedP99Ms: number
  /** Hook posted → the message reaches the page (the core's part). */
  arrivalP50Ms: number
  arrivalP99Ms: number
  /** Message reaches the page → row in the DOM / painted (the page's part). */
  arrivalToRowP50Ms: number
  arrivalToRowP99Ms: number
  arrivalToPaintP99Ms: number
  /** Hook posted → row, for the samples taken at rest and those taken while frames were drawn. */
  rowAtRestP50Ms: number
  rowAtRestP99Ms: number
  rowWhileDrawingP50Ms: number
  rowWhileDrawingP99Ms: number
}

const REST_WAIT_MS = 1000

/** Resolves once a whole second passes without a rendered frame. */
async function waitForRest(page: Page): Promise<void> {
  const frames = () => page.evaluate(() => window.__atelierScene!.framesRendered())
  for (;;) {
    const before = await frames()
    await new Promise((r) => setTimeout(r, REST_WAIT_MS))
    if ((await frames()) === before) return
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

async function arm(page: Page): Promise<void> {
  // No named inner functions: the TypeScript loader would wrap them in a helper the page lacks.
  await page.evaluate(() => {
    if (!window.__feedProbe) {
      const probe = { known: new Set<string>(), rowAt: null, paintedAt: null } as NonNullable<
        Window['__feedProbe']
      >
      window.__feedProbe = probe
      new MutationObserver(() => {
        if (probe.rowAt !== null) return
        for (const el of document.querySelectorAll<HTMLElement>('[data-testid="feed-item"]')) {
          const key = el.dataset.key ?? ''
          if (probe.known.has(key) || !el.textContent?.includes('Session started')) continue
          probe.rowAt = Date.now()
          requestAnimationFrame(() => (probe.paintedAt = Date.now()))
          return
        }
      }).observe(document.body, { childList: true, subtree: true })
    }
    const probe = window.__feedProbe
    probe.known = new Set(
      [...document.querySelectorAll<HTMLElement>('[data-testid="feed-item"]')].map(
        (el) => el.dataset.key ?? '',
      ),
    )
    probe.rowAt = null
    probe.paintedAt = null
  })
}

export async function measureFeedLatency(
  app: SceneApp,
  page: Page,
  samples: number,
  deleteSession: (id: string) => Promise<void>,
): Promise<FeedLatency> {
  const rows: number[] = []
  const painted: number[] = []
  const arrivals: number[] = []
  const toRow: number[] = []
  const toPaint: number[] = []
  const atRest: number[] = []
  const whileDrawing: number[] = []
  for (let i = 0; i < samples; i++) {
    const sid = `feed-probe-${i}`
    const quiet = i % 2 === 0
    if (quiet) await waitForRest(page)
    await arm(page)
    const sentAt = Date.now()
    await app.hook({
      hook_event_name: 'SessionStart',
      session_id: sid,
      cwd: `/tmp/bench/feed-probe-${i}`,
      source: 'startup',
    })
    await page.waitForFunction(() => window.__feedProbe?.paintedAt != null, undefined, {
      timeout: 30_000,
    })
    const t = await page.evaluate(
      (n) => ({
        row: window.__feedProbe!.rowAt!,
        painted: window.__feedProbe!.paintedAt!,
        arrived: window.__probeArrivals?.[n] ?? NaN,
      }),
      String(i),
    )
    rows.push(t.row - sentAt)
    const split = quiet ? atRest : whileDrawing
    split.push(t.row - sentAt)
    painted.push(t.painted - sentAt)
    if (Number.isFinite(t.arrived)) {
      arrivals.push(t.arrived - sentAt)
      toRow.push(t.row - t.arrived)
      toPaint.push(t.painted - t.arrived)
    }
    // Let the zone appear (the scene work the feed must not wait for), then remove it.
    const s = await waitForScene(
      page,
      (x) => x.labels.some((l) => l.text?.endsWith(`feed-probe-${i}`)),
      `zone of ${sid}`,
      30_000,
    )
    const zone = s.labels.find((l) => l.text?.endsWith(`feed-probe-${i}`))!
    await deleteSession(zone.id)
    await waitForScene(page, (x) => !x.zones.some((z) => z.id === zone.id), `${sid} gone`, 30_000)
  }
  for (const list of [rows, painted, arrivals, toRow, toPaint, atRest, whileDrawing])
    list.sort((a, b) => a - b)
  return {
    samples,
    rowP50Ms: percentile(rows, 50),
    rowP99Ms: percentile(rows, 99),
    rowMaxMs: rows[rows.length - 1],
    paintedP50Ms: percentile(painted, 50),
    paintedP99Ms: percentile(painted, 99),
    arrivalP50Ms: percentile(arrivals, 50),
    arrivalP99Ms: percentile(arrivals, 99),
    arrivalToRowP50Ms: percentile(toRow, 50),
    arrivalToRowP99Ms: percentile(toRow, 99),
    arrivalToPaintP99Ms: percentile(toPaint, 99),
    rowAtRestP50Ms: percentile(atRest, 50),
    rowAtRestP99Ms: percentile(atRest, 99),
    rowWhileDrawingP50Ms: percentile(whileDrawing, 50),
    rowWhileDrawingP99Ms: percentile(whileDrawing, 99),
  }
}
