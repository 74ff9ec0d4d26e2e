/// <reference lib="dom" />
/**
 * The reference frames of the workshop: the stored fixture (workshop-fixture.ts) replayed into
 * the built app, shown in the overview and in close-up, in the dark and the light theme. Used by
 * `npm run screenshots` (docs/screenshots/) and by the layout e2e test, so the pictures in the
 * README are the frames the tests check.
 */
import type { Page } from 'playwright-core'
import type { SceneApp } from './scene-app'
import { waitForScene, type Snapshot } from './scene-browser'
import {
  FIXTURE_SESSIONS,
  makeFixtureRepos,
  replayFixture,
  type FixtureRepos,
} from './workshop-fixture'
import { HANG_TIMEOUT_MS } from '../../support/patience'

export type Theme = 'dark' | 'light'

async function invoke(app: SceneApp, channel: string, body: unknown): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${app.port}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${app.token}` },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${channel}: ${res.status} ${await res.text()}`)
  return res.json()
}

/** The fixture's end state is on screen: three zones with their statuses, labels and git. */
export function fixtureShown(s: Snapshot): boolean {
  const look = (folder: string) => {
    const label = s.labels.find((l) => l.text?.endsWith(folder))
    return label ? s.zones.find((z) => z.id === label.id)?.look : undefined
  }
  const gits = s.overlay.filter((o) => o.kind === 'zone' && o.visible).length
  return (
    s.zones.length === 3 &&
    s.subagents.length === 2 &&
    look('api-server') === 'working' &&
    look('docs-site') === 'permission' &&
    look('mobile-app') === 'failed' &&
    gits === 3 &&
    s.robots.some((r) => r.station === 'terminal' && r.state === 'working')
  )
}

/** Replays the fixture and waits for its end state (repositories made here; remove them after). */
export async function stageFixture(app: SceneApp, page: Page): Promise<FixtureRepos> {
  const repos = makeFixtureRepos()
  await replayFixture((p) => app.hook(p), repos)
  await waitForScene(page, fixtureShown, 'the fixture on screen', 60_000)
  // Git labels come from the repositories' watchers: wait until all three are in.
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="zone-git"]').length === n,
    FIXTURE_SESSIONS.length,
    { timeout: HANG_TIMEOUT_MS },
  )
  return repos
}

/**
 * Waits for the camera to finish its move. The frame that ends a move is drawn at the final view
 * (and places the labels there); an idle workshop draws nothing after it, so only two animation
 * frames more are awaited, for the page to composite.
 */
export async function settle(page: Page): Promise<Snapshot> {
  await waitForScene(page, (x) => !x.cameraMoving, 'the camera at rest', HANG_TIMEOUT_MS)
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  )
  return waitForScene(page, (x) => !x.cameraMoving, 'the camera at rest', HANG_TIMEOUT_MS)
}

export async function setTheme(app: SceneApp, page: Page, theme: Theme): Promise<void> {
  await invoke(app, 'settings.update', { theme })
  await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme)
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  )
}

export async function showOverview(page: Page): Promise<Snapshot> {
  await page.locator('canvas').focus()
  await page.keyboard.press('0')
  await waitForScene(page, (s) => s.cameraMode === 'overview', 'overview mode')
  return settle(page)
}

/** Close-up of the fixture's first session (api-server: working, two subagents). */
export async function showCloseUp(page: Page): Promise<Snapshot> {
  await page.locator('canvas').focus()
  await page.keyboard.press('1')
  await waitForScene(page, (s) => s.cameraMode === 'focused', 'close-up mode')
  return settle(page)
}

export async function togglePanels(page: Page, on: boolean): Promise<Snapshot> {
  const shown = async () => (await page.locator('[data-testid="station-panel"]').count()) > 0
  if ((await shown()) !== on) await page.keyboard.press('p')
  await page.waitForFunction(
    (want) => document.querySelectorAll('[data-testid="station-panel"]').length > 0 === want,
    on,
  )
  return settle(page)
}

/** Nine more sessions for the room at the scale of the original's picture (twelve zones). */
export const MORE_SESSIONS = [
  'billing',
  'search-index',
  'infra',
  'design-system',
  'cli',
  'analytics',
  'auth',
  'notifications',
  'e2e-tests',
]

/** A session that ran one short turn: prompt, a Read, Stop. */
async function finishedTurn(app: SceneApp, name: string): Promise<void> {
  const base = { session_id: `more-${name}`, cwd: `/tmp/atelier-screenshots/${name}` }
  const read = {
    tool_name: 'Read',
    tool_input: { file_path: 'README.md' },
    tool_use_id: `${name}-r`,
  }
  await app.hook({ ...base, hook_event_name: 'SessionStart', source: 'startup' })
  await app.hook({ ...base, hook_event_name: 'UserPromptSubmit', prompt: 'look around' })
  await app.hook({ ...base, hook_event_name: 'PreToolUse', ...read })
  await app.hook({ ...base, hook_event_name: 'PostToolUse', ...read, tool_response: {} })
  await app.hook({ ...base, hook_event_name: 'Stop' })
}

/** Adds MORE_SESSIONS beside the fixture (each finishes one turn) and waits for their zones. */
export async function stageTwelve(app: SceneApp, page: Page): Promise<void> {
  for (const name of MORE_SESSIONS) await finishedTurn(app, name)
  await waitForScene(
    page,
    (s) =>
      MORE_SESSIONS.every((name) =>
        s.zones.some(
          (z) =>
            z.look === 'finished' && s.labels.some((l) => l.id === z.id && l.text?.endsWith(name)),
        ),
      ),
    'twelve zones, the nine new ones finished',
    60_000,
  )
}
