/**
 * The workshop's layout on the stored fixture (the frames of docs/screenshots/): in the overview
 * and in close-up, dark and light, no label overlaps a robot or another label (screen rectangles
 * of the HTML labels against the robots' exact projected boxes), station panels never overlap,
 * the git label fits, the first run invites, the camera returns to the overview when the
 * focused session is deleted, and at the original's scale (a dozen zones) the labels go compact
 * and still keep clear. Each checked frame is saved in test-results/workshop/ to look at.
 */
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startSceneApp, type SceneApp } from './support/scene-app'
import {
  openScene,
  waitForScene,
  type OverlayItem,
  type SceneBrowser,
  type ScreenRect,
  type Snapshot,
} from './support/scene-browser'
import type { FixtureRepos } from './support/workshop-fixture'
import {
  setTheme,
  settle,
  showCloseUp,
  MORE_SESSIONS,
  showOverview,
  stageFixture,
  stageTwelve,
  togglePanels,
} from './support/workshop-frames'

let app: SceneApp
let browser: SceneBrowser
let repos: FixtureRepos | null = null
const SHOTS = resolve('test-results/workshop')

async function shot(name: string): Promise<void> {
  await browser.page.screenshot({ path: join(SHOTS, `${name}.png`) })
}

const overlaps = (a: ScreenRect, b: ScreenRect) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

function shownLabels(s: Snapshot): (OverlayItem & { rect: ScreenRect })[] {
  return s.overlay.filter(
    (o): o is OverlayItem & { rect: ScreenRect } =>
      (o.kind === 'zone' || o.kind === 'station') && o.visible && o.rect !== null,
  )
}

/** `zones`: the zone labels that must show (a close-up's neighbours may be off screen). */
function assertLabelsClear(s: Snapshot, frame: string, zones: string[]): void {
  const labels = shownLabels(s)
  for (const name of zones)
    assert.ok(
      labels.some((l) => l.kind === 'zone' && l.text.endsWith(name)),
      `${frame}: the label of ${name} is shown`,
    )
  assert.ok(s.robotRects.length >= 3, `${frame}: robots measured (${s.robotRects.length})`)
  for (const l of labels) {
    assert.ok(
      l.rect.x >= 0 &&
        l.rect.y >= 0 &&
        l.rect.x + l.rect.w <= s.view.w &&
        l.rect.y + l.rect.h <= s.view.h,
      `${frame}: ${l.key} is on screen (${JSON.stringify(l.rect)} in ${JSON.stringify(s.view)})`,
    )
    for (const r of s.robotRects)
      assert.ok(
        !overlaps(l.rect, r.rect),
        `${frame}: ${l.key} ${JSON.stringify(l.rect)} overlaps ${r.id} ${JSON.stringify(r.rect)}`,
      )
  }
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++)
      assert.ok(
        !overlaps(labels[i].rect, labels[j].rect),
        `${frame}: ${labels[i].key} overlaps ${labels[j].key}`,
      )
}

