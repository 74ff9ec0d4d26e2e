/**
 * The timeline in the built app (headless, in Chromium) over a stored history of four sessions
 * spanning hours, with commits made during them: the lanes drawn from the core's answer, zoomed
 * from the whole history to minutes, a mark's tooltip on hover and on the arrow keys, and a click
 * that enters replay at that event with the feed starting from it; then an exported hour of it
 * opened as a replay file, its timeline built from the file. Screenshots in both themes
 * (overview, close-up, tooltip, after the jump, the file) go to test-results/.
 */
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CanonicalEvent } from '@shared/events'
import type { SessionUsage } from '@shared/sessions'
import { openDatabase } from '../../src/main/core/store/db'
import { SessionStore } from '../../src/main/core/store/session-store'
import { claudeAdapter } from '../../src/main/core/agents/claude/adapter'
import { prng, turnPayloads, type Payload } from '../support/replay-stream'
import { startHeadless, type HeadlessApp } from './support/headless'
import { openBrowser, screenshot, type Browser } from './support/browser'

const NAMES = ['parser-rewrite', 'docs-site', 'flaky-tests', 'api-gateway']
/** Four hours ending a little before now, so the axis reads today's times. */
const HISTORY_MS = 4 * 3_600_000
const T0 = Date.now() - HISTORY_MS - 600_000

let app: HeadlessApp
let browser: Browser
let dataDir: string
let middle = 0

/** A history written as the app writes it: canonical events from hook payloads, stamped over hours. */
function seed(dir: string): void {
  const db = openDatabase(join(dir, 'atelier.db'))
  const sessions = new SessionStore(db)
  const zones = [
    { q: 0, r: 0 },
    { q: 1, r: 0 },
    { q: 0, r: 1 },
    { q: -1, r: 1 },
  ]
  NAMES.forEach((name, i) =>
    sessions.upsert({
      id: `session-${i}`,
      name,
      cwd: `/home/dev/projects/${name}`,
      kind: 'observed',
      backend: null,
      launched: false,
      permissionMode: 'default',
      args: [],
      worktree: null,
      createdAt: T0,
      lastActivity: T0 + HISTORY_MS,
      zone: zones[i],
      order: i + 1,
      usage: {} as SessionUsage,
    }),
  )
  const insert = db.prepare(
    'INSERT INTO events (seq, id, session_id, type, ts, data) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const rand = prng(21)
  const pending: Payload[][] = NAMES.map(() => [])
  const turns = NAMES.map(() => 0)
  let ts = T0
  let seq = 0
  db.transaction(() => {
    while (ts < T0 + HISTORY_MS) {
      // Sessions busy in stretches: the first two all along, the others now and then.
      const i = Math.floor(rand() * NAMES.length)
      if (i >= 2 && Math.floor((ts - T0) / 2_400_000) % 2 === i - 2) continue
      if (pending[i].length === 0)
        pending[i] = turnPayloads(`agent-${i}`, turns[i]++, rand).reverse()
      ts += rand() < 0.01 ? Math.floor(rand() * 900_000) : Math.floor(rand() * 6_000)
      const env = claudeAdapter.envelope(pending[i].pop())
      for (const e of claudeAdapter.toEvents(env, { sessionId: `session-${i}`, receivedAt: ts })) {
        const stored: CanonicalEvent = e
        insert.run(++seq, e.id, e.sessionId, e.type, e.ts, JSON.stringify(stored))
      }
    }
  })()
  middle = (T0 + ts) / 2
  const commit = db.prepare('INSERT INTO session_commits VALUES (?, ?, ?, ?)')
  commit.run(
    'session-0',
    'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    'Parse nested tables',
    middle + 60_000,
  )
  commit.run(
    'session-1',
    'b1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    'Document the CLI flags',
    middle - 3_600_000,
  )
  commit.run(
    'session-0',
    'c1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    'Fix the lexer on CRLF',
    T0 + HISTORY_MS - 900_000,
  )
  db.close()
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'atelier-timeline-e2e-'))
  seed(dataDir)
  app = await startHeadless({ dataDir })
  browser = await openBrowser()
})

