/**
 * A replay exported by the built app, opened the way a colleague would: the file on its own,
 * from file://, in Chromium with the network off. It must play to the end (every event in the
 * feed, every session in its final state) without asking the network for anything, and the
 * redacted file must contain none of what was redacted. Screenshots of the player in both themes
 * go to test-results/.
 */
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { HistorySpan } from '@shared/contract/replay'
import type { ExportDocument } from '../../src/main/core/replay/export/export-format'
import { startHeadless, type HeadlessApp } from './support/headless'
import { openBrowser, screenshot, type Browser } from './support/browser'
import { fleetPayloads } from '../support/replay-stream'
import { common } from '../node/pipeline/payloads'
import { toLocalInput } from '../../src/renderer/src/ui/replay/local-time-input'

const SECRET_KEY = 'sk-ant-api03-e2eQm2Xv7Lr4Np8Ks3Wt6Yh1'
const CLIENT = 'Meridian Freight'
const OUTPUT = 'e2e-tool-output-c41d'

function leaks(): Record<string, unknown>[] {
  const sid = 'e2e-export-leaky'
  const at = (hook: string, extra: Record<string, unknown>) => ({
    ...common(sid, hook, extra),
    prompt_id: `${sid}-1`,
  })
  return [
    { ...common(sid, 'SessionStart', { source: 'startup' }), prompt_id: undefined },
    at('UserPromptSubmit', { prompt: `Ship the ${CLIENT} release; key ${SECRET_KEY}` }),
    at('PreToolUse', {
      tool_name: 'Bash',
      tool_use_id: 'toolu_e1',
      tool_input: { command: 'env' },
    }),
    at('PostToolUse', {
      tool_name: 'Bash',
      tool_use_id: 'toolu_e1',
      tool_input: { command: 'env' },
      tool_response: { stdout: `ANTHROPIC_API_KEY=${SECRET_KEY}\n${OUTPUT}`, stderr: '' },
      duration_ms: 4,
    }),
    at('Stop', { last_assistant_message: `Released for ${CLIENT}.` }),
  ]
}

let app: HeadlessApp
let browser: Browser
let appBrowser: Browser | undefined
let folder: string
let file: string
let doc: ExportDocument

before(async () => {
  app = await startHeadless()
  for (const p of [...leaks(), ...fleetPayloads(3, 5, 404)]) {
    const res = await app.post('/hooks/claude', p)
    assert.equal(res.status, 200)
  }
  const { span } = await app.api<{ span: HistorySpan }>('replay.span')
  const out = await app.api<{ html: string; fileName: string; events: number }>('replay.export', {
    from: span.firstTs,
    to: span.lastTs,
    redact: { strings: [CLIENT], patterns: [], secrets: true, toolOutputs: true },
  })
  folder = mkdtempSync(join(tmpdir(), 'atelier-export-e2e-'))
  file = join(folder, out.fileName)
  writeFileSync(file, out.html)
  const m = /<script type="application\/json" id="atelier-replay-data">([\s\S]*?)<\/script>/.exec(
    out.html,
  )
  doc = JSON.parse(m![1]) as ExportDocument
  assert.equal(doc.frames.length, out.events)
  browser = await openBrowser()
})

