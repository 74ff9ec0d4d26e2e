/**
 * How turns end with the real Claude Code CLI, pty and tmux, seen in the store and on the page
 * (docs/session-lifecycle.md): failed on an API error (the fake API answers 500 or 529; Claude
 * Code retries once, then ends the turn on StopFailure). A screenshot of the failed session lands
 * in test-results/lifecycle/.
 *   npm run test:lifecycle -- endings
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  is,
  looks,
  SCENARIO_BACKENDS,
  startScenarioApp,
  type ScenarioApp,
} from '../support/scenario'

let app: ScenarioApp

before(async () => {
  app = await startScenarioApp()
})

after(async () => {
  await app?.close()
})

for (const backend of SCENARIO_BACKENDS) {
  describe(`over ${backend}`, () => {
    for (const [script, status, what] of [
      ['server-error', 500, 'an API error (500)'],
      ['overloaded', 529, 'an overloaded API (529)'],
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
          const v = await s.waitView('failed', looks.failed)
          assert.match(v.cardDetail, /^Failed: \S/, 'the card says what failed')
          const failure = v.feed.find((r) => r.kind === 'failure')
          assert.ok(failure, 'a failure row in the feed')
          assert.equal(f.type === 'stop.failure' && f.error.length > 0, true)
          if (script === 'server-error') await app.shot(`failed-${backend}`)
        } finally {
          await app.remove(s)
        }
      })
    }
  })
}
