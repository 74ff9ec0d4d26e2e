/**
 * The walking skeleton end to end: headless mode prints its URL, keeps its token private, stores
 * an authenticated hook event and shows it in the page (feed line and 3D zone); refuses
 * unauthenticated and cross-origin requests. How fast an event reaches the page is a benchmark
 * figure (`npm run bench:ingest`), not a test assertion.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { tmpdir } from 'node:os'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import { ROOT, startHeadless, type HeadlessApp } from './support/headless'
import { openBrowser, screenshot, waitForCanvasNonBlank, type Browser } from './support/browser'
import { HANG_TIMEOUT_MS } from '../support/patience'
import { stopGroup } from '../support/process-group'

/** The scene's read-only debug hook (src/renderer/src/scene/DebugHook.tsx). */
type SceneWindow = { __atelierScene?: { snapshot(): { zones: { id: string }[] } } }
let app: HeadlessApp
let browser: Browser

const preToolUse = (sessionId: string, toolUseId: string) => ({
  hook_event_name: 'PreToolUse',
  session_id: sessionId,
  transcript_path: `/tmp/${sessionId}.jsonl`,
  cwd: '/tmp/e2e-project',
  permission_mode: 'default',
  tool_name: 'Bash',
  tool_input: { command: 'npm test', description: 'Run the tests' },
  tool_use_id: toolUseId,
})

before(async () => {
  app = await startHeadless()
  browser = await openBrowser()
})

after(async () => {
  await browser?.close()
  await app?.stop()
})

test('prints the URL line first and keeps the token file private', () => {
  assert.match(
    app.firstLine,
    /^Atelier listening on http:\/\/127\.0\.0\.1:\d+\/\?ticket=[a-f0-9]{64}$/,
  )
  assert.ok(!app.firstLine.includes(app.token), 'the printed URL never carries the app token')
  const mode = statSync(join(app.dataDir, 'token')).mode & 0o777
  assert.equal(mode, 0o600)
})

test('`npm run headless -- --port 0 --data-dir <dir>` prints the URL line first', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-npm-headless-'))
  // Its own process group, so npm, the shell, the launcher and the app all stop together.
  const child = spawn('npm', ['run', 'headless', '--', '--port', '0', '--data-dir', dir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  try {
    const first = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('no output from npm run headless')),
        HANG_TIMEOUT_MS,
      )
      createInterface({ input: child.stdout! }).once('line', (line) => {
        clearTimeout(timer)
        resolve(line)
      })
    })
    assert.match(first, /^Atelier listening on http:\/\/127\.0\.0\.1:\d+\/\?ticket=[a-f0-9]{64}$/)
    assert.equal(statSync(join(dir, 'token')).mode & 0o777, 0o600)
  } finally {
    // Every process of the group, the app included, has ended before its folder goes.
    await stopGroup(child)
    child.stdout?.destroy()
    child.stderr?.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
})

test('the page removes the ticket from the URL after load; the used link is dead', async () => {
  await browser.page.goto(app.url)
  await browser.page.waitForFunction(() => !location.search.includes('ticket='))
  assert.ok(!browser.page.url().includes('ticket='))
  // The link as it would sit in the browser's history no longer opens anything.
  const again = await app.post('/auth/ticket', {
    ticket: new URL(app.url).searchParams.get('ticket'),
  })
  assert.equal(again.status, 401)
})

test('an authenticated PreToolUse hook shows in the feed and as a zone', async () => {
  const page = browser.page
  await page.waitForSelector('canvas')
  await page.waitForFunction(
    () => typeof (window as SceneWindow).__atelierScene?.snapshot === 'function',
  )
  const res = await app.post('/hooks/claude', preToolUse('e2e-session-1', 'toolu_e2e_1'))
  assert.equal(res.status, 200)
  await page.waitForSelector('[data-testid="feed-item"][data-kind="tool"]')
  const feedText = await page.textContent('[data-testid="feed"]')
  assert.match(feedText ?? '', /npm test/)
  const sessions = await app.api<{ sessions: { id: string; name: string }[] }>('sessions.list')
  assert.equal(sessions.sessions.length, 1)
  await page.waitForFunction(
    (id) => (window as SceneWindow).__atelierScene!.snapshot().zones.some((z) => z.id === id),
    sessions.sessions[0].id,
  )
  // The zone is in the scene graph; wait until its pixels are on the canvas too.
  await waitForCanvasNonBlank(page, 0.01)
  await screenshot(page, 'foundation-zone')
  assert.deepEqual(browser.errors, [])
})

test('POST /api/events.list returns the stored event', async () => {
  const { events } = await app.api<{
    events: { type: string; tool?: string; toolUseId?: string }[]
  }>('events.list')
  assert.ok(
    events.some(
      (e) => e.type === 'tool.start' && e.toolUseId === 'toolu_e2e_1' && e.tool === 'Bash',
    ),
  )
})

test('without the token: 401 and nothing stored', async () => {
  const res = await fetch(`${app.origin}/hooks/claude`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(preToolUse('intruder', 'toolu_intruder')),
  })
  assert.equal(res.status, 401)
  const body = (await res.json()) as { error: { code: string } }
  assert.equal(body.error.code, 'unauthorized')
  const { events } = await app.api<{ events: { toolUseId?: string }[] }>('events.list')
  assert.ok(!events.some((e) => e.toolUseId === 'toolu_intruder'))
})

test('a cross-origin simple POST (text/plain) from a web page is refused', async () => {
  const evil = await browser.context.newPage()
  await evil.goto('about:blank')
  const status = await evil.evaluate(
    async ({ origin, token, body }) => {
      try {
        const r = await fetch(`${origin}/api/events.list`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: JSON.stringify({ ...body, token }),
        })
        return r.status
      } catch {
        return -1 // blocked before any response was readable
      }
    },
    { origin: app.origin, token: app.token, body: {} },
  )
  await evil.close()
  // Either the browser saw our 403 or CORS hid it; the server side is asserted directly below.
  assert.ok(status === 403 || status === -1, `unexpected status ${status}`)
  const direct = await fetch(`${app.origin}/hooks/claude`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
    body: JSON.stringify(preToolUse('evil', 'toolu_evil')),
  })
  assert.equal(direct.status, 403)
  const { events } = await app.api<{ events: { toolUseId?: string }[] }>('events.list')
  assert.ok(!events.some((e) => e.toolUseId === 'toolu_evil'))
})

test('GET /health answers JSON behind the token', async () => {
  const denied = await fetch(`${app.origin}/health`)
  assert.equal(denied.status, 401)
  const ok = await fetch(`${app.origin}/health`, {
    headers: { authorization: `Bearer ${app.token}` },
  })
  assert.equal(ok.status, 200)
  const health = (await ok.json()) as { ok: boolean; version: string }
  assert.equal(health.ok, true)
})
