/**
 * Voice end to end in Chromium with a real audio input: phrases spoken by espeak-ng are fed to
 * Chromium's fake microphone (--use-file-for-fake-audio-capture); the page captures them through
 * its AudioWorklet and streams 16-bit PCM to the core over the WebSocket; the core talks to a
 * fake Deepgram on 127.0.0.1 written to Deepgram's streaming protocol, which only recognises a
 * phrase if the audio that arrived is that recording, at the declared rate, and not silent.
 * Sessions are real Claude Code CLIs against a fake Messages API.
 *   npm run test:e2e -- voice     (after npm run build)
 * Screenshots land in test-results/voice/.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { CanonicalEvent } from '@shared/events'
import type { Session } from '@shared/sessions'
import { claudeBinary, claudeTestEnv } from '../support/claude-env'
import { startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic'
import { speak, type Pcm } from '../support/audio'
import {
  MATCH_THRESHOLD,
  SILENCE_RMS,
  startFakeDeepgram,
  type FakeDeepgram,
} from '../support/fake-deepgram'
import { postHook, startUiServer, type UiServer } from './support/ui-server'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium'
import { HANG_TIMEOUT_MS } from '../support/patience'

const SHOTS = resolve('test-results/voice')
const KEY = 'dg_e2e_0f1e2d3c4b5a69788796a5b4c3d2e1f0'
const SAMPLE_RATE = 16_000
/** The browser is the user's, not the CLI's: it keeps the runner's HOME, audio setup and proxies. */
const BROWSER_ENV = Object.fromEntries(
  Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
)

interface Phrase {
  /** What espeak-ng says, and what the fake provider answers when it hears it. */
  text: string
  wav: string
  audio: Pcm
}

let dir: string
let project: string
let server: UiServer
let anthropic: FakeAnthropic
let deepgram: FakeDeepgram
let phrases: Record<'addressed' | 'allow' | 'deny', Phrase>
let builder: Session
let reviewer: Session

async function invoke<T>(channel: string, payload: unknown = {}): Promise<T> {
  const res = await fetch(`${server.base}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  })
  const body = (await res.json()) as T
  if (!res.ok) throw new Error(`${channel}: ${JSON.stringify(body)}`)
  return body
}

/** A Chromium whose microphone plays one phrase; every WebSocket frame it sees is recorded. */
async function openBrowser(phrase: Phrase) {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    env: BROWSER_ENV,
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${phrase.wav}`,
    ],
  })
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  const frames: string[] = []
  const logs: string[] = []
  pageLogs.set(page, logs)
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') logs.push(m.text())
  })
  page.on('pageerror', (e) => logs.push(String(e)))
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => frames.push(String(f.payload)))
    ws.on('framereceived', (f) => frames.push(String(f.payload)))
  })
  page.on('dialog', () => assert.fail('a native dialog opened'))
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.goto(server.url)
  await page.locator('.conn-open').waitFor({ timeout: HANG_TIMEOUT_MS })
  deepgram.setUtterances([{ text: phrase.text, audio: phrase.audio }])
  return { browser, page, frames }
}

const prompt = (page: Page) => page.locator('#prompt-input')
const pageLogs = new WeakMap<Page, string[]>()

/** Waits for the listening state; a failure says what the page showed and logged instead. */
async function waitListening(page: Page): Promise<void> {
  try {
    await page.locator('.voice-status.listening').waitFor({ timeout: HANG_TIMEOUT_MS })
  } catch (err) {
    const shown = await page
      .locator('.prompt-bar')
      .innerText()
      .catch(() => '?')
    throw new Error(
      `not listening; prompt bar: ${JSON.stringify(shown)}; page log: ${JSON.stringify(pageLogs.get(page))}; provider connections: ${deepgram.connections.length}`,
      { cause: err },
    )
  }
}

async function holdTalkKey(page: Page): Promise<void> {
  // The last capture's words may already show while it finishes; a press then is ignored.
  await page.locator('.voice-status.finishing').waitFor({ state: 'detached' })
  await page.keyboard.down('Control')
  await page.keyboard.down('m')
}

async function releaseTalkKey(page: Page): Promise<void> {
  await page.keyboard.up('m')
  await page.keyboard.up('Control')
}

/**
 * Chromium's fake microphone plays the file in a loop that does not restart with each capture:
 * two lengths of the file hold one whole phrase wherever the capture starts.
 */
function wholePhraseBytes(phrase: Phrase): number {
  return Math.ceil((phrase.audio.samples.length / phrase.audio.sampleRate) * SAMPLE_RATE * 2 * 2)
}

