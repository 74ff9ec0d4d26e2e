/**
 * How turns end with the real Claude Code CLI, pty and tmux, seen in the store and on the page
 * (docs/session-lifecycle.md): failed on an API error or a rate limit (the fake API answers 500,
 * 529 or 429; Claude Code retries, then ends the turn on StopFailure); interrupted mid-tool (Stop
 * in the app, Esc in the terminal); Claude killed with SIGKILL mid-turn; the app restarted
 * mid-turn; a session deleted while it works. Screenshots of failed, interrupted and finished
 * sessions land in test-results/lifecycle/.
 *   npm run test:lifecycle -- endings
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import {
  is,
  looks,
  SCENARIO_BACKENDS,
  useScenarioApp,
  toolStates,
  type ScenarioSession,
} from '../support/scenario'

const app = useScenarioApp()

const held = (name: string) => join(app.project, name)

/** Starts the `hold` script's Bash call (allowed from the app) and waits until it runs. */
async function holdMidTool(s: ScenarioSession): Promise<void> {
  await rm(held('hold-started'), { force: true })
  await rm(held('hold-release'), { force: true })
  await s.prompt('[[script:hold]] wait for the release file')
  await s.waitPending()
  await app.page
    .getByRole('alertdialog')
    .getByRole('button', { name: /^Allow/ })
    .click()
  await app.until('the held tool runs', async () => existsSync(held('hold-started')))
  await s.waitView(
    'working in Bash',
    (v) => looks.working(v) && /Using Bash/.test(v.cardDetail) && toolStates(v).includes('running'),
  )
}

function release(): void {
  writeFileSync(held('hold-release'), '')
}

