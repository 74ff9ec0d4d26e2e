/**
 * A folder Claude Code has not trusted, with the REAL CLI (offline, fake Messages API). Without
 * the user's consent Claude Code holds the session on its trust screen: no hook fires, and the app
 * shows the session waiting on a screen in its terminal, never idle. With the consent given in the
 * app (sessions.create trustFolder), the trust is recorded as Claude Code records it, Claude
 * starts straight at its prompt and SessionStart arrives. Run once per backend (pty, tmux).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CanonicalEvent } from '@shared/events'
import type { Session, SessionStatus } from '@shared/sessions'
import { startCliFixture, type CliFixture } from '../../support/cli-fixture'
import { plainText } from '../../support/terminal-capture'
import { UI_READY } from '../../support/claude-session'
import { startTestCore, waitFor, type TestCore } from '../../support/core'

/** Claude Code 2.1.332's trust screen: its choice to accept (spaces may be cursor moves). */
const TRUST_SCREEN = /Yes,\s*I\s*trust\s*this\s*folder/

for (const backend of ['pty', 'tmux'] as const) {
  describe(`untrusted folder (${backend})`, () => {
    let fx: CliFixture
    let t: TestCore
    const saved: Record<string, string | undefined> = {}
    const terminal = new Map<string, string>()
    /** Every status each session was pushed with, in order. */
    const seen = new Map<string, SessionStatus[]>()

    beforeAll(async () => {
      fx = await startCliFixture({ untrustedRepo: true })
      const env = { ...fx.env, ATELIER_CLAUDE_BIN: fx.claudeBin }
      for (const [k, v] of Object.entries(env)) {
        saved[k] = process.env[k]
        if (v === undefined) delete process.env[k]
        else process.env[k] = v
      }
      t = await startTestCore({ shimPath: fx.shimPath, dataDir: fx.dataDir })
      t.core.connect('test-untrusted', (stream, data) => {
        if (stream === 'terminal') {
          const { id, data: text } = data as { id: string; data: string }
          terminal.set(id, (terminal.get(id) ?? '') + text)
        } else if (stream === 'sessions') {
          for (const s of (data as { sessions: Session[] }).sessions) {
            const list = seen.get(s.id) ?? []
            if (list.at(-1) !== s.status) list.push(s.status)
            seen.set(s.id, list)
          }
        }
      })
    })

    afterAll(async () => {
      if (t) {
        const { sessions } = await t.api<{ sessions: Session[] }>('sessions.list')
        for (const s of sessions) await t.api('sessions.delete', { id: s.id }).catch(() => {})
      }
      await t?.close()
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k]
        else process.env[k] = v
      }
      await fx?.dispose()
    })

    const statusOf = async (id: string) =>
      (await t.api<{ sessions: Session[] }>('sessions.list')).sessions.find((s) => s.id === id)
        ?.status
    const events = async (id: string) =>
      (await t.api<{ events: CanonicalEvent[] }>('events.list', { sessionId: id, limit: 100 }))
        .events
    const trustRecord = () =>
      (
        JSON.parse(readFileSync(join(fx.home, '.claude.json'), 'utf8')) as {
          projects?: Record<string, { hasTrustDialogAccepted?: boolean }>
        }
      ).projects?.[fx.repo]?.hasTrustDialogAccepted

    it('without consent: the session waits on the trust screen, shown as a screen, never idle', async () => {
      expect(await t.api('projects.trust', { cwd: fx.repo })).toEqual({
        trusted: false,
        projectFolder: fx.repo,
        recordable: true,
      })
      const s = await t.api<Session>('sessions.create', {
        name: 'Untrusted',
        cwd: fx.repo,
        backend,
      })
      expect(s.status).toBe('starting')
      await waitFor(() => TRUST_SCREEN.test(plainText(terminal.get(s.id) ?? '')))
      await waitFor(async () => (await statusOf(s.id)) === 'screen')
      // Claude Code holds every hook back on this screen, and nothing was recorded for it.
      expect(await events(s.id)).toEqual([])
      expect(seen.get(s.id)).not.toContain('idle')
      expect(trustRecord()).not.toBe(true)
      await t.api('sessions.delete', { id: s.id })
    })

    it('with consent: the trust is recorded, Claude starts at its prompt and SessionStart arrives', async () => {
      const s = await t.api<Session>('sessions.create', {
        name: 'Trusted',
        cwd: fx.repo,
        backend,
        trustFolder: true,
      })
      expect(trustRecord()).toBe(true)
      await waitFor(async () => (await events(s.id)).some((e) => e.type === 'session.start'))
      await waitFor(async () => (await statusOf(s.id)) === 'idle')
      await waitFor(() => UI_READY.test(plainText(terminal.get(s.id) ?? '')))
      expect(plainText(terminal.get(s.id) ?? '')).not.toMatch(TRUST_SCREEN)
      expect(await t.api('projects.trust', { cwd: fx.repo })).toMatchObject({ trusted: true })
    })
  })
}