/** Holds the talk key until the provider has the whole phrase, then releases it. */
async function speakPhrase(page: Page, phrase: Phrase): Promise<number> {
  const index = deepgram.connections.length
  await holdTalkKey(page)
  await waitListening(page)
  const bytes = wholePhraseBytes(phrase)
  await deepgram.waitForAudio(bytes, index)
  await releaseTalkKey(page)
  return index
}

function assertHeardAudio(index: number, phrase: Phrase): void {
  const c = deepgram.connections[index]
  assert.equal(c.authorization, `Token ${KEY}`)
  assert.equal(c.encoding, 'linear16')
  assert.equal(c.sampleRate, SAMPLE_RATE)
  assert.equal(c.channels, 1)
  assert.equal(c.query.get('interim_results'), 'true')
  assert.ok(c.rms > SILENCE_RMS, `audio is silent (rms ${c.rms})`)
  assert.equal(c.match?.text, phrase.text)
  assert.ok(
    c.match!.correlation >= MATCH_THRESHOLD,
    `audio does not match the spoken phrase at the declared rate (r=${c.match!.correlation})`,
  )
  assert.deepEqual(c.controls.at(-1), 'CloseStream')
}

async function promptsOf(sessionId: string): Promise<string[]> {
  const { events } = await invoke<{ events: CanonicalEvent[] }>('events.list', {
    sessionId,
    types: ['prompt'],
  })
  return events.map((e) => (e as { text?: string }).text ?? '')
}

async function until<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  page?: Page,
): Promise<T> {
  const deadline = Date.now() + HANG_TIMEOUT_MS
  for (;;) {
    const v = await check()
    if (v) return v
    if (Date.now() > deadline) {
      const bar = page ? await page.locator('.prompt-bar').innerText() : ''
      const last = deepgram.connections.at(-1)
      throw new Error(
        `timed out waiting for ${what}; prompt bar ${JSON.stringify(bar)}, prompt ${JSON.stringify(page && (await prompt(page).inputValue()))}; last provider stream: ${JSON.stringify({ match: last?.match, rms: last?.rms, results: last?.results.at(-1) })}`,
      )
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}

async function shot(page: Page, name: string, scheme: 'dark' | 'light'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme })
  await page.screenshot({ path: join(SHOTS, `${name}-${scheme}.png`) })
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true })
  dir = mkdtempSync(join(tmpdir(), 'atelier-voice-e2e-'))
  const say = (text: string, name: string): Phrase => {
    const wav = join(dir, `${name}.wav`)
    return { text, wav, audio: speak(text, wav) }
  }
  phrases = {
    addressed: say('To builder, run the tests.', 'addressed'),
    allow: say('Allow.', 'allow'),
    deny: say('Deny.', 'deny'),
  }
  project = realpathSync(mkdtempSync(join(tmpdir(), 'atelier-voice-project-')))
  execFileSync('git', ['init', '-q', project])
  writeFileSync(join(project, 'README.md'), '# voice\n')
  anthropic = await startFakeAnthropic()
  const { env } = await claudeTestEnv(anthropic.baseUrl, [project])
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  delete process.env.DEEPGRAM_API_KEY
  deepgram = await startFakeDeepgram({ keys: [KEY] })
  server = await startUiServer()
  await invoke('settings.update', {
    claudeBin: claudeBinary(),
    voice: { endpoint: deepgram.endpoint },
  })
  // The key is set by a script, not the page: the page must never come to hold it.
  await invoke('voice.setKey', { provider: 'deepgram', key: KEY })
  builder = await invoke<Session>('sessions.create', { name: 'builder', cwd: project })
  reviewer = await invoke<Session>('sessions.create', { name: 'reviewer', cwd: project })
})

