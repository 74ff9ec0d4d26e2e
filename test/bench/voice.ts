/**
 * Voice latency benchmark (not part of the test suite): `npm run bench:voice` (builds first,
 * through scripts/bench.mjs).
 * Prints ONE JSON object on stdout.
 *
 * What is measured: releasing the push-to-talk key → the final transcript in the prompt bar,
 * against a fake Deepgram on 127.0.0.1 that answers CloseStream at once — so the figure is the
 * app's own overhead: the last audio chunk flushed from the worklet, the microphone released,
 * `voice.stop` over the WebSocket, CloseStream to the provider, its Results and close, the
 * answer back, and React writing the text. Timed inside the page on one clock: from the keyup
 * event's timestamp to the moment React assigns the textarea's value (`inPromptMs`), and to the
 * next animation frame after it (`paintedMs`). The built headless app serves a real Chromium whose
 * fake microphone plays a phrase spoken by espeak-ng.
 *
 * Env: BENCH_VOICE_N (default 30 measured releases, after 3 warm-up ones). Progress on stderr.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/chromium'
import { startHeadless } from '../e2e/support/headless'
import { speak } from '../support/audio'
import { startFakeDeepgram } from '../support/fake-deepgram'
import { percentile } from './support/load'

const N = Number(process.env.BENCH_VOICE_N ?? 30)
const WARMUP = 3
const KEY = 'dg_bench_00112233445566778899aabbccddeeff'
const TEXT = 'Run the tests again.'
const SAMPLE_RATE = 16_000

declare global {
  interface Window {
    __voiceBench?: { releasedAt: number; inPromptAt: number; paintedAt: number; expected: string }
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-voice-'))
  const wav = join(dir, 'phrase.wav')
  const audio = speak(TEXT, wav)
  const phraseBytes = Math.ceil((audio.samples.length / audio.sampleRate) * SAMPLE_RATE * 2)
  const fake = await startFakeDeepgram({ keys: [KEY], transcript: TEXT })
  const app = await startHeadless({ env: { DEEPGRAM_API_KEY: '' } })
  await app.api('settings.update', {
    voice: { endpoint: fake.endpoint, addressing: false, soundCues: false },
  })
  await app.api('voice.setKey', { provider: 'deepgram', key: KEY })
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wav}`,
    ],
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.goto(app.url)
    await page.locator('.conn-open').waitFor({ timeout: 20_000 })
    // Wrap the value setter React uses (its own tracker's), so the write itself is timed.
    await page.evaluate(() => {
      const el = document.querySelector('#prompt-input') as HTMLTextAreaElement
      const own = Object.getOwnPropertyDescriptor(el, 'value')
      const base = own ?? Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!
      Object.defineProperty(el, 'value', {
        configurable: true,
        get() {
          return base.get!.call(this)
        },
        set(v: string) {
          base.set!.call(this, v)
          const b = window.__voiceBench
          if (b && b.inPromptAt === 0 && v === b.expected) {
            b.inPromptAt = performance.now()
            requestAnimationFrame(() => (b.paintedAt = performance.now()))
          }
        },
      })
      window.addEventListener(
        'keyup',
        (e) => {
          const b = window.__voiceBench
          if (b && b.releasedAt === 0 && e.key.toLowerCase() === 'm') b.releasedAt = e.timeStamp
        },
        true,
      )
    })
    const inPrompt: number[] = []
    const painted: number[] = []
    for (let i = 0; i < WARMUP + N; i++) {
      await page.evaluate((text) => {
        const current = (document.querySelector('#prompt-input') as HTMLTextAreaElement).value
        window.__voiceBench = {
          releasedAt: 0,
          inPromptAt: 0,
          paintedAt: 0,
          expected: [current.trimEnd(), text].filter(Boolean).join(' '),
        }
      }, TEXT)
      const index = fake.connections.length
      await page.keyboard.down('Control')
      await page.keyboard.down('m')
      await page.locator('.voice-status.listening').waitFor()
      await fake.waitForAudio(phraseBytes, index)
      await page.keyboard.up('m')
      await page.keyboard.up('Control')
      await page.waitForFunction(() => (window.__voiceBench?.paintedAt ?? 0) > 0, undefined, {
        timeout: 20_000,
      })
      const b = (await page.evaluate(() => window.__voiceBench))!
      if (i >= WARMUP) {
        inPrompt.push(b.inPromptAt - b.releasedAt)
        painted.push(b.paintedAt - b.releasedAt)
      }
      process.stderr.write(
        `release ${i + 1}/${WARMUP + N}: ${(b.inPromptAt - b.releasedAt).toFixed(1)} ms\n`,
      )
      await page.locator('.voice-status').waitFor({ state: 'detached' })
    }
    const stats = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b)
      const r = (v: number) => Math.round(v * 10) / 10
      return {
        p50Ms: r(percentile(sorted, 50)),
        p99Ms: r(percentile(sorted, 99)),
        maxMs: r(sorted[sorted.length - 1]),
      }
    }
    console.log(
      JSON.stringify({
        what: 'push-to-talk key release → final transcript in the prompt bar (fake provider answers at once)',
        releases: N,
        inPrompt: stats(inPrompt),
        painted: stats(painted),
        sampleRate: fake.connections.at(-1)?.sampleRate,
      }),
    )
  } finally {
    await browser.close()
    await app.stop()
    await fake.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