after(async () => {
  await browser?.close()
  await appBrowser?.close()
  await app?.stop()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

describe('exported replay', () => {
  it('contains none of the redacted strings anywhere in the saved file', () => {
    const saved = readFileSync(file, 'utf8').toLowerCase()
    for (const s of [SECRET_KEY, CLIENT, OUTPUT]) {
      assert.ok(!saved.includes(s.toLowerCase()), `the file still contains ${s}`)
      assert.ok(!saved.includes(JSON.stringify(s).slice(1, -1).toLowerCase()))
    }
  })

  it('plays to the end from file:// with the network disabled', async () => {
    const { context, page, errors } = browser
    await context.setOffline(true)
    const requests: string[] = []
    context.on('request', (r) => requests.push(r.url()))
    const violations: string[] = []
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text())
    })
    const url = pathToFileURL(file).href
    // The page follows the system's theme; start dark, as the app does.
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.goto(url)
    await page.waitForSelector('html[data-theme="dark"]')
    await page.waitForSelector('html[data-state="paused"]')
    assert.equal(await page.locator('#feed .row.empty').count(), 1)
    await screenshot(page, 'replay-export-start-dark')

    await page.getByRole('button', { name: '64×' }).click()
    await page.getByRole('button', { name: /Skip idle/ }).click()
    await page.getByRole('button', { name: 'Play' }).click()
    await page.waitForSelector('html[data-state="ended"]')
    assert.equal(await page.locator('#player-state').textContent(), 'End of the recording')

    // Every event was reached, and the feed ends with the last one (the list holds the newest
    // row first and shows it at the bottom).
    const last = doc.frames.length - 1
    assert.equal(await page.getAttribute('html', 'data-frame'), String(last))
    const rows = page.locator('#feed .row')
    assert.equal(await rows.first().locator('.row-text').textContent(), doc.frames[last].text)
    const [newest, older] = await Promise.all([
      rows.nth(0).boundingBox(),
      rows.nth(1).boundingBox(),
    ])
    assert.ok(newest!.y > older!.y, 'the newest row is shown below the one before it')
    // Each zone shows its session's final state.
    for (let s = 0; s < doc.sessions.length; s++) {
      const final = doc.frames.filter((f) => f.s === s).pop()!.view.state
      assert.equal(
        await page.getAttribute(`#workshop .zone[data-session="${s}"]`, 'data-state'),
        final,
      )
    }
    await screenshot(page, 'replay-export-end-dark')
    await page.getByRole('button', { name: 'Switch theme' }).click()
    await page.waitForSelector('html[data-theme="light"]')
    await screenshot(page, 'replay-export-end-light')

    assert.deepEqual(requests, [url], 'the page asked for nothing but itself')
    assert.deepEqual(violations, [])
    assert.deepEqual(errors, [])
  })

  it('seeks from the timeline and steps one event at a time', async () => {
    const { page } = browser
    const box = (await page.locator('#timeline').boundingBox())!
    // The lanes start after their name column; the far left of the plot is the stretch's start.
    await page.mouse.click(box.x + 121, box.y + box.height / 2)
    const at = Number(await page.getAttribute('html', 'data-frame'))
    assert.ok(at < doc.frames.length / 4, `seeked to frame ${at}`)
    await page.getByRole('button', { name: 'Step one event' }).click()
    await page.waitForSelector(`html[data-frame="${at + 1}"]`)
    assert.equal(await page.getAttribute('html', 'data-state'), 'paused')
  })
})

describe('export from the app', () => {
  it('replays in the workshop and exports from the timeline as a download', async () => {
    appBrowser = await openBrowser()
    const { page, errors } = appBrowser
    const setTheme = async (theme: 'light' | 'dark') => {
      await app.api('settings.update', { theme })
      await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme)
    }
    await page.goto(await app.freshUrl())
    await setTheme('dark')
    await page.getByRole('button', { name: 'Replay', exact: true }).click()
    const bar = page.getByRole('region', { name: 'Replay' })
    await bar.getByText('REPLAY', { exact: true }).waitFor()
    // Back to the middle of the history, then play at 1x: a replay in progress.
    const scrubber = page.getByLabel('Replay position')
    const [min, max] = await scrubber.evaluate((el: HTMLInputElement) => [
      Number(el.min),
      Number(el.max),
    ])
    await scrubber.fill(String(Math.round((min + max) / 2)))
    await page.waitForFunction(
      ([lo, hi]) =>
        Number((document.querySelector('.replay-scrubber') as HTMLInputElement).value) <
        (lo + hi) / 2 + 1_000,
      [min, max],
    )
    await bar.getByRole('button', { name: 'Play', exact: true }).click()
    await bar.getByRole('button', { name: 'Pause', exact: true }).waitFor()
    await screenshot(page, 'replay-app-in-progress-dark')
    await setTheme('light')
    await screenshot(page, 'replay-app-in-progress-light')

    await bar.getByRole('button', { name: 'Export', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Export replay' })
    await dialog.waitFor()
    // The whole stretch, redacting the client's name. "To" defaults to the replay clock, which
    // the playback has carried who knows how far on a loaded machine: the end is set as well.
    await dialog.getByLabel('From').fill(toLocalInput(min))
    await dialog.getByLabel('To', { exact: true }).fill(toLocalInput(max))
    await dialog.getByLabel(/Also remove these strings/).fill(CLIENT)
    await screenshot(page, 'replay-app-export-dialog-light')
    await setTheme('dark')
    await screenshot(page, 'replay-app-export-dialog-dark')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export' }).click(),
    ])
    await dialog.waitFor({ state: 'detached' })
    const saved = join(folder, 'from-the-app.html')
    await download.saveAs(saved)
    assert.match(download.suggestedFilename(), /^atelier-replay-.*\.html$/)
    const html = readFileSync(saved, 'utf8')
    assert.ok(!html.toLowerCase().includes(CLIENT.toLowerCase()))
    assert.ok(!html.includes(SECRET_KEY))
    const m = /<script type="application\/json" id="atelier-replay-data">([\s\S]*?)<\/script>/.exec(
      html,
    )
    assert.equal((JSON.parse(m![1]) as ExportDocument).frames.length, doc.frames.length)
    assert.deepEqual(errors, [])
  })
})
