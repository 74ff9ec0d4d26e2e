/**
 * The main window end to end, in headless Chromium against a headless core: observe hook events
 * in the feed, search and jump to an event, switch theme, prove no HTML from events or names is
 * interpreted, then create a real session through the dialog and prompt it.
 *   npx tsx --test test/e2e/ui.test.ts        (renderer from out/renderer, or UI_RENDERER_DIR)
 * Screenshots land in test-results/ui/.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { claudeBinary, claudeTestEnv } from '../support/claude-env'
import { startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic'
import { postHook, startUiServer, type UiServer } from './support/ui-server'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium'
import { UI_READY } from '../support/claude-session'
import { HANG_TIMEOUT_MS } from '../support/patience'
import { plainText } from '../support/terminal-capture'

const SHOTS = resolve('test-results/ui')
const XSS = '<img src=x onerror="window.__xss=1">'
const OBSERVED = 'observed-session-1'

let server: UiServer
let fake: FakeAnthropic
let browser: Browser
let page: Page
let project: string

async function invoke(channel: string, payload: unknown): Promise<unknown> {
  const res = await fetch(`${server.base}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  })
  const body = await res.json()
  if (!res.ok) throw new Error(`${channel}: ${JSON.stringify(body)}`)
  return body
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) })
}

function hook(event: string, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    session_id: OBSERVED,
    transcript_path: '/tmp/none.jsonl',
    cwd: project,
    hook_event_name: event,
    ...extra,
  }
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true })
  project = realpathSync(mkdtempSync(join(tmpdir(), 'atelier-ui-project-')))
  execFileSync('git', ['init', '-q', project])
  writeFileSync(join(project, 'README.md'), '# demo\n')
  fake = await startFakeAnthropic()
  const { env } = await claudeTestEnv(fake.baseUrl, [project])
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  server = await startUiServer(
    process.env.UI_RENDERER_DIR ? resolve(process.env.UI_RENDERER_DIR) : undefined,
  )
  await invoke('settings.update', { claudeBin: claudeBinary() })
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  })
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' })
  // Every Playwright wait waits for a state; its timeout only catches a hang.
  page.setDefaultTimeout(HANG_TIMEOUT_MS)
  page.on('dialog', () => assert.fail('a native dialog opened (alert/confirm/prompt)'))
  await page.goto(server.url)
  await page.locator('.conn-open').waitFor()
})

after(async () => {
  await browser?.close()
  await server?.close()
  await fake?.close()
})

test('hook events appear in the feed, typed per event', async () => {
  await postHook(server, hook('SessionStart', { source: 'startup', model: 'claude-sonnet' }))
  await postHook(
    server,
    hook('UserPromptSubmit', { prompt: `Find the needlework in the readme ${XSS}` }),
  )
  await postHook(
    server,
    hook('PreToolUse', {
      tool_name: 'Bash',
      tool_use_id: 'toolu_1',
      tool_input: { command: `echo ${XSS}` },
    }),
  )
  await postHook(
    server,
    hook('PostToolUse', {
      tool_name: 'Bash',
      tool_use_id: 'toolu_1',
      tool_input: { command: `echo ${XSS}` },
      tool_response: { stdout: XSS, stderr: '' },
      duration_ms: 42,
    }),
  )
  await postHook(
    server,
    hook('PreToolUse', {
      tool_name: 'Read',
      tool_use_id: 'toolu_2',
      tool_input: { file_path: `${project}/README.md` },
    }),
  )
  await postHook(
    server,
    hook('PostToolUseFailure', {
      tool_name: 'Read',
      tool_use_id: 'toolu_2',
      tool_input: { file_path: `${project}/README.md` },
      error: 'File does not exist',
      duration_ms: 3,
    }),
  )
  await postHook(
    server,
    hook('Stop', { last_assistant_message: `The **needlework** is done. ${XSS}` }),
  )

  const feed = page.getByTestId('feed')
  await feed.locator('[data-kind="response"]').waitFor()
  await feed.locator('[data-tool-state="done"]').waitFor()
  await feed.locator('[data-tool-state="failed"]').waitFor()
  assert.match(await feed.locator('[data-kind="prompt"]').innerText(), /needlework/)
  assert.match(await feed.locator('.duration').first().innerText(), /42ms/)
  await shot('01-feed-dark')
})

test('nothing from events or names is interpreted as HTML', async () => {
  const { sessions } = (await invoke('sessions.list', {})) as { sessions: { id: string }[] }
  assert.ok(sessions.length > 0, 'the observed session is listed')
  await invoke('sessions.rename', { id: sessions[0].id, name: XSS })
  await page.locator('.card-name', { hasText: '<img' }).waitFor()
  assert.equal(await page.locator('img').count(), 0, 'no <img> element was created')
  assert.equal(
    await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
    undefined,
  )
  assert.match(await page.getByTestId('feed').innerText(), /<img src=x/)
  await invoke('sessions.rename', { id: sessions[0].id, name: 'observed' })
})

test('search jumps to the event', async () => {
  // Push the prompt out of view, then find it again.
  for (let i = 0; i < 40; i++) {
    await postHook(
      server,
      hook('PreToolUse', {
        tool_name: 'Grep',
        tool_use_id: `toolu_f${i}`,
        tool_input: { pattern: `filler${i}` },
      }),
    )
  }
  await page.locator('[data-kind="tool"]', { hasText: 'filler39' }).waitFor()
  await page.keyboard.press('Control+f')
  await page.keyboard.type('needlework')
  const hit = page.locator('.search-hit').first()
  await hit.waitFor()
  await shot('02-search-results')
  await hit.click()
  const highlighted = page.locator('.feed-item.highlight')
  await highlighted.waitFor()
  assert.match(await highlighted.innerText(), /needlework/)
  await shot('03-search-jump')
})

test('theme switches between light and dark', async () => {
  const toggle = page.getByTestId('theme-toggle')
  /** Cycles the theme setting until it is `want`, then waits for the page to apply it. */
  const chooseTheme = async (want: 'light' | 'dark') => {
    for (let i = 0; i < 3; i++) {
      const label = await toggle.getAttribute('aria-label')
      if (label?.startsWith(`Theme: ${want}`)) break
      await toggle.click()
      await page.waitForFunction(
        (was) =>
          document.querySelector('[data-testid="theme-toggle"]')?.getAttribute('aria-label') !==
          was,
        label,
      )
    }
    await page.waitForFunction((w) => document.documentElement.dataset.theme === w, want)
  }
  await chooseTheme('light')
  await shot('04-light')
  await chooseTheme('dark')
})

