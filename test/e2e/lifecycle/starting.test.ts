/**
 * Starting a session in a folder Claude Code does not trust yet, with the real CLI, pty and tmux
 * (docs/session-lifecycle.md): without consent the session waits on Claude's trust screen and the
 * app says so (never "Idle"), opens the terminal and refuses to type a prompt into the screen;
 * with the consent given in the New Session dialog the screen never appears.
 * Screenshot of the waiting session in test-results/lifecycle/.
 *   npm run test:lifecycle -- starting
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SCENARIO_BACKENDS, useScenarioApp, untrustedProject } from '../support/scenario'

const app = useScenarioApp()

const TRUST_SCREEN = /trust\s*this\s*folder/i

for (const backend of SCENARIO_BACKENDS) {
  describe(`over ${backend}`, () => {
    test('an untrusted folder: waiting on a screen in the terminal, the prompt bar refuses', async () => {
      const cwd = untrustedProject()
      const s = await app.start(`untrusted-${backend}`, backend, { cwd, ready: false })
      try {
        await s.waitScreen(TRUST_SCREEN)
        const v = await s.waitView(
          'waiting on a screen in its terminal',
          (x) => x.zoneStatus === 'screen' && x.needYou === '1 needs you',
        )
        assert.notEqual(v.cardStatus, 'Idle')
        await app.page.getByTestId('terminal').waitFor()
        await app.shot(`waiting-on-screen-${backend}`)
        // A prompt typed now would answer the trust screen: the prompt bar refuses, says why
        // and offers the terminal, where the screen is answered.
        const refusal = app.page.locator('.prompt-refusal')
        await refusal.filter({ hasText: /terminal/ }).waitFor()
        assert.equal(await app.page.getByLabel('Prompt').isDisabled(), true)
        assert.equal(await refusal.getByRole('button', { name: 'Open its terminal' }).count(), 1)
        assert.equal((await s.record())?.alive, true, 'Claude Code did not exit')
        assert.match(await s.screen(), TRUST_SCREEN)
        assert.equal((await s.events()).filter((e) => e.type === 'prompt').length, 0)
      } finally {
        await app.remove(s)
      }
    })

    test('trust given in the New Session dialog: the screen never appears', async () => {
      const cwd = untrustedProject()
      const home = process.env.HOME!
      const config = JSON.parse(await readFile(join(home, '.claude.json'), 'utf8')) as {
        projects: Record<string, unknown>
      }
      await app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
      await app.page.keyboard.press('n')
      const dialog = app.page.getByRole('dialog', { name: 'New session' })
      await dialog.getByLabel('Folder').fill(cwd)
      await dialog.getByLabel('Name').fill(`trusted-${backend}`)
      await dialog.getByLabel('Runs in').selectOption(backend)
      await dialog.getByText('Trust this folder for Claude Code?').waitFor()
      await dialog.getByLabel('Yes, I trust this folder').check()
      await dialog.getByRole('button', { name: 'Start session' }).click()
      await dialog.waitFor({ state: 'detached' })
      const { sessions } = await app.api<{ sessions: { id: string; name: string }[] }>(
        'sessions.list',
      )
      const id = sessions.find((x) => x.name === `trusted-${backend}`)!.id
      try {
        await app.until('SessionStart', async () => {
          const { events } = await app.api<{ events: { type: string }[] }>('events.list', {
            sessionId: id,
            limit: 50,
          })
          return events.some((e) => e.type === 'session.start')
        })
        const { data } = await app.api<{ data: string }>('terminal.snapshot', { id })
        assert.doesNotMatch(data, TRUST_SCREEN)
        const after = JSON.parse(await readFile(join(home, '.claude.json'), 'utf8')) as {
          projects: Record<string, { hasTrustDialogAccepted?: boolean }>
        }
        assert.equal(after.projects[cwd]?.hasTrustDialogAccepted, true)
        for (const dir of Object.keys(config.projects))
          assert.ok(dir in after.projects, 'what Claude Code’s file held is kept')
      } finally {
        await app.api('sessions.delete', { id })
      }
    })
  })
}