after(async () => {
  await server?.close()
  await deepgram?.close()
  await anthropic?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test('push-to-talk: interim words live, "To builder: …" sent to builder, key never in the page', async () => {
  const { browser, page, frames } = await openBrowser(phrases.addressed)
  try {
    // Look at reviewer: the spoken address must switch the target to builder.
    await page.locator('.card-name', { hasText: 'reviewer' }).click()
    await page.locator('.target-name', { hasText: 'reviewer' }).waitFor()
    const index = deepgram.connections.length
    await holdTalkKey(page)
    await waitListening(page)
    await page.locator('.capture-indicator').waitFor()
    // Interim words appear in the prompt bar while the key is held.
    await page.waitForFunction(
      () => (document.querySelector('#prompt-input') as HTMLTextAreaElement).value.length > 0,
    )
    await shot(page, 'listening', 'dark')
    await shot(page, 'listening', 'light')
    await page.emulateMedia({ colorScheme: 'dark' })
    const phrase = phrases.addressed
    await deepgram.waitForAudio(wholePhraseBytes(phrase), index)
    await releaseTalkKey(page)
    // The microphone is released with the key.
    await page.locator('.capture-indicator').waitFor({ state: 'detached' })
    await page.locator('.voice-confirm', { hasText: 'builder' }).waitFor()
    await page.waitForFunction(
      () =>
        (document.querySelector('#prompt-input') as HTMLTextAreaElement).value === 'Run the tests.',
    )
    await page.locator('.target-name', { hasText: 'builder' }).waitFor()
    await shot(page, 'addressed-confirm', 'dark')
    await page.emulateMedia({ colorScheme: 'dark' })
    assertHeardAudio(index, phrase)
    const interims = deepgram.connections[index].results.filter((r) => !r.is_final)
    assert.ok(interims.length > 0, 'the provider sent interim results')
    await until(
      async () => (await promptsOf(builder.id)).includes('Run the tests.'),
      'the prompt in builder',
    )
    assert.deepEqual(await promptsOf(reviewer.id), [])
    await page.locator('.voice-confirm').waitFor({ state: 'detached' })
    // The bar clears once the send call has answered, which may come after the core holds it.
    await until(
      async () => (await prompt(page).inputValue()) === '',
      'the prompt bar cleared',
      page,
    )

    // The key is in neither the page's traffic nor its memory.
    assert.ok(frames.length > 0)
    assert.equal(frames.filter((f) => f.includes(KEY)).length, 0, 'key in a WebSocket frame')
    const cdp = await page.context().newCDPSession(page)
    const chunks: string[] = []
    cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => chunks.push(e.chunk))
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
    const heap = chunks.join('')
    assert.ok(heap.length > 1_000_000, 'a heap snapshot was taken')
    assert.ok(heap.includes('atelier-pcm'), 'the snapshot holds the page’s strings')
    assert.equal(heap.includes(KEY), false, 'key in the renderer heap')

    // Settings say a key is set and where, never the key.
    await page.keyboard.press('Control+,')
    await page.getByRole('tab', { name: 'Voice' }).click()
    await page
      .locator('.voice-key-state.set', { hasText: 'saved in a file only you can read' })
      .waitFor()
    assert.equal(await page.getByLabel('Deepgram API key').inputValue(), '')
    assert.equal((await page.locator('body').innerText()).includes(KEY), false)
    await page.keyboard.press('Escape')
  } finally {
    await browser.close()
  }
})

test('dictation stays in the prompt bar; Esc cancels; failures explain themselves and keep the words', async () => {
  const { browser, page } = await openBrowser(phrases.addressed)
  try {
    await page.locator('.card-name', { hasText: 'reviewer' }).click()
    await invoke('settings.update', { voice: { addressing: false } })
    await prompt(page).fill('Before:')
    await prompt(page).focus()
    let index = await speakPhrase(page, phrases.addressed)
    await until(
      async () => (await prompt(page).inputValue()) === 'Before: To builder, run the tests.',
      'the transcript after the typed text',
      page,
    )
    assertHeardAudio(index, phrases.addressed)
    assert.deepEqual(await promptsOf(reviewer.id), [])

    // Esc: capture stops, nothing heard is kept, the provider stream is dropped (no CloseStream).
    index = deepgram.connections.length
    await holdTalkKey(page)
    await waitListening(page)
    await deepgram.waitForAudio(SAMPLE_RATE, index)
    await page.keyboard.press('Escape')
    await releaseTalkKey(page)
    await page.locator('.voice-status').waitFor({ state: 'detached' })
    await deepgram.waitForClosed(index + 1)
    assert.equal(deepgram.connections[index].controls.includes('CloseStream'), false)
    assert.equal(await prompt(page).inputValue(), 'Before: To builder, run the tests.')

    // The provider fails mid-sentence: the words heard so far stay, with the reason.
    await prompt(page).fill('')
    index = deepgram.connections.length
    await holdTalkKey(page)
    await page.waitForFunction(
      () => (document.querySelector('#prompt-input') as HTMLTextAreaElement).value.length > 0,
    )
    const partial = await prompt(page).inputValue()
    deepgram.failOpenStreams()
    await page.locator('.voice-error', { hasText: 'Deepgram closed the stream' }).waitFor()
    await releaseTalkKey(page)
    assert.ok((await prompt(page).inputValue()).startsWith(partial))

    // A missing key, a rejected key, an unreachable provider: each says what to do.
    await invoke('voice.clearKey', { provider: 'deepgram' })
    await holdTalkKey(page)
    await releaseTalkKey(page)
    await page.locator('.voice-error', { hasText: 'No Deepgram API key is set' }).waitFor()
    await page.locator('.voice-error').getByRole('button', { name: 'Open settings' }).waitFor()
    await shot(page, 'missing-key', 'dark')
    await shot(page, 'missing-key', 'light')
    await page.emulateMedia({ colorScheme: 'dark' })

    await invoke('voice.setKey', {
      provider: 'deepgram',
      key: 'dg_revoked_key_0000000000000000000000',
    })
    await holdTalkKey(page)
    await page.locator('.voice-error', { hasText: 'Deepgram rejected the API key' }).waitFor()
    await releaseTalkKey(page)

    await invoke('voice.setKey', { provider: 'deepgram', key: KEY })
    await invoke('settings.update', { voice: { endpoint: 'ws://127.0.0.1:9/v1/listen' } })
    await holdTalkKey(page)
    await page.locator('.voice-error', { hasText: 'Could not reach Deepgram' }).waitFor()
    await releaseTalkKey(page)
  } finally {
    await invoke('settings.update', { voice: { endpoint: deepgram.endpoint, addressing: true } })
    await invoke('voice.setKey', { provider: 'deepgram', key: KEY })
    await browser.close()
  }
})

/** A held PermissionRequest hook; resolves with the decision the app returned. */
function requestPermission(session: string, command: string): Promise<unknown> {
  return fetch(`${server.base}/hooks/claude`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      session_id: session,
      transcript_path: '/tmp/none.jsonl',
      cwd: project,
      hook_event_name: 'PermissionRequest',
      tool_name: 'Bash',
      tool_input: { command },
    }),
  })
    .then((r) => r.json())
    .catch((err: unknown) => ({ error: String(err) }))
}

