/**
 * Permission decisions with the real Claude Code CLI, pty and tmux, seen in the store and on the
 * page (docs/session-lifecycle.md): allow, always and deny from the app's dialog, a request
 * answered in the terminal first, and a request the app lets go of when its wait runs out (Claude's
 * own prompt then decides).
 *   npm run test:lifecycle -- permissions
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { CanonicalEvent } from '@shared/events'
import {
  is,
  looks,
  SCENARIO_BACKENDS,
  useScenarioApp,
  toolStates,
  type ScenarioSession,
} from '../support/scenario'

const app = useScenarioApp()

/** The stored decision on a permission request (its outcome, who settled it, a denial's reason). */
const decision = (
  e: CanonicalEvent,
): Extract<CanonicalEvent, { type: 'permission.decision' }> | null =>
  e.type === 'permission.decision' ? e : null

/** Prompts for a Bash call that asks permission, and waits for the app's dialog to show it. */
async function askForBash(s: ScenarioSession): Promise<void> {
  await rm(join(app.project, 'bash-ran.txt'), { force: true })
  await s.prompt('[[script:bash-write]] create the marker file')
  await s.waitPending()
  await s.waitView(
    'the permission request',
    (v) => looks.permission('Bash')(v) && v.dialog === 'Allow Bash?',
  )
}

const dialog = () => app.page.getByRole('alertdialog')