test('create a session through the dialog and prompt it', async () => {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await page.keyboard.press('n')
  const dialog = page.getByRole('dialog', { name: 'New session' })
  await dialog.waitFor()
  await dialog.getByLabel('Folder').fill(project)
  await dialog.getByLabel('Name').fill('ui-e2e')
  await shot('05-new-session-dialog')
  await dialog.getByRole('button', { name: 'Start session' }).click()
  await dialog.waitFor({ state: 'detached' })
  await page.locator('.card-name', { hasText: 'ui-e2e' }).waitFor()
  const prompt = page.getByLabel('Prompt')
  await prompt.waitFor()
  // Claude Code drops keys typed before its input box is drawn: wait until it is.
  const { sessions } = (await invoke('sessions.list', {})) as {
    sessions: { id: string; name: string }[]
  }
  const created = sessions.find((s) => s.name === 'ui-e2e')!
  const deadline = Date.now() + HANG_TIMEOUT_MS
  for (;;) {
    const { data } = (await invoke('terminal.snapshot', { id: created.id })) as { data: string }
    if (UI_READY.test(plainText(data))) break
    if (Date.now() > deadline) throw new Error(`Claude Code never drew its input box: ${data}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  await prompt.fill('hello from the ui test')
  await prompt.press('Enter')
  await page.locator('[data-kind="prompt"]', { hasText: 'hello from the ui test' }).waitFor()
  await shot('06-session-prompted')
})

test('shortcuts sheet and settings open from the keyboard; Escape closes the top one first', async () => {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await page.keyboard.press('?')
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor()
  await shot('07-shortcuts')
  await page.keyboard.press('Control+,')
  // Settings opens from a shortcut only while no dialog is open, so use the sheet's button.
  await page.getByRole('button', { name: 'Change shortcuts in Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.waitFor()
  await settings.getByRole('tab', { name: 'Keyboard' }).click()
  await shot('08-settings-keyboard')
  await page.keyboard.press('Escape')
  await settings.waitFor({ state: 'detached' })
  assert.equal(
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count(),
    1,
    'the sheet below stays open',
  )
  await page.keyboard.press('Escape')
  assert.equal(await page.getByRole('dialog').count(), 0)
})
