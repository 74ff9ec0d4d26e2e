/**
 * Session lifecycle with the real Claude Code CLI, pty and tmux, seen both in the store and on
 * the page (docs/session-lifecycle.md): a prompt typed in the terminal instead of the app, and
 * /compact.
 *   npm run test:lifecycle -- turns
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { is, looks, SCENARIO_BACKENDS, useScenarioApp } from '../support/scenario'

const app = useScenarioApp()

for (const backend of SCENARIO_BACKENDS) {
  describe(`over ${backend}`, () => {
    test('a prompt typed in the terminal instead of the app is the turn’s prompt', async () => {
      const s = await app.start(`typed-${backend}`, backend)
      try {
        await s.type('[[script:text]] typed straight into the terminal')
        await s.waitEvent(
          'the typed prompt',
          (e) => e.type === 'prompt' && e.text.includes('typed straight into the terminal'),
        )
        await s.waitEvent('the turn’s Stop', is.mainStop)
        const v = await s.waitView('the finished turn', looks.finished)
        const prompts = v.feed.filter((r) => r.kind === 'prompt')
        assert.equal(prompts.length, 1)
        assert.match(prompts[0].text, /typed straight into the terminal/)
        assert.ok(v.feed.some((r) => /Hello from the fake model/.test(r.text)))
        assert.equal((await s.record())?.lastPrompt?.includes('typed straight'), true)
      } finally {
        await app.remove(s)
      }
    })

    test('/compact is stored before and after and shown as a compaction, never as a prompt', async () => {
      const s = await app.start(`compact-${backend}`, backend)
      try {
        await s.prompt('[[script:text]] something to compact')
        await s.waitEvent('the Stop', is.mainStop)
        await s.type('/compact')
        await s.waitEvent(
          'PreCompact (manual)',
          (e) => e.type === 'compact' && e.phase === 'pre' && e.trigger === 'manual',
        )
        await s.waitEvent(
          'PostCompact (manual)',
          (e) => e.type === 'compact' && e.phase === 'post' && e.trigger === 'manual',
        )
        const events = await s.events()
        assert.deepEqual(
          events.filter((e) => e.type === 'prompt').map((e) => e.type === 'prompt' && e.text),
          ['[[script:text]] something to compact'],
          'neither /compact nor its summary counts as a user prompt',
        )
        const v = await s.waitView(
          'the compaction in the feed, the session not working',
          (x) =>
            x.feed.some((r) => r.kind !== 'prompt' && /compact/i.test(r.text)) &&
            !/working/.test(x.summary) &&
            x.zoneStatus !== 'working',
        )
        assert.equal(v.feed.filter((r) => r.kind === 'prompt').length, 1)
      } finally {
        await app.remove(s)
      }
    })
  })
}
