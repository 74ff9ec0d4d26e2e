/**
 * Remote hosts in the window, against a real ssh host made on this machine (an sshd in its own
 * network namespace, with tmux and the pinned Claude Code; test/support/ssh-test-host.ts) and
 * Chromium: the New Session dialog offers the host with its health, suggests the host's folders,
 * and starts the session there; its card and zone label carry the host's badge; Settings › Hosts
 * lists each host with its health. Screenshots, dark and light, overview and close-ups, land in
 * test-results/hosts-ui/.
 *   npm run test:e2e -- hosts-ui
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { HostEntry } from '@shared/hosts'
import type { Session } from '@shared/sessions'
import { startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic'
import {
  sshTestHostUnavailable,
  startSshTestHost,
  type SshTestHost,
} from '../support/ssh-test-host'
import { startUiServer, type UiServer } from './support/ui-server'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium'
import { HANG_TIMEOUT_MS } from '../support/patience'

const SHOTS = resolve('test-results/hosts-ui')
const unavailable = sshTestHostUnavailable()

let host: SshTestHost
let fake: FakeAnthropic
let server: UiServer
let browser: Browser
let page: Page
let repo: string
let devboxId: string

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

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) })
}

async function setTheme(theme: 'light' | 'dark'): Promise<void> {
  await invoke('settings.update', { theme })
  await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme)
}

async function blur(): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
}

/** Opens New Session on the host and types the start of the repository's folder. */
async function newSessionOnHost() {
  await blur()
  await page.keyboard.press('n')
  const dialog = page.getByRole('dialog', { name: 'New session' })
  await dialog.waitFor()
  await dialog.getByLabel('Runs on').selectOption(devboxId)
  await dialog.getByLabel('Folder').pressSequentially(`${host.home}/${basename(repo).slice(0, 3)}`)
  // The suggestion can only come from the host: the folder exists there alone.
  await dialog.getByRole('option', { name: new RegExp(basename(repo)) }).waitFor()
  return dialog
}

before(async () => {
  if (unavailable) return
  mkdirSync(SHOTS, { recursive: true })
  host = await startSshTestHost({ withClaude: true })
  fake = await startFakeAnthropic({ listenAddress: host.hostSideAddress })
  repo = host.makeRepo('trainer')
  host.loginClaude(fake.baseUrl, [repo])
  server = await startUiServer(
    process.env.UI_RENDERER_DIR ? resolve(process.env.UI_RENDERER_DIR) : undefined,
  )
  const added = await invoke<{ host: HostEntry }>('hosts.add', {
    target: host.target,
    identityFile: host.identityFile,
    label: 'devbox',
  })
  devboxId = added.host.id
  await invoke('hosts.confirmKey', { id: devboxId, fingerprint: host.hostKeyFingerprint() })
  // A second host nothing listens for: refused at once, shown as unreachable.
  await invoke('hosts.add', { target: 'ana@127.0.0.1:1', label: 'gpu-box' })
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' })
  page.setDefaultTimeout(HANG_TIMEOUT_MS)
  page.on('dialog', () => assert.fail('a native dialog opened (alert/confirm/prompt)'))
  await page.goto(server.url)
  await page.locator('.conn-open').waitFor()
})

after(async () => {
  if (server) {
    const { sessions } = await invoke<{ sessions: Session[] }>('sessions.list')
    for (const s of sessions) await invoke('sessions.delete', { id: s.id }).catch(() => {})
  }
  await browser?.close()
  await server?.close()
  await fake?.close()
  await host?.close()
})