for (const backend of SCENARIO_BACKENDS) {
  describe(`over ${backend}`, () => {
    test('allow from the app: a stored decision, the tool runs, the turn finishes', async () => {
      const s = await app.start(`allow-${backend}`, backend)
      try {
        await askForBash(s)
        await dialog()
          .getByRole('button', { name: /^Allow/ })
          .click()
        const d = await s.waitEvent('the decision', (e) => decision(e)?.outcome === 'allow')
        assert.equal(decision(d)?.tool, 'Bash')
        const end = await s.waitEvent('the Bash call’s end', is.toolEnd('Bash'))
        assert.equal(end.type === 'tool.end' && end.success, true)
        await s.waitEvent('the Stop', is.mainStop)
        const v = await s.waitView('finished', looks.finished)
        assert.ok(existsSync(join(app.project, 'bash-ran.txt')))
        assert.deepEqual(toolStates(v), ['done'])
        assert.ok(v.feed.some((r) => r.kind !== 'tool' && /allow/i.test(r.text)))
      } finally {
        await app.remove(s)
      }
    })

    test('always from the app: the rule is saved and the same call no longer asks', async () => {
      const s = await app.start(`always-${backend}`, backend)
      try {
        await rm(join(app.project, 'always-ran.txt'), { force: true })
        await s.prompt('[[script:bash-touch]] touch the marker')
        await s.waitPending()
        await s.waitView('the permission request', looks.permission('Bash'))
        await dialog()
          .getByRole('button', { name: /^Always/ })
          .click()
        await s.waitEvent('the decision', (e) => decision(e)?.outcome === 'always')
        await s.waitEvent('the Stop', is.mainStop)
        await s.waitView('finished', looks.finished)
        const { rules } = await app.api<{ rules: { rule: string; present: boolean }[] }>(
          'permissions.rules',
        )
        assert.ok(rules.some((r) => /touch always-ran\.txt/.test(r.rule) && r.present))
        await s.prompt('[[script:bash-touch]] touch the marker again')
        await s.waitEvent(
          'the second Stop',
          (e, all) => is.mainStop(e) && all.filter(is.mainStop).length === 2,
        )
        const events = await s.events()
        assert.equal(events.filter(is.permission('Bash')).length, 1, 'the second call did not ask')
        const v = await s.waitView('finished again', looks.finished)
        assert.deepEqual(toolStates(v), ['done', 'done'])
      } finally {
        // The rule lives in the shared test folder: the next backend's run must be asked again.
        const { rules } = await app.api<{ rules: { rule: string; file: string }[] }>(
          'permissions.rules',
        )
        for (const r of rules)
          await app.api('permissions.revokeRule', { rule: r.rule, file: r.file })
        await app.remove(s)
      }
    })

    test('deny from the app: a stored decision with its reason, a denied tool row, a feed row', async () => {
      const s = await app.start(`deny-${backend}`, backend)
      try {
        await askForBash(s)
        await dialog().getByRole('button', { name: /^Deny/ }).click()
        await dialog().getByRole('textbox').fill('not in this folder')
        await dialog().getByRole('button', { name: 'Deny', exact: true }).click()
        const d = await s.waitEvent('the denial', (e) => decision(e)?.outcome === 'deny')
        assert.equal(decision(d)?.reason, 'not in this folder')
        assert.equal(decision(d)?.by, 'app')
        await s.waitScreen(/not in this folder/)
        const events = await s.events()
        assert.ok(
          !events.some((e) => e.type === 'tool.end' && e.tool === 'Bash' && e.success),
          'a denied call is never counted a success',
        )
        assert.equal(existsSync(join(app.project, 'bash-ran.txt')), false)
        const v = await s.waitView(
          'the denied call and the decision in the feed',
          (x) =>
            toolStates(x).includes('denied') &&
            !toolStates(x).includes('running') &&
            x.feed.some((r) => r.kind !== 'tool' && /not in this folder/.test(r.text)),
        )
        assert.equal(v.needYou, '')
        await app.shot(`denied-${backend}`)
      } finally {
        await app.remove(s)
      }
    })

    test('answered in the terminal first: the app lets go and records who answered', async () => {
      const s = await app.start(`terminal-answer-${backend}`, backend)
      try {
        await askForBash(s)
        // Claude Code's own prompt is up too; its first choice is "Yes".
        await s.waitScreen(/Do you want to proceed\?/)
        await s.keys('\r')
        await app.until('the app’s request is gone', async () => {
          const { requests } = await app.api<{ requests: { sessionId: string }[] }>(
            'permissions.list',
          )
          return !requests.some((r) => r.sessionId === s.id)
        })
        await dialog().waitFor({ state: 'detached' })
        const d = await s.waitEvent('the decision', (e) => decision(e) !== null)
        assert.equal(decision(d)?.by, 'terminal')
        await s.waitEvent('the Stop', is.mainStop)
        const v = await s.waitView('finished', looks.finished)
        assert.ok(existsSync(join(app.project, 'bash-ran.txt')))
        assert.ok(!toolStates(v).includes('running'))
      } finally {
        await app.remove(s)
      }
    })

    test('permission timeout: the app lets go, says so in the store and the feed, Claude’s own prompt decides', async () => {
      await app.api('settings.update', { permissionTimeoutMinutes: 1 })
      const s = await app.start(`timeout-${backend}`, backend)
      try {
        await askForBash(s)
        const d = await s.waitEvent('the timeout', (e) => decision(e)?.by === 'timeout')
        assert.equal(decision(d)?.outcome, 'timeout')
        assert.equal(decision(d)?.tool, 'Bash')
        await dialog().waitFor({ state: 'detached' })
        await s.waitView('the timeout in the feed, the call still open', (x) =>
          x.feed.some((r) => r.kind !== 'tool' && /in time/i.test(r.text)),
        )
        // Claude's own prompt is still up; answering it there ("Yes", its first choice) decides.
        await s.waitScreen(/Do you want to proceed\?/)
        assert.equal(existsSync(join(app.project, 'bash-ran.txt')), false)
        await s.keys('\r')
        await s.waitEvent('the Stop', is.mainStop)
        const v = await s.waitView('finished, the call done', looks.finished)
        assert.deepEqual(toolStates(v), ['done'])
        assert.ok(existsSync(join(app.project, 'bash-ran.txt')))
      } finally {
        await app.api('settings.update', { permissionTimeoutMinutes: 10 })
        await app.remove(s)
      }
    })
  })
}
