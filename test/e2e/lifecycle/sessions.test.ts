/**
 * Session lifecycle with the real Claude Code CLI, pty and tmux, seen both in the store and on
 * the page (docs/session-lifecycle.md): resume after restart, /clear, and a background subagent
 * (its result arrives as an injected <task-notification>, shown under the subagent).
 *   npm run test:lifecycle -- sessions
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { is, looks, SCENARIO_BACKENDS, useScenarioApp } from '../support/scenario'

const app = useScenarioApp()

for (const backend of SCENARIO_BACKENDS) {
  describe(`over ${backend}`, () => {
    test('restart resumes the same Claude session: idle again, the history kept', async () => {
      const s = await app.start(`resume-${backend}`, backend)
      try {
        await s.prompt('[[script:text]] before the restart')
        await s.waitEvent('the first Stop', is.mainStop)
        await s.waitView('the first turn finished', looks.finished)
        const before = await s.record()
        await app.api('sessions.restart', { id: s.id })
        await s.waitEvent(
          'SessionStart from --resume',
          (e) => e.type === 'session.start' && e.source === 'resume',
        )
        await s.waitReady()
        const after = await s.record()
        assert.equal(after?.claudeSessionId, before?.claudeSessionId)
        await s.waitView('idle after the resume, the first turn still in the feed', (v) => {
          return (
            (looks.idle(v) || looks.finished(v)) &&
            v.feed.some((r) => r.kind === 'prompt' && /before the restart/.test(r.text))
          )
        })
        await s.prompt('[[script:text]] after the restart')
        await s.waitEvent(
          'the second Stop',
          (e, all) => is.mainStop(e) && all.filter(is.mainStop).length === 2,
        )
        await s.waitView(
          'the second turn finished',
          (v) =>
            looks.finished(v) &&
            v.feed.filter((r) => r.kind === 'prompt').length === 2 &&
            v.cardStatus === 'Finished',
        )
      } finally {
        await app.remove(s)
      }
    })

    test('/clear starts a new Claude session in the same app session, idle', async () => {
      const s = await app.start(`clear-${backend}`, backend)
      try {
        await s.prompt('[[script:text]] something to clear')
        await s.waitEvent('the Stop', is.mainStop)
        const first = (await s.record())?.claudeSessionId
        await s.type('/clear')
        await s.waitEvent(
          'SessionEnd (clear)',
          (e) => e.type === 'session.end' && e.reason === 'clear',
        )
        const start = await s.waitEvent(
          'SessionStart (clear)',
          (e) => e.type === 'session.start' && e.source === 'clear',
        )
        assert.notEqual(start.agentSessionId, first)
        await s.waitView('idle after /clear', looks.idle)
        // Still one session in the app, and it takes the next prompt.
        const { sessions } = await app.api<{ sessions: { id: string }[] }>('sessions.list')
        assert.equal(sessions.filter((x) => x.id === s.id).length, 1)
        await s.prompt('[[script:text]] after the clear')
        await s.waitEvent(
          'the Stop after /clear',
          (e, all) => is.mainStop(e) && all.filter(is.mainStop).length === 2,
        )
        await s.waitView('the turn after /clear finished', looks.finished)
      } finally {
        await app.remove(s)
      }
    })

    test('a background subagent: start, result under the subagent, stop; never a user prompt', async () => {
      const s = await app.start(`subagent-${backend}`, backend)
      try {
        await s.prompt('[[script:agent]] send a subagent to look around')
        const start = await s.waitEvent('SubagentStart', (e) => e.type === 'subagent.start')
        await s.waitEvent(
          'SubagentStop',
          (e) =>
            e.type === 'subagent.stop' &&
            start.type === 'subagent.start' &&
            e.subagentId === start.subagentId,
        )
        // Claude Code injects the subagent's result as a <task-notification> message and answers it.
        await s.waitEvent(
          'the answer to the subagent’s result',
          (e, all) => is.mainStop(e) && all.filter(is.mainStop).length >= 2,
        )
        const events = await s.events()
        const prompts = events.filter((e) => e.type === 'prompt')
        assert.deepEqual(
          prompts.map((e) => e.type === 'prompt' && e.text),
          ['[[script:agent]] send a subagent to look around'],
          'the injected task notification is not a user prompt',
        )
        const v = await s.waitView('finished, the subagent gone', looks.finished)
        assert.ok(
          !v.feed.some((r) => /task-notification/.test(r.text)),
          'no raw <task-notification> in the feed',
        )
        assert.equal(v.feed.filter((r) => r.kind === 'prompt').length, 1)
        assert.equal(
          (await s.record())?.lastPrompt,
          '[[script:agent]] send a subagent to look around',
        )
        assert.equal((await s.record())?.subagents, 0)
      } finally {
        await app.remove(s)
      }
    })
  })
}
