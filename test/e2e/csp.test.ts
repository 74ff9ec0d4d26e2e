/**
 * The built page carries its Content-Security-Policy itself: loaded from file:// as the packaged
 * app loads it, with no server to add a header, an inline script is still refused. (The headless
 * page gets the same `<meta>` policy plus its header; foundation.test.ts shows it still works,
 * WebSocket included.)
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT } from './support/headless'
import { openBrowser, type Browser } from './support/browser'

const INDEX_HTML = join(ROOT, 'out/renderer/index.html')
let browser: Browser

before(async () => {
  browser = await openBrowser()
})
after(async () => {
  await browser?.close()
})

test('the built index.html declares the policy before any script, charset still first-kilobyte', () => {
  const html = readFileSync(INDEX_HTML, 'utf8')
  const meta = html.indexOf('http-equiv="Content-Security-Policy"')
  assert.ok(meta > 0, 'no CSP <meta> in the built index.html')
  assert.ok(meta < html.indexOf('<script'), 'the policy must come before the first script')
  assert.ok(html.indexOf('charset=') < 1024, 'the charset declaration must stay in the first 1 KiB')
})

test('from file://, with no response headers, an inline script is refused', async () => {
  const page = browser.page
  await page.goto(pathToFileURL(INDEX_HTML).href)
  const outcome = await page.evaluate(
    () =>
      new Promise<{ ran: boolean; violated: string | null }>((resolve) => {
        let violated: string | null = null
        document.addEventListener('securitypolicyviolation', (e) => {
          violated = e.effectiveDirective
        })
        const script = document.createElement('script')
        script.textContent = 'window.__inlineRan = true'
        document.head.appendChild(script)
        // The violation event is queued as a task; let it run before reporting.
        setTimeout(() => {
          const ran = (window as unknown as { __inlineRan?: boolean }).__inlineRan === true
          resolve({ ran, violated })
        })
      }),
  )
  assert.deepEqual(outcome, { ran: false, violated: 'script-src-elem' })
})
