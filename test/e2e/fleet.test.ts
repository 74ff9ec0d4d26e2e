/**
 * The fleet in the window, with the REAL Claude Code CLI (offline; it runs as behind a Claude
 * gateway, so the fake API's rate-limit headers reach its status line) and Chromium:
 * - three sessions produce a permission request, a failure and a finish in a random order; the
 *   attention bar lists them in the queue's order, the jump key goes to each in turn, and each
 *   leaves once handled;
 * - a low-priority session is parked while the 5-hour window is past the threshold: its card
 *   counts down to the reset, a prompt for it waits in its queue;
 * - the usage view shows the windows, their forecast, the consumers and the week.
 * Screenshots of the attention bar, the usage view and the parked session, dark and light, land
 * in test-results/fleet/.
 *   npm run test:e2e -- fleet
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { AttentionItem } from '@shared/attention'
import type { FleetSnapshot } from '@shared/fleet'
import type { PendingRequest } from '@shared/permissions'
import type { CanonicalEvent } from '@shared/events'
import { claudeBinary, claudeTestEnv } from '../support/claude-env'
import { startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic'
import { startUiServer, type UiServer } from './support/ui-server'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium'
import { UI_READY } from '../support/claude-session'
import { HANG_TIMEOUT_MS } from '../support/patience'
import { plainText } from '../support/terminal-capture'

const SHOTS = resolve('test-results/fleet')
const HOUR_S = 3600

let server: UiServer
let fake: FakeAnthropic
let browser: Browser
let page: Page
let project: string
const ids: Record<'builder' | 'tests' | 'docs', string> = { builder: '', tests: '', docs: '' }
const window5h = { utilization: 0.62, resetsAt: Math.floor(Date.now() / 1000) + 2 * HOUR_S }

async function invoke<T = unknown>(channel: string, payload: unknown = {}): Promise<T> {
  const res = await fetch(`${server.base}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  })
  const body = await res.json()
  if (!res.ok) throw new Error(`${channel}: ${JSON.stringify(body)}`)
  return body as T
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>) {
  const deadline = Date.now() + HANG_TIMEOUT_MS
  for (;;) {
    const v = await probe()
    if (v) return v
    if (Date.now() > deadline) {
      await shot(`failed-${what.replace(/\W+/g, '-')}`).catch(() => {})
      const state = {
        attention: await attention(),
        fleet: await fleet(),
        events: Object.fromEntries(
          await Promise.all(
            Object.entries(ids).map(async ([name, id]) => [
              name,
              id ? (await events(id)).slice(-6).map((e) => e.type) : [],
            ]),
          ),
        ),
      }
      throw new Error(`never happened: ${what}; ${JSON.stringify(state)}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}

const events = async (sessionId: string) =>
  (
    await invoke<{ events: CanonicalEvent[] }>('events.list', { sessionId, limit: 500 })
  ).events.reverse()
const attention = async () => (await invoke<{ items: AttentionItem[] }>('attention.list')).items
const fleet = () => invoke<FleetSnapshot>('fleet.snapshot')

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) })
}

async function startSession(name: keyof typeof ids): Promise<void> {
  const s = await invoke<{ id: string }>('sessions.create', { name, cwd: project, backend: 'pty' })
  ids[name] = s.id
  // Claude Code drops keys typed before its input box is drawn: wait until it is.
  await until(`${name} draws its input box`, async () => {
    const { data } = await invoke<{ data: string }>('terminal.snapshot', { id: s.id })
    return UI_READY.test(plainText(data))
  })
}

async function blur(): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
}

async function setTheme(theme: 'light' | 'dark'): Promise<void> {
  await invoke('settings.update', { theme })
  await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme)
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true })
  project = realpathSync(mkdtempSync(join(tmpdir(), 'atelier-fleet-project-')))
  execFileSync('git', ['init', '-q', project])
  writeFileSync(join(project, 'README.md'), '# demo\n')
  fake = await startFakeAnthropic({
    usage: () => ({
      input_tokens: 2400,
      output_tokens: 380,
      cache_creation_input_tokens: 900,
      cache_read_input_tokens: 5200,
    }),
    // Every call uses a little of the 5-hour window, so the forecast has a pace to show.
    rateLimits: () => {
      window5h.utilization = Math.min(0.99, window5h.utilization + 0.004)
      return {
        fiveHour: { ...window5h },
        sevenDay: { utilization: 0.31, resetsAt: window5h.resetsAt + 4 * 24 * HOUR_S },
      }
    },
  })
  const { env } = await claudeTestEnv(fake.baseUrl, [project], { gateway: true })
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  server = await startUiServer(
    process.env.UI_RENDERER_DIR ? resolve(process.env.UI_RENDERER_DIR) : undefined,
  )
  await invoke('settings.update', {
    claudeBin: claudeBinary(),
    theme: 'dark',
    fleet: { quotaWarnPercent: 80, parking: { enabled: true, fiveHourPercent: 50 } },
  })
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' })
  page.setDefaultTimeout(HANG_TIMEOUT_MS)
  await page.goto(server.url)
  await page.locator('.conn-open').waitFor()
  for (const name of ['builder', 'tests', 'docs'] as const) await startSession(name)
})

after(async () => {
  if (server) {
    for (const id of Object.values(ids))
      if (id) await invoke('sessions.delete', { id }).catch(() => {})
  }
  await browser?.close()
  await server?.close()
  await fake?.close()
})

const pending = async () =>
  (await invoke<{ requests: PendingRequest[] }>('permissions.list')).requests

/** What each session is made to do, and the state that shows it happened. */
const HAPPENINGS = {
  permission: {
    session: 'builder',
    prompt: '[[script:bash-write]] create the marker file',
    done: async () => (await pending()).some((r) => r.sessionId === ids.builder),
  },
  failure: {
    session: 'tests',
    prompt: '[[script:api-error]] run the suite',
    done: async () => (await events(ids.tests)).some((e) => e.type === 'stop.failure'),
  },
  finish: {
    session: 'docs',
    prompt: '[[script:text]] write the release notes',
    done: async () => (await events(ids.docs)).some((e) => e.type === 'stop' && !e.agentId),
  },
} as const