describe('workshop layout on the fixture', () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true })
    app = await startSceneApp()
    browser = await openScene(app.url, { width: 1440, height: 900 })
  })
  after(async () => {
    await browser?.close()
    await app?.close()
    repos?.remove()
  })

  it('invites on the first run: a placeholder zone with "Start a session"', async () => {
    const card = browser.page.getByTestId('first-run')
    await card.waitFor({ state: 'visible' })
    const s = await settle(browser.page)
    assert.equal(s.zones.length, 0)
    const item = s.overlay.find((o) => o.kind === 'placeholder')
    assert.ok(item?.visible && item.rect, 'the invitation is placed on the placeholder zone')
    await shot('first-run-dark')
    await card.getByRole('button', { name: 'Start a session' }).click()
    await browser.page.getByRole('dialog').waitFor({ state: 'visible' })
    await browser.page.keyboard.press('Escape')
    await browser.page.getByRole('dialog').waitFor({ state: 'detached' })
  })

  it('keeps labels off robots and off each other: overview and close-up, dark and light', async () => {
    repos = await stageFixture(app, browser.page)
    assert.equal(await browser.page.getByTestId('first-run').count(), 0, 'the invitation is gone')
    const all = ['api-server', 'docs-site', 'mobile-app']
    assertLabelsClear(await showOverview(browser.page), 'dark overview', all)
    await shot('overview-dark')
    const close = await showCloseUp(browser.page)
    assertLabelsClear(close, 'dark close-up', ['api-server'])
    await shot('closeup-dark')
    const stations = shownLabels(close).filter((l) => l.kind === 'station')
    assert.ok(stations.length >= 6, `close-up names most stations (${stations.length} shown)`)
    await setTheme(app, browser.page, 'light')
    assertLabelsClear(await settle(browser.page), 'light close-up', ['api-server'])
    await shot('closeup-light')
    assertLabelsClear(await showOverview(browser.page), 'light overview', all)
    await shot('overview-light')
    await setTheme(app, browser.page, 'dark')
  })

  it('lays station panels out without overlaps', async () => {
    await showCloseUp(browser.page)
    const s = await togglePanels(browser.page, true)
    await shot('panels-dark')
    const panels = s.overlay.filter((o) => o.kind === 'panel' && o.visible && o.rect)
    assert.equal(panels.length, 8, 'one panel per station')
    for (let i = 0; i < panels.length; i++)
      for (let j = i + 1; j < panels.length; j++)
        assert.ok(
          !overlaps(panels[i].rect!, panels[j].rect!),
          `${panels[i].key} overlaps ${panels[j].key}`,
        )
    const library = panels.find((p) => p.key.endsWith(':bookshelf'))!
    assert.match(library.text, /runner\.ts/, 'the library panel lists the file read')
    await togglePanels(browser.page, false)
  })

  it('fits the git label: short branch, +a/−r, the full name on hover', async () => {
    const git = browser.page
      .getByTestId('zone-label')
      .filter({ hasText: 'api-server' })
      .getByTestId('zone-git')
    const text = (await git.textContent()) ?? ''
    assert.match(text, /^feature\/stream.*\u2026.*-jobs\+42\/\u22127$/)
    assert.match(
      (await git.getAttribute('title')) ?? '',
      /feature\/streaming-responses-for-long-running-jobs/,
    )
    const box = await git.boundingBox()
    const label = await browser.page
      .getByTestId('zone-label')
      .filter({ hasText: 'api-server' })
      .boundingBox()
    assert.ok(box && label && box.width <= label.width + 1, 'the git label fits its zone label')
  })

  it('moves to a remaining session when the focused session is deleted', async () => {
    await showCloseUp(browser.page)
    const s = await waitForScene(browser.page, (x) => x.cameraMode === 'focused', 'focused')
    const id = s.labels.find((l) => l.text?.endsWith('api-server'))!.id
    const res = await fetch(`http://127.0.0.1:${app.port}/api/sessions.delete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${app.token}` },
      body: JSON.stringify({ id }),
    })
    assert.ok(res.ok)
    // Two sessions remain, so the camera closes up on one of them instead of the empty hex.
    await waitForScene(
      browser.page,
      (x) =>
        x.cameraMode === 'focused' &&
        x.zones.length === 2 &&
        !x.zones.some((z) => z.id === id) &&
        !x.cameraMoving,
      'a close-up on a remaining session after the delete',
    )
    assert.deepEqual(browser.pageErrors, [])
  })

  it('keeps labels clear at the scale of the original: compact labels over a dozen zones', async () => {
    await stageTwelve(app, browser.page)
    const s = await showOverview(browser.page)
    await shot('overview-many-dark')
    assertLabelsClear(s, 'many-zone overview', MORE_SESSIONS)
    const zones = shownLabels(s).filter((l) => l.kind === 'zone')
    assert.equal(zones.length, s.zones.length, 'every zone is labelled')
    for (const l of zones) assert.ok(l.compact, `${l.key} is compact at this distance`)
    const tags = shownLabels(s).filter((l) => l.kind === 'station')
    assert.deepEqual(
      tags.map((t) => t.key),
      [],
      'no busy-station tags on zones this small',
    )
  })
})
