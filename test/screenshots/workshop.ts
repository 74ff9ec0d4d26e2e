/**
 * `npm run screenshots`: renders the stored workshop fixture (test/e2e/support/workshop-fixture.ts)
 * with the built app in headless Chromium and writes the README's pictures to docs/screenshots/:
 * the first-run workshop, then the fixture in the overview and in close-up (and with the station
 * panels), in the dark and the light theme, and last the room with nine more sessions.
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { startSceneApp } from '../e2e/support/scene-app'
import { openScene } from '../e2e/support/scene-browser'
import {
  setTheme,
  settle,
  showCloseUp,
  showOverview,
  stageFixture,
  stageTwelve,
  togglePanels,
} from '../e2e/support/workshop-frames'
import { finish } from '../../src/main/core/util/finish'

const OUT = resolve(import.meta.dirname, '../../docs/screenshots')
const VIEWPORT = { width: 1440, height: 900 }

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUT, `${name}.png`) })
  console.log(`docs/screenshots/${name}.png`)
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true })
  const app = await startSceneApp()
  const browser = await openScene(app.url, VIEWPORT)
  const { page } = browser
  let repos: Awaited<ReturnType<typeof stageFixture>> | null = null
  try {
    await page.waitForSelector('[data-testid="first-run"]', { state: 'visible' })
    await settle(page)
    await shoot(page, 'first-run-dark')

    repos = await stageFixture(app, page)
    await showOverview(page)
    await shoot(page, 'overview-dark')
    await showCloseUp(page)
    await shoot(page, 'closeup-dark')
    await togglePanels(page, true)
    await shoot(page, 'panels-dark')
    await togglePanels(page, false)

    await setTheme(app, page, 'light')
    await settle(page)
    await shoot(page, 'closeup-light')
    await showOverview(page)
    await shoot(page, 'overview-light')

    // The same room at the scale of the original's picture: nine more sessions that finished.
    await setTheme(app, page, 'dark')
    await stageTwelve(app, page)
    await showOverview(page)
    await shoot(page, 'overview-twelve-dark')
    if (browser.pageErrors.length > 0)
      throw new Error(`page errors: ${browser.pageErrors.join('\n')}`)
  } finally {
    await browser.close()
    await app.close()
    repos?.remove()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  finish(1)
})