test('a permission request, a failure and a finish, in a random order: the queue and the jump key follow the rules', async () => {
  const order = (Object.keys(HAPPENINGS) as (keyof typeof HAPPENINGS)[])
    .map((k) => ({ k, r: Math.random() }))
    .sort((a, b) => a.r - b.r)
    .map((x) => x.k)
  console.log(`happening in the order: ${order.join(', ')}`)
  for (const what of order) {
    const h = HAPPENINGS[what]
    await invoke('sessions.prompt', { id: ids[h.session], text: h.prompt })
    await until(`${what} in ${h.session}`, h.done)
  }
  const items = await until('three items queued', async () => {
    const a = await attention()
    return a.length === 3 ? a : null
  })
  assert.deepEqual(
    items.map((i) => [i.kind, i.sessionId]),
    [
      ['permission', ids.builder],
      ['failed', ids.tests],
      ['finished', ids.docs],
    ],
    `queue after ${order.join(', ')}`,
  )
  // The bar shows the same order, once the permission dialog is out of the way (Escape: later).
  const chips = page.locator('.attention-chip')
  await until('the bar shows three items', async () => (await chips.count()) === 3)
  assert.deepEqual(
    await chips.evaluateAll((els) => els.map((e) => e.getAttribute('data-attention-kind'))),
    ['permission', 'failed', 'finished'],
  )
  const dialog = page.getByRole('alertdialog')
  if (await dialog.isVisible()) await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'detached' })
  await shot('attention-bar-dark')
  await setTheme('light')
  await shot('attention-bar-light')
  await setTheme('dark')

  // Jump 1: the request — its session, its dialog. Allowing it hands it off.
  await blur()
  await page.keyboard.press('Alt+a')
  await dialog.waitFor()
  assert.match(await dialog.innerText(), /touch bash-ran\.txt/)
  await page.keyboard.press('y')
  await until('the request left the queue', async () =>
    (await attention()).every((i) => i.kind !== 'permission'),
  )
  await until('builder finished its turn', async () =>
    (await events(ids.builder)).some((e) => e.type === 'stop' && !e.agentId),
  )
  // Builder's finish joins the queue behind the failure and the earlier finish.
  const after1 = await until('builder finished', async () => {
    const a = await attention()
    return a.length === 3 ? a : null
  })
  assert.deepEqual(
    after1.map((i) => [i.kind, i.sessionId]),
    [
      ['failed', ids.tests],
      ['finished', ids.docs],
      ['finished', ids.builder],
    ],
  )

  // The window has caught up: no dialog (the jump key is a main-window key), the same three chips.
  await dialog.waitFor({ state: 'detached' })
  const chipsAre = (n: number) =>
    until(`the bar shows ${n} items`, async () => (await chips.count()) === n)
  await chipsAre(3)

  // Jump 2: the failure — its session selected, the feed at the turn's end; looked at, it leaves.
  await blur()
  await page.keyboard.press('Alt+a')
  await page.locator('.target-name', { hasText: 'tests' }).waitFor()
  await page.locator('.feed-item.highlight').waitFor()
  await until('the failure left the queue', async () =>
    (await attention()).every((i) => i.kind !== 'failed'),
  )
  await chipsAre(2)
  // Jump 3 and 4: the finished turns, oldest first.
  await blur()
  await page.keyboard.press('Alt+a')
  await page.locator('.target-name', { hasText: 'docs' }).waitFor()
  await chipsAre(1)
  await blur()
  await page.keyboard.press('Alt+a')
  await page.locator('.target-name', { hasText: 'builder' }).waitFor()
  await until('the queue is empty', async () => (await attention()).length === 0)
  await page.getByTestId('attention-bar').waitFor({ state: 'detached' })
})

