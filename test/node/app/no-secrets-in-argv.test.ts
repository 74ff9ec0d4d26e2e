/**
 * No secret in any process's command line while managed sessions run (real CLI, tmux and pty):
 * /proc/<pid>/cmdline is readable by every local user, and a tmux server keeps the command line
 * of the client call that started it for its whole life. Checked: the API key Claude Code gets,
 * each session's hook token and the app's own token.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import type { Session } from '@shared/sessions'
import { startCliFixture, type CliFixture } from '../../support/cli-fixture'
import { applyEnv } from '../../support/app-process'
import { startTestCore, waitFor, type TestCore } from '../../support/core'
import { plainText } from '../../support/terminal-capture'
import { UI_READY } from '../../support/claude-session'

/** Every process whose command line contains `secret`, as "pid: command line". */
function commandLinesContaining(secret: string): string[] {
  const found: string[] = []
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmdline: string
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    } catch {
      continue // the process ended meanwhile
    }
    if (cmdline.includes(secret)) found.push(`${pid}: ${cmdline.replaceAll('\0', ' ')}`)
  }
  return found
}

describe('secrets stay out of every argv', () => {
  let fx: CliFixture
  let t: TestCore
  let restoreEnv: () => void
  const terminal = new Map<string, string>()

  beforeAll(async () => {
    fx = await startCliFixture()
    restoreEnv = applyEnv({ ...fx.env, ATELIER_CLAUDE_BIN: fx.claudeBin })
    t = await startTestCore({ shimPath: fx.shimPath, dataDir: fx.dataDir })
    t.core.connect('test-terminal', (stream, data) => {
      if (stream !== 'terminal') return
      const { id, data: text } = data as { id: string; data: string }
      terminal.set(id, (terminal.get(id) ?? '') + text)
    })
  })

  afterAll(async () => {
    if (t) {
      const { sessions } = await t.api<{ sessions: Session[] }>('sessions.list')
      for (const s of sessions) await t.api('sessions.delete', { id: s.id }).catch(() => {})
    }
    await t?.close()
    restoreEnv?.()
    await fx?.dispose()
  })

  it('while a tmux and a pty session run Claude Code', async () => {
    const sessions: Session[] = []
    for (const backend of ['tmux', 'pty'] as const) {
      const s = await t.api<Session>('sessions.create', { name: backend, cwd: fx.repo, backend })
      sessions.push(s)
    }
    for (const s of sessions) {
      await waitFor(async () =>
        (await t.api<{ events: CanonicalEvent[] }>('events.list', { sessionId: s.id })).events.some(
          (e) => e.type === 'session.start',
        ),
      )
      await waitFor(() => UI_READY.test(plainText(terminal.get(s.id) ?? '')))
    }
    const apiKey = fx.env.ANTHROPIC_API_KEY
    expect(apiKey && apiKey.length).toBeGreaterThan(8)
    const secrets: Record<string, string> = {
      'the API key': apiKey!,
      'the app token': t.core.info.token,
    }
    for (const s of sessions) {
      const token = t.core.services.registry.record(s.id)?.token
      expect(token, `session ${s.name} has a hook token`).toBeTruthy()
      secrets[`the ${s.name} session token`] = token!
    }
    for (const [what, secret] of Object.entries(secrets))
      expect(commandLinesContaining(secret), what).toEqual([])
  })
})