after(async () => {
  await browser?.close()
  await app?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('the timeline', () => {
  it('shows the history per session, zooms to minutes, says a mark and jumps there', async () => {
    const { page, errors } = browser
    const setTheme = async (theme: 'light' | 'dark') => {
      await app.api('settings.update', { theme })
      await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme)
    }
    await page.goto(await app.freshUrl())
    await setTheme('dark')
    await page.getByRole('button', { name: 'Timeline', exact: true }).click()
    const timeline = page.getByRole('region', { name: 'Timeline' })
    for (const name of NAMES) {
      await timeline
        .getByRole('group', { name: new RegExp(`^${name}: `) })
        .locator('path[data-kind="tool"]')
        .first()
        .waitFor()
    }
    await timeline.locator('[data-commit]').first().waitFor()
    await screenshot(page, 'timeline-overview-dark')
    await setTheme('light')
    await screenshot(page, 'timeline-overview-light')

    // Close up: about ten minutes round the middle of the history, where a commit was made.
    const range = timeline.locator('.timeline-range')
    for (let i = 0; i < 8; i++) await timeline.getByRole('button', { name: 'Zoom in' }).click()
    await page.waitForFunction(() =>
      /· \d+ min$/.test(document.querySelector('.timeline-range')?.textContent ?? ''),
    )
    assert.match((await range.textContent()) ?? '', /· \d+ min$/)
    const lane = timeline.getByRole('group', { name: /^parser-rewrite: / })
    await lane.locator('[data-commit="a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"]').waitFor()
    await lane.locator('path[data-kind="tool"]').first().waitFor()
    await screenshot(page, 'timeline-closeup-light')
    await setTheme('dark')
    await screenshot(page, 'timeline-closeup-dark')

    // The arrow keys step through a lane's marks and say each one.
    await lane.focus()
    await page.keyboard.press('ArrowRight')
    const tip = timeline.getByRole('tooltip')
    await tip.waitFor()
    assert.match((await tip.textContent()) ?? '', /parser-rewrite/)

    // Hover a tool call: its tooltip says the event.
    const box = (await lane.locator('path[data-kind="tool"]').first().boundingBox())!
    await page.mouse.move(box.x + 1, box.y + box.height / 2)
    await page.waitForFunction(() =>
      /Read|Edit|Bash|Grep|Write|Agent|Task|events/.test(
        document.querySelector('[role="tooltip"]')?.textContent ?? '',
      ),
    )
    await screenshot(page, 'timeline-tooltip-dark')

    // A click there: replay at that event, the feed starting with it.
    await page.mouse.click(box.x + 1, box.y + box.height / 2)
    await page.getByText('REPLAY', { exact: true }).waitFor()
    await page.getByTestId('feed-item').first().waitFor()
    await timeline.locator('.timeline-playhead').waitFor()
    await screenshot(page, 'timeline-jump-dark')
    await setTheme('light')
    await screenshot(page, 'timeline-jump-light')
    assert.deepEqual(errors, [])
  })

  it('shows an opened replay file the same way, from the file', async () => {
    const { page, errors } = browser
    // An hour of the history, exported, then opened in the same window.
    const out = await app.api<{ html: string; fileName: string }>('replay.export', {
      from: middle - 1_800_000,
      to: middle + 1_800_000,
      sessionIds: ['session-0', 'session-1'],
      redact: { strings: [], patterns: [], secrets: true, toolOutputs: false },
    })
    const file = join(dataDir, out.fileName)
    writeFileSync(file, out.html)
    await page.getByRole('button', { name: /Back to live/ }).click()
    await page.getByLabel('Replay file').setInputFiles(file)
    await page.getByText('REPLAY · imported file', { exact: true }).waitFor()
    const timeline = page.getByRole('region', { name: 'Timeline' })
    // The file's two sessions only, their marks built from its frames.
    for (const name of ['parser-rewrite', 'docs-site']) {
      await timeline
        .getByRole('group', { name: new RegExp(`^${name}: [1-9]`) })
        .locator('path[data-kind="tool"]')
        .first()
        .waitFor()
    }
    assert.equal(await timeline.getByRole('group', { name: /^flaky-tests: / }).count(), 0)
    assert.match((await timeline.locator('.timeline-range').textContent()) ?? '', /· \d+ min$/)
    await screenshot(page, 'timeline-file-light')
    await app.api('settings.update', { theme: 'dark' })
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark')
    await screenshot(page, 'timeline-file-dark')
    assert.deepEqual(errors, [])
  })
})
