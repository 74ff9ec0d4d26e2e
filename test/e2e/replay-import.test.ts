/**
 * An exported replay opened in another app, the way a colleague would: the built app in
 * Chromium, "Open replay file…", the file's sessions replayed in the workshop under a marker that
 * names the file, played to the end (each session's card in its final state from the file), and
 * back to live — with nothing of the file stored by the app that opened it. Screenshots of the
 * imported replay in both themes go to test-results/.
 */
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { HistorySpan } from '@shared/contract/replay'
import type { ExportDocument } from '../../src/main/core/replay/export/export-format'
import { startHeadless, type HeadlessApp } from './support/headless'
import { openBrowser, screenshot, type Browser } from './support/browser'
import { fleetPayloads } from '../support/replay-stream'

let maker: HeadlessApp
let opener: HeadlessApp
let browser: Browser
let folder: string
let file: string
let fileName: string
let doc: ExportDocument

before(async () => {
  ;[maker, opener] = await Promise.all([startHeadless(), startHeadless()])
  for (const p of fleetPayloads(3, 5, 606))
    assert.equal((await maker.post('/hooks/claude', p)).status, 200)
  const { span } = await maker.api<{ span: HistorySpan }>('replay.span')
  const out = await maker.api<{ html: string; fileName: string }>('replay.export', {
    from: span.firstTs,
    to: span.lastTs,
    redact: { strings: [], patterns: [], secrets: true, toolOutputs: false },
  })
  folder = mkdtempSync(join(tmpdir(), 'atelier-import-e2e-'))
  fileName = out.fileName
  file = join(folder, fileName)
  writeFileSync(file, out.html)
  const m = /<script type="application\/json" id="atelier-replay-data">([^<]*)<\/script>/.exec(
    out.html,
  )
  doc = JSON.parse(m![1]) as ExportDocument
  browser = await openBrowser()
})

after(async () => {
  await browser?.close()
  await Promise.all([maker?.stop(), opener?.stop()])
  if (folder) rmSync(folder, { recursive: true, force: true })
})

describe('opening an exported replay in the app', () => {
  it('replays the file read-only under its name, to the end, and goes back to live', async () => {
    const { page, errors } = browser
    const setTheme = async (theme: 'light' | 'dark') => {
      await opener.api('settings.update', { theme })
      await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme)
    }
    await page.goto(await opener.freshUrl())
    await setTheme('dark')
    await page.getByLabel('Replay file').setInputFiles(file)
    const bar = page.getByRole('region', { name: `Replay of the file ${fileName}` })
    await bar.getByText('REPLAY · imported file').waitFor()
    await bar.getByText(fileName).waitFor()
    const cards = page.getByTestId('session-card')
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="session-card"]').length === n,
      doc.sessions.length,
    )
    assert.deepEqual(
      await cards.locator('.card-name').allTextContents(),
      doc.sessions.map((s) => s.name),
    )

    // The middle of the stretch, one event on: an imported replay in progress. (The history was
    // posted in a burst, so it is seconds long: playing would reach its end at once.)
    const scrubber = page.getByLabel('Replay position')
    const [min, max] = await scrubber.evaluate((el: HTMLInputElement) => [
      Number(el.min),
      Number(el.max),
    ])
    await scrubber.fill(String(Math.round((min + max) / 2)))
    await bar.getByRole('button', { name: 'Step one event' }).click()
    await page.getByTestId('feed-item').first().waitFor()
    await screenshot(page, 'replay-import-in-progress-dark')
    await setTheme('light')
    await screenshot(page, 'replay-import-in-progress-light')
    await setTheme('dark')

    // To the end: each card shows its session's last state in the file.
    await bar.getByRole('button', { name: 'Play', exact: true }).click()
    // Plays to the file's end (no named function inside: tsx would wrap it in a helper the page lacks).
    await page.waitForFunction(
      (end) =>
        Number(
          document.querySelector<HTMLInputElement>('input[aria-label="Replay position"]')?.value,
        ) >= end,
      max,
    )
    await bar.getByRole('button', { name: 'Play', exact: true }).waitFor()
    for (let s = 0; s < doc.sessions.length; s++) {
      const final = doc.frames.filter((f) => f.s === s).pop()!.view.state
      await page.locator(`[data-session-card="replay-file-${s + 1}"].status-${final}`).waitFor()
    }
    await screenshot(page, 'replay-import-end-dark')

    await bar.getByRole('button', { name: /Back to live/ }).click()
    await bar.waitFor({ state: 'detached' })
    await page.getByRole('button', { name: 'Replay', exact: true }).waitFor()
    assert.equal(await cards.count(), 0, 'the opening app has no sessions of its own')

    // The same file dropped on the window opens it too.
    const dataTransfer = await page.evaluateHandle(
      ({ text, name }) => {
        const dt = new DataTransfer()
        dt.items.add(new File([text], name, { type: 'text/html' }))
        return dt
      },
      { text: readFileSync(file, 'utf8'), name: fileName },
    )
    await page.dispatchEvent('.scene-pane', 'dragover', { dataTransfer })
    await page.dispatchEvent('.scene-pane', 'drop', { dataTransfer })
    await bar.getByText('REPLAY · imported file').waitFor()
    await bar.getByRole('button', { name: /Back to live/ }).click()
    await bar.waitFor({ state: 'detached' })
    // Nothing of the file was stored by the app that opened it.
    assert.equal((await opener.api<{ span: HistorySpan | null }>('replay.span')).span, null)
    assert.deepEqual(errors, [])
  })
})