for (const backend of SCENARIO_BACKENDS) {
  describe(`over ${backend}`, () => {
    for (const [script, status, what] of [
      ['server-error', 500, 'an API error (500)'],
      ['overloaded', 529, 'an overloaded API (529)'],
      ['rate-limit', 429, 'a rate limit (429)'],
    ] as const) {
      test(`StopFailure from ${what}: failed, with its message, nothing working`, async () => {
        const s = await app.start(`${script}-${backend}`, backend)
        try {
          await s.prompt(`[[script:${script}]] call the API`)
          const f = await s.waitEvent('the StopFailure', (e) => e.type === 'stop.failure')
          assert.ok(
            app.fake.requests.some((r) => r.script === script),
            `the fake answered ${status}`,
          )
          assert.equal((await s.events()).some(is.mainStop), false, 'a failed turn has no Stop')
          // The card follows the session's state and the feed its events: wait for both.
          const v = await s.waitView(
            'failed, with a failure row',
            (x) => looks.failed(x) && x.feed.some((r) => r.kind === 'failure'),
          )
          assert.match(v.cardDetail, /^Failed: \S/, 'the card says what failed')
          const failure = v.feed.find((r) => r.kind === 'failure')!
          if (script === 'rate-limit') assert.match(failure.text, /rate limit/i)
          assert.equal(f.type === 'stop.failure' && f.error.length > 0, true)
          if (script === 'server-error') await app.shot(`failed-${backend}`)
        } finally {
          await app.remove(s)
        }
      })
    }

    test('Stop in the app mid-tool: interrupted, the tool row closed, nothing working', async () => {
      const s = await app.start(`stop-${backend}`, backend)
      try {
        await holdMidTool(s)
        await app.page.locator('.prompt-bar').getByRole('button', { name: /^Stop/ }).click()
        await s.waitEvent(
          'the interrupt from the app',
          (e) => e.type === 'interrupt' && e.by === 'app',
        )
        await s.waitScreen(/Interrupted/)
        const v = await s.waitView('interrupted', looks.interrupted)
        assert.doesNotMatch(v.cardDetail, /Using Bash/)
        await app.shot(`interrupted-${backend}`)
        // The next prompt starts a fresh turn that finishes.
        release()
        await s.prompt('[[script:text]] carry on')
        await s.waitEvent('the next Stop', is.mainStop)
        await s.waitView('finished', looks.finished)
        await app.shot(`finished-${backend}`)
      } finally {
        release()
        await app.remove(s)
      }
    })

    test('Esc in the terminal mid-tool: interrupted, though no hook announces it', async () => {
      const s = await app.start(`esc-${backend}`, backend)
      try {
        await holdMidTool(s)
        await s.keys('\x1b')
        await s.waitScreen(/Interrupted/)
        await s.waitEvent(
          'the interrupt typed in the terminal',
          (e) => e.type === 'interrupt' && e.by === 'terminal',
        )
        const v = await s.waitView(
          'interrupted, said in the feed',
          (x) =>
            looks.interrupted(x) && x.feed.some((r) => /Interrupted in the terminal/.test(r.text)),
        )
        assert.doesNotMatch(v.cardDetail, /Using Bash/)
      } finally {
        release()
        await app.remove(s)
      }
    })

    test('Claude killed with SIGKILL mid-turn: offline with the signal, the tool row closed', async () => {
      const s = await app.start(`sigkill-${backend}`, backend)
      try {
        await holdMidTool(s)
        const pid = await app.until('the Claude process', () => s.claudePid())
        process.kill(pid, 'SIGKILL')
        // tmux 3.3a sometimes records neither the signal nor a code for a killed pane
        // (sessions/backends/tmux.ts): the app then says it cannot tell, never a made-up code.
        const told = (e: { signal: string | null; code: number | null }) =>
          e.signal === 'SIGKILL' || (backend === 'tmux' && e.signal === null && e.code === null)
        const exit = await s.waitEvent(
          'the stored exit',
          (e) => e.type === 'process.exit' && told(e),
        )
        const known = exit.type === 'process.exit' && exit.signal === 'SIGKILL'
        const v = await s.waitView(
          'offline, the exit in the feed',
          (x) =>
            looks.offline(x) &&
            x.feed.some((r) =>
              (known ? /killed \(SIGKILL\)/ : /ended \(its terminal did not say how\)/).test(
                r.text,
              ),
            ),
        )
        if (known) assert.match(v.cardDetail, /SIGKILL|killed/i)
        else assert.doesNotMatch(v.cardDetail, /exit -1/)
        assert.equal((await s.record())?.alive, false)
        assert.ok(toolStates(v).includes('interrupted'))
      } finally {
        release()
        await app.remove(s)
      }
    })

    test('the app restarted mid-turn: the turn is shown as it really is afterwards', async () => {
      const s = await app.start(`app-restart-${backend}`, backend)
      try {
        await holdMidTool(s)
        await app.restartApp()
        if (backend === 'tmux') {
          // tmux kept Claude running: still working in Bash, and the turn finishes.
          await s.waitView(
            'still working after the restart',
            (v) => looks.working(v) && toolStates(v).includes('running'),
          )
          release()
          await s.waitEvent('the Stop', is.mainStop)
          await s.waitView('finished', looks.finished)
        } else {
          // A pty dies with the app: offline, the tool row closed, nothing working.
          await s.waitView('offline', looks.offline)
        }
      } finally {
        release()
        await app.remove(s)
      }
    })

    test('delete while working: the card goes, the camera and selection move to a remaining session', async () => {
      const keep = await app.start(`keep-${backend}`, backend)
      const s = await app.start(`delete-${backend}`, backend)
      try {
        await holdMidTool(s)
        await app.remove(s)
        await app.until('the remaining session selected and in view', async () => {
          const pressed = await app.page
            .locator(`[data-session-card="${keep.id}"] .card-main`)
            .getAttribute('aria-pressed')
          const mode = await app.page.evaluate(
            () => window.__atelierScene?.snapshot().cameraMode ?? null,
          )
          return pressed === 'true' && mode === 'focused'
        })
        const v = await keep.view()
        assert.doesNotMatch(v.summary, /working/)
        assert.equal(await app.page.locator(`[data-session-card="${s.id}"]`).count(), 0)
      } finally {
        release()
        await app.remove(s).catch(() => {})
        await app.remove(keep)
      }
    })
  })
}
