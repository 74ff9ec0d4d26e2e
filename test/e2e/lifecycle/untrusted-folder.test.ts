/**
 * A folder Claude Code has not trusted, through the real page and the REAL CLI (offline): the New
 * Session dialog asks "Trust this folder for Claude Code?"; left unticked, the session's card
 * reads "Waiting on a screen in its terminal", its terminal opens on Claude's trust screen and the
 * prompt bar refuses to type into it; ticked, Claude starts at its prompt and the card goes idle.
 *   npm run test:lifecycle -- untrusted-folder   (renderer from out/renderer)
 * Screenshots land in test-results/lifecycle/, both themes.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { claudeBinary, claudeTestEnv } from '../../support/claude-env'
import { startFakeAnthropic, type FakeAnthropic } from '../../support/fake-anthropic'
import { startUiServer, type UiServer } from '../support/ui-server'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium'
import { UI_READY } from '../../support/claude-session'
import { HANG_TIMEOUT_MS } from '../../support/patience'
import { plainText } from '../../support/terminal-capture'

const SHOTS = resolve('test-results/lifecycle')
/** Claude Code 2.1.332's trust screen: its choice to accept (spaces may be cursor moves). */
const TRUST_SCREEN = /Yes,\s*I\s*trust\s*this\s*folder/

let server: UiServer
let fake: FakeAnthropic
let browser: Browser
let page: Page

async function invoke<T = unknown>(channel: string, payload: unknown): Promise<T> {
  const res = await fetch(`${server.base}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  })
  const body = await res.json()
  if (!res.ok) throw new Error(`${channel}: ${JSON.stringify(body)}`)
  return body as T
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) })
}

async function theme(want: 'light' | 'dark'): Promise<void> {
  await invoke('settings.update', { theme: want })
  await page.waitForFunction((w) => document.documentElement.dataset.theme === w, want)
}

function untrustedRepo(name: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), `atelier-${name}-`)))
  execFileSync('git', ['init', '-q', dir])
  writeFileSync(join(dir, 'README.md'), '# demo\n')
  return dir
}

/** Waits until the session's terminal (as the core holds it) matches `pattern`. */
async function terminalShows(name: string, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + HANG_TIMEOUT_MS
  for (;;) {
    const { sessions } = await invoke<{ sessions: { id: string; name: string }[] }>(
      'sessions.list',
      {},
    )
    const s = sessions.find((x) => x.name === name)
    if (s) {
      const { data } = await invoke<{ data: string }>('terminal.snapshot', { id: s.id })
      if (pattern.test(plainText(data))) return plainText(data)
    }
    if (Date.now() > deadline) throw new Error(`${name}'s terminal never showed ${pattern}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

async function openNewSession(folder: string, name: string) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await page.keyboard.press('n')
  const dialog = page.getByRole('dialog', { name: 'New session' })
  await dialog.waitFor()
  await dialog.getByLabel('Folder').fill(folder)
  await dialog.getByLabel('Name').fill(name)
  await dialog.getByRole('region', { name: 'Trust this folder for Claude Code?' }).waitFor()
  return dialog
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true })
  fake = await startFakeAnthropic()
  // No folder trusted: every folder of this test gets Claude Code's trust screen.
  const { env } = await claudeTestEnv(fake.baseUrl, [])
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  server = await startUiServer()
  await invoke('settings.update', { claudeBin: claudeBinary() })
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' })
  page.setDefaultTimeout(HANG_TIMEOUT_MS)
  page.on('dialog', () => assert.fail('a native dialog opened (alert/confirm/prompt)'))
  await page.goto(server.url)
  await page.locator('.conn-open').waitFor()
})

after(async () => {
  if (server) {
    const { sessions } = await invoke<{ sessions: { id: string }[] }>('sessions.list', {})
    for (const s of sessions) await invoke('sessions.delete', { id: s.id }).catch(() => {})
  }
  await browser?.close()
  await server?.close()
  await fake?.close()
})

test('without consent the card says Claude waits on a screen in its terminal, which opens; the prompt bar refuses', async () => {
  const dialog = await openNewSession(untrustedRepo('untrusted'), 'held')
  await shot('01-trust-question-dark')
  await dialog.getByRole('button', { name: 'Start session' }).click()
  await dialog.waitFor({ state: 'detached' })
  const card = page.locator('[data-testid="session-card"]', { hasText: 'held' })
  await card.getByText('Waiting on a screen in its terminal').waitFor()
  await page.getByRole('region', { name: 'Terminal' }).waitFor()
  await terminalShows('held', TRUST_SCREEN)
  await page.getByText('held is waiting on a screen in its terminal').waitFor()
  assert.equal(await page.getByLabel('Prompt').isDisabled(), true)
  assert.equal(await card.getByText('Idle').count(), 0)
  await shot('02-waiting-on-terminal-screen-dark')
  await theme('light')
  await shot('03-waiting-on-terminal-screen-light')
  await theme('dark')
})

test('with consent Claude starts at its prompt and the card goes idle', async () => {
  const dialog = await openNewSession(untrustedRepo('consent'), 'consented')
  await dialog.getByRole('checkbox', { name: /Yes, I trust this folder/ }).check()
  await shot('04-trust-consent-dark')
  await dialog.getByRole('button', { name: 'Start session' }).click()
  await dialog.waitFor({ state: 'detached' })
  const screenText = await terminalShows('consented', UI_READY)
  assert.doesNotMatch(screenText, TRUST_SCREEN)
  const card = page.locator('[data-testid="session-card"]', { hasText: 'consented' })
  await card.locator('.card-main[aria-label="consented, Idle"]').waitFor()
  await page.getByLabel('Prompt').waitFor({ state: 'visible' })
  assert.equal(await page.getByLabel('Prompt').isDisabled(), false)
  await shot('05-consented-idle-dark')
})