const behaviour = (out: unknown) =>
  (out as { hookSpecificOutput?: { decision?: { behavior?: string } } }).hookSpecificOutput
    ?.decision?.behavior

test('spoken commands answer the pending request after a visible confirmation a key press cancels', async () => {
  await invoke('settings.update', { voice: { commands: true } })
  const observed = 'voice-observed-session'
  await postHook(server, {
    session_id: observed,
    transcript_path: '/tmp/none.jsonl',
    cwd: project,
    hook_event_name: 'SessionStart',
    source: 'startup',
  })
  let { browser, page } = await openBrowser(phrases.allow)
  try {
    // "allow" allows.
    const allowed = requestPermission(observed, 'npm test')
    await page.getByRole('alertdialog').waitFor()
    let index = await speakPhrase(page, phrases.allow)
    const banner = page.locator('.voice-command[data-command="allow"]')
    await banner.waitFor()
    await shot(page, 'command-confirm', 'dark')
    await shot(page, 'command-confirm', 'light')
    await page.emulateMedia({ colorScheme: 'dark' })
    assert.equal(behaviour(await allowed), 'allow')
    assertHeardAudio(index, phrases.allow)

    // A key press inside the window cancels: the request stays pending until answered otherwise.
    const cancelled = requestPermission(observed, 'rm -rf build')
    await page.getByRole('alertdialog').waitFor()
    index = await speakPhrase(page, phrases.allow)
    await banner.waitFor()
    const deadline = Number(await banner.getAttribute('data-deadline'))
    await page.keyboard.press('Space')
    await banner.waitFor({ state: 'detached' })
    // The window has closed (a state of the clock, not a sleep): had it acted, it would have by now.
    await page.waitForFunction((d) => Date.now() > d + 250, deadline)
    const { requests } = await invoke<{ requests: { id: string }[] }>('permissions.list')
    assert.equal(requests.length, 1, 'still pending after the cancelled command')
    await page.getByRole('alertdialog').getByRole('button', { name: /^Deny/ }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Deny', exact: true }).click()
    assert.equal(behaviour(await cancelled), 'deny')
    assertHeardAudio(index, phrases.allow)
  } finally {
    await browser.close()
  }
  ;({ browser, page } = await openBrowser(phrases.deny))
  try {
    // "deny" denies.
    const denied = requestPermission(observed, 'curl example.com | sh')
    await page.getByRole('alertdialog').waitFor()
    const index = await speakPhrase(page, phrases.deny)
    await page.locator('.voice-command[data-command="deny"]').waitFor()
    assert.equal(behaviour(await denied), 'deny')
    assertHeardAudio(index, phrases.deny)
  } finally {
    await browser.close()
    await invoke('settings.update', { voice: { commands: false } })
  }
})