test('a low-priority session is parked until the 5-hour window resets; its prompt waits', async () => {
  await invoke('fleet.setPolicy', { sessionId: ids.docs, priority: 'low' })
  const hold = await until(
    'docs is parked',
    async () => (await fleet()).sessions.find((s) => s.sessionId === ids.docs)?.hold,
  )
  assert.equal(hold.reason, 'parked')
  assert.equal(hold.reason === 'parked' && hold.until, window5h.resetsAt * 1000)
  assert.ok(hold.reason === 'parked' && hold.usedPercent >= 50)
  await page.locator('[data-session-card] .fleet-parked').waitFor()

  // A prompt typed for it waits in its queue, visible under the prompt bar.
  await blur()
  await page.keyboard.press('3')
  await page.locator('.target-name', { hasText: 'docs' }).waitFor()
  const prompt = page.getByLabel('Prompt')
  await prompt.fill('Update the changelog for the release')
  await prompt.press('Enter')
  await page.getByTestId('queued-prompt').waitFor()
  assert.deepEqual(
    (await fleet()).queues[ids.docs]?.map((p) => p.text),
    ['Update the changelog for the release'],
  )
  assert.equal(
    fake.requests.filter((r) => JSON.stringify(r.body ?? '').includes('changelog for the release'))
      .length,
    0,
    'nothing was sent',
  )
  // Something for the bar: builder asks again, tests finishes.
  await invoke('sessions.prompt', { id: ids.builder, text: '[[script:bash-write]] once more' })
  await until('builder asks again', async () =>
    (await pending()).some((r) => r.sessionId === ids.builder),
  )
  await invoke('sessions.prompt', { id: ids.tests, text: '[[script:text]] summarise the run' })
  await until('tests finished', async () =>
    (await attention()).some((i) => i.kind === 'finished' && i.sessionId === ids.tests),
  )
  const dialog = page.getByRole('alertdialog')
  if (await dialog.isVisible()) await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'detached' })
  await blur()
  await page.keyboard.press('3')
  await page.getByTestId('prompt-queue').waitFor()
  await shot('parked-session-dark')
})

test('the usage view: windows with their forecast, consumers, the week, repositories, sessions', async () => {
  await blur()
  await page.keyboard.press('Alt+u')
  const view = page.getByTestId('usage-view')
  await view.waitFor()
  await until(
    'the 5-hour window is shown',
    async () => (await page.getByTestId('window-meter').count()) === 2,
  )
  const text = await page.getByRole('dialog', { name: 'Usage and quota' }).innerText()
  assert.match(text, /5-hour window/)
  assert.match(text, /\d+% used/)
  assert.match(text, /7-day window/)
  assert.match(text, /Burning most/i)
  assert.match(text, /At [\d.]+ %\/h it (runs out|lasts until the reset)/)
  await page.getByTestId('week-chart').waitFor()
  // Per turn: builder's turns, newest first, each with its tokens and cost.
  await page.locator('.usage-session', { hasText: 'builder' }).click()
  await until(
    'builder turns listed',
    async () => (await page.getByTestId('usage-turns').locator('tbody tr').count()) >= 2,
  )
  await shot('usage-view-dark')
  await setTheme('light')
  await shot('usage-view-light')
  await page.keyboard.press('Escape')
  await page.getByRole('dialog', { name: 'Usage and quota' }).waitFor({ state: 'detached' })
  await shot('parked-session-light')
  await setTheme('dark')
})