test(
  'New Session starts a session on the host, picked with its health',
  { skip: unavailable ?? false },
  async () => {
    const dialog = await newSessionOnHost()
    const picker = dialog.getByLabel('Runs on')
    const options = await picker.locator('option').allTextContents()
    assert.deepEqual(options, ['This machine', 'devbox — Connected', 'gpu-box — Unreachable'])
    assert.equal(await dialog.getByLabel('Runs in').isDisabled(), true)
    await shot('new-session-host-dark')
    // A host that cannot take a session says why, under the picker.
    await picker.selectOption({ label: 'gpu-box — Unreachable' })
    await dialog.getByText(/Unreachable: .*Connection refused/).waitFor()
    await dialog.screenshot({ path: join(SHOTS, 'new-session-unreachable-dark.png') })
    await picker.selectOption(devboxId)
    await dialog.screenshot({ path: join(SHOTS, 'new-session-host-dialog-dark.png') })
    await dialog.getByRole('option', { name: new RegExp(basename(repo)) }).click()
    assert.equal(await dialog.getByLabel('Folder').inputValue(), repo)
    await dialog.getByRole('button', { name: 'Start session' }).click()
    await dialog.waitFor({ state: 'detached' })
    const { sessions } = await invoke<{ sessions: Session[] }>('sessions.list')
    assert.equal(sessions.length, 1)
    assert.equal(sessions[0]!.hostId, devboxId)
    assert.equal(sessions[0]!.backend, 'ssh')
  },
)

test('the card and the zone carry the host badge', { skip: unavailable ?? false }, async () => {
  const card = page.getByTestId('session-card')
  await card.getByTestId('host-badge').filter({ hasText: 'devbox' }).waitFor()
  const zone = page.getByTestId('zone-label')
  await zone.getByTestId('host-badge').filter({ hasText: 'devbox' }).waitFor()
  await blur()
  await shot('overview-dark')
  await card.screenshot({ path: join(SHOTS, 'card-dark.png') })
  await zone.screenshot({ path: join(SHOTS, 'zone-dark.png') })
})

test(
  'Settings › Hosts lists each host with its health',
  { skip: unavailable ?? false },
  async () => {
    await blur()
    await page.keyboard.press('Control+,')
    const settings = page.getByRole('dialog', { name: 'Settings' })
    await settings.waitFor()
    await settings.getByRole('tab', { name: 'Hosts' }).click()
    const devbox = settings.getByRole('listitem', { name: 'devbox' })
    await devbox
      .getByTestId('host-health')
      .filter({ hasText: /Connected·[\d.]+ ms·1 session/ })
      .waitFor()
    await settings
      .getByRole('listitem', { name: 'gpu-box' })
      .getByText(/Last error: .*refused/)
      .waitFor()
    assert.equal(await devbox.getByRole('button', { name: 'Remove devbox' }).isDisabled(), true)
    // "Send my Claude credentials" is off for a new host; on, the row says what goes and how,
    // and the core keeps it (the list read again shows it on).
    const credentials = devbox.getByRole('switch', { name: 'Send my Claude credentials to devbox' })
    assert.equal(await credentials.isChecked(), false)
    await devbox.getByText(/Sessions there use the host's own Claude login/).waitFor()
    await credentials.click({ force: true })
    await devbox
      .getByText(/in their launch file over ssh \(never in a command line\)|nothing is sent/)
      .waitFor()
    assert.equal(await credentials.isChecked(), true)
    await shot('settings-hosts-dark')
    await devbox.screenshot({ path: join(SHOTS, 'settings-host-row-dark.png') })
    await setTheme('light')
    await shot('settings-hosts-light')
    await devbox.screenshot({ path: join(SHOTS, 'settings-host-row-light.png') })
    await credentials.click({ force: true })
    await devbox.getByText(/Sessions there use the host's own Claude login/).waitFor()
    await page.keyboard.press('Escape')
    await settings.waitFor({ state: 'detached' })
    await blur()
    await shot('overview-light')
    await page.getByTestId('session-card').screenshot({ path: join(SHOTS, 'card-light.png') })
    await page.getByTestId('zone-label').screenshot({ path: join(SHOTS, 'zone-light.png') })
    const dialog = await newSessionOnHost()
    await shot('new-session-host-light')
    await dialog.screenshot({ path: join(SHOTS, 'new-session-host-dialog-light.png') })
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await setTheme('dark')
  },
)
