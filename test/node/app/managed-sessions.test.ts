/**
 * Managed sessions end to end with the REAL Claude Code CLI (offline, fake Messages API):
 * create → hook events linked to the session, in order, with durations; permissions answered
 * from the app (allow / deny / always); terminal stream; restart resumes the same Claude id;
 * two sessions at once; bad input. Run once per backend (pty, tmux).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CanonicalEvent } from '@shared/events'
import type { Session } from '@shared/sessions'
import type { PendingRequest } from '@shared/permissions'
import { startCliFixture, type CliFixture } from '../../support/cli-fixture'
import { plainText } from '../../support/terminal-capture'
import { startTestCore, waitFor, type TestCore } from '../../support/core'
import { HANG_TIMEOUT_MS } from '../../support/patience'

for (const backend of ['pty', 'tmux'] as const) {
  describe(`managed sessions (${backend})`, () => {
    let fx: CliFixture
    let t: TestCore
    const saved: Record<string, string | undefined> = {}
    const terminal = new Map<string, string>()

    beforeAll(async () => {
      fx = await startCliFixture()
      const env = { ...fx.env, ATELIER_CLAUDE_BIN: fx.claudeBin }
      for (const [k, v] of Object.entries(env)) {
        saved[k] = process.env[k]
        if (v === undefined) delete process.env[k]
        else process.env[k] = v
      }
      t = await startTestCore({ shimPath: fx.shimPath, dataDir: fx.dataDir })
      t.core.connect('test-terminal', (stream, data) => {
        if (stream !== 'terminal') return
        const { id, data: text } = data as { id: string; data: string }
        terminal.set(id, (terminal.get(id) ?? '') + text)
      })
    })

    afterAll(async () => {
      // Delete (and so stop) every session first: tmux sessions would outlive the core by design,
      // and Claude must be gone before its HOME is removed.
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

    const events = async (sessionId: string): Promise<CanonicalEvent[]> =>
      (
        await t.api<{ events: CanonicalEvent[] }>('events.list', { sessionId, limit: 1000 })
      ).events.reverse()
    const pending = async () =>
      (await t.api<{ requests: PendingRequest[] }>('permissions.list')).requests
    const waitForEvent = (sessionId: string, match: (e: CanonicalEvent) => boolean, after = 0) =>
      waitFor(async () => (await events(sessionId)).find((e) => (e.seq ?? 0) > after && match(e)), {
        timeoutMs: HANG_TIMEOUT_MS,
      })
    const lastSeq = async (sessionId: string) => (await events(sessionId)).at(-1)?.seq ?? 0

    /**
     * Sends a prompt and answers every permission request of the session the same way until the
     * turn that prompt started has stopped: its own `prompt` event first, then a main-agent
     * `stop` after it (a Stop of an earlier turn that arrives late does not count).
     */
    async function runTurn(
      id: string,
      prompt: string,
      decision: 'allow' | 'deny' | 'always' | null = 'allow',
    ) {
      const before = await lastSeq(id)
      await t.api('sessions.prompt', { id, text: prompt })
      const deadline = Date.now() + HANG_TIMEOUT_MS
      const decided: PendingRequest[] = []
      for (;;) {
        const list = await events(id)
        const started = list.find(
          (e) => (e.seq ?? 0) > before && e.type === 'prompt' && e.text === prompt,
        )
        const stop =
          started &&
          list.find((e) => (e.seq ?? 0) > started.seq! && e.type === 'stop' && !e.agentId)
        if (stop) break
        if (decision) {
          for (const req of (await pending()).filter((r) => r.sessionId === id)) {
            await t.api('permissions.decide', {
              id: req.id,
              decision,
              ...(decision === 'deny' ? { message: 'Denied in the test' } : {}),
            })
            decided.push(req)
          }
        }
        if (Date.now() > deadline)
          throw new Error(`turn did not stop: ${JSON.stringify(list.slice(-5))}`)
        await new Promise((r) => setTimeout(r, 50))
      }
      return { before, decided }
    }

    let alpha: Session

    it('creates a session that starts Claude Code and links its hooks', async () => {
      alpha = await t.api<Session>('sessions.create', { name: 'Alpha', cwd: fx.repo, backend })
      expect(alpha).toMatchObject({
        name: 'Alpha',
        kind: 'managed',
        backend,
        permissionMode: 'default',
        alive: true,
      })
      const start = await waitForEvent(alpha.id, (e) => e.type === 'session.start')
      expect(start).toMatchObject({
        type: 'session.start',
        source: 'startup',
        agentSessionId: alpha.claudeSessionId,
      })
      await waitFor(() => /for (agents|shortcuts)/.test(terminal.get(alpha.id) ?? ''), {
        timeoutMs: HANG_TIMEOUT_MS,
      })
    })

    it('stores Read, Bash, Write and Edit in order with durations, answering permissions from the app', async () => {
      const { before, decided } = await runTurn(alpha.id, '[[script:tools]] use the tools')
      const turn = (await events(alpha.id)).filter((e) => (e.seq ?? 0) > before)
      const tools = turn
        .filter((e) => e.type === 'tool.end')
        .map((e) => (e.type === 'tool.end' ? [e.tool, e.success, typeof e.durationMs] : []))
      expect(tools).toEqual([
        ['Read', true, 'number'],
        ['Bash', true, 'number'],
        ['Write', true, 'number'],
        ['Edit', true, 'number'],
      ])
      expect(turn[0]).toMatchObject({ type: 'prompt' })
      expect(turn.every((e) => e.sessionId === alpha.id)).toBe(true)
      expect(decided.map((d) => d.toolName)).toEqual(expect.arrayContaining(['Write']))
      expect(existsSync(join(fx.repo, 'notes.txt'))).toBe(true)
      // PostToolBatch comes through the spool, which Claude does not wait for: the turn's last
      // one may be stored after its Stop (docs/hook-contract.md#how-a-managed-session-reports).
      expect(turn.filter((e) => e.type !== 'tool.batch').at(-1)).toMatchObject({
        type: 'stop',
        text: 'All four tools ran.',
      })
      const batches = await waitFor(
        async () => {
          const all = (await events(alpha.id)).filter((e) => (e.seq ?? 0) > before)
          const b = all.filter((e) => e.type === 'tool.batch')
          return b.length === 4 ? b : undefined
        },
        { timeoutMs: HANG_TIMEOUT_MS },
      )
      expect(batches.every((e) => e.sessionId === alpha.id)).toBe(true)
      const settings = JSON.parse(
        readFileSync(join(t.dataDir, 'sessions', alpha.id, 'settings.json'), 'utf8'),
      ) as { hooks: Record<string, { hooks: { type: string; async?: boolean }[] }[]> }
      expect(settings.hooks.PostToolBatch[0].hooks[0]).toMatchObject({
        type: 'command',
        async: true,
      })
      // Claude Code redraws changed cells only, so the 'Allowed by PermissionRequest hook' line can
      // reach the raw stream with letters missing; the hook's name is the part that survives.
      await waitFor(() => /PermissionRequest/.test(plainText(terminal.get(alpha.id) ?? '')))
    })

    it('two sessions at once: a prompt and an interrupt reach only their target', async () => {
      const beta = await t.api<Session>('sessions.create', {
        name: 'Beta',
        cwd: fx.repo,
        backend,
      })
      await waitForEvent(beta.id, (e) => e.type === 'session.start')
      const alphaBefore = await lastSeq(alpha.id)
      await runTurn(beta.id, '[[script:text]] hello beta')
      expect(
        (await events(alpha.id)).filter((e) => (e.seq ?? 0) > alphaBefore && e.type === 'prompt'),
      ).toEqual([])
      expect((await events(beta.id)).filter((e) => e.type === 'prompt').at(-1)).toMatchObject({
        text: '[[script:text]] hello beta',
      })

      // Both sessions stop at a permission prompt; interrupting Beta cancels only Beta's.
      await t.api('sessions.prompt', { id: alpha.id, text: '[[script:bash-write]] wait here' })
      await t.api('sessions.prompt', { id: beta.id, text: '[[script:bash-write]] wait here too' })
      await waitFor(
        async () =>
          (await pending()).filter((r) => r.sessionId === alpha.id || r.sessionId === beta.id)
            .length === 2,
        {
          timeoutMs: HANG_TIMEOUT_MS,
        },
      ).catch(async () => {
        throw new Error(`expected two pending requests, got ${JSON.stringify(await pending())}`)
      })
      const betaMark = (terminal.get(beta.id) ?? '').length
      const alphaMark = (terminal.get(alpha.id) ?? '').length
      await t.api('sessions.interrupt', { id: beta.id })
      await waitFor(() =>
        /Interrupted/.test(plainText((terminal.get(beta.id) ?? '').slice(betaMark))),
      )
      await waitFor(async () => !(await pending()).some((r) => r.sessionId === beta.id))
      expect((await pending()).filter((r) => r.sessionId === alpha.id)).toHaveLength(1)
      expect(plainText((terminal.get(alpha.id) ?? '').slice(alphaMark))).not.toMatch(/Interrupted/)
      const [req] = (await pending()).filter((r) => r.sessionId === alpha.id)
      const beforeCleanup = await lastSeq(alpha.id)
      await t.api('permissions.decide', { id: req.id, decision: 'deny', message: 'cleanup' })
      // Alpha's turn goes on to its end; a prompt typed before that could land in the closing
      // dialog instead of the input box.
      await waitForEvent(alpha.id, (e) => e.type === 'stop' && !e.agentId, beforeCleanup)
      await t.api('sessions.delete', { id: beta.id })
      const list = await t.api<{ sessions: Session[] }>('sessions.list')
      expect(list.sessions.map((s) => s.id)).not.toContain(beta.id)
    })

    it('deny stops the command and Claude shows the reason; always lets the next identical call run unasked', async () => {
      const denied = await runTurn(alpha.id, '[[script:bash-write]] make the marker', 'deny')
      expect(existsSync(join(fx.repo, 'bash-ran.txt'))).toBe(false)
      // Two commands in one line: Claude offered no rule, so "Always" is not offered either.
      expect(denied.decided[0].always).toMatchObject({
        available: false,
        reason: expect.stringMatching(/several commands/),
      })
      // The TUI may wrap or re-flow the line: compare without whitespace.
      await waitFor(
        () =>
          plainText(terminal.get(alpha.id) ?? '')
            .replace(/\s+/g, '')
            .includes('Deniedinthetest'),
        {
          timeoutMs: HANG_TIMEOUT_MS,
        },
      )

      const always = await runTurn(alpha.id, '[[script:bash-touch]] make the marker', 'always')
      expect(always.decided).toHaveLength(1)
      expect(always.decided[0].always).toMatchObject({
        available: true,
        file: join(fx.repo, '.claude', 'settings.local.json'),
        rules: [{ text: 'Bash(touch always-ran.txt)' }],
      })
      expect(existsSync(join(fx.repo, 'always-ran.txt'))).toBe(true)
      // Claude Code saved exactly that rule, where the dialog said.
      const local = JSON.parse(
        readFileSync(join(fx.repo, '.claude', 'settings.local.json'), 'utf8'),
      ) as { permissions: { allow: string[] } }
      expect(local.permissions.allow).toEqual(['Bash(touch always-ran.txt)'])
      const again = await runTurn(alpha.id, '[[script:bash-touch]] make the marker again', null)
      const asked = (await events(alpha.id)).filter(
        (e) => (e.seq ?? 0) > again.before && e.type === 'permission.request',
      )
      expect(asked).toEqual([])
    })

    it('restart resumes the same Claude session id', async () => {
      const before = await lastSeq(alpha.id)
      const restarted = await t.api<Session>('sessions.restart', { id: alpha.id })
      expect(restarted.claudeSessionId).toBe(alpha.claudeSessionId)
      const start = await waitForEvent(alpha.id, (e) => e.type === 'session.start', before)
      expect(start).toMatchObject({ source: 'resume', agentSessionId: alpha.claudeSessionId })
    })

    it('keeps events on the same session after /clear changes the Claude session id', async () => {
      const before = await lastSeq(alpha.id)
      await t.api('sessions.prompt', { id: alpha.id, text: '/clear' })
      const start = await waitForEvent(
        alpha.id,
        (e) => e.type === 'session.start' && e.source === 'clear',
        before,
      )
      expect(start.agentSessionId).not.toBe(alpha.claudeSessionId)
      await runTurn(alpha.id, '[[script:text]] after clear')
      const after = (await events(alpha.id)).filter((e) => (e.seq ?? 0) > before)
      expect(
        after.some((e) => e.type === 'prompt' && e.text === '[[script:text]] after clear'),
      ).toBe(true)
      const list = await t.api<{ sessions: Session[] }>('sessions.list')
      expect(list.sessions.filter((s) => s.name === 'Alpha')).toHaveLength(1)
    })

    it('shows tokens, cost and context from the statusLine', async () => {
      const usage = await waitFor(
        async () => {
          const s = (await t.api<{ sessions: Session[] }>('sessions.list')).sessions.find(
            (x) => x.id === alpha.id,
          )
          return typeof s?.usage.costUsd === 'number' ? s.usage : null
        },
        { timeoutMs: HANG_TIMEOUT_MS },
      )
      expect(usage.costUsd).toBeGreaterThanOrEqual(0)
    })

    it('rejects bad input with clear errors', async () => {
      await expect(
        t.api('sessions.create', { name: 'X', cwd: '/definitely/missing/folder', backend }),
      ).rejects.toMatchObject({
        status: 400,
        body: { error: { field: 'cwd', message: expect.stringMatching(/does not exist/) } },
      })
      await expect(
        t.api('sessions.create', { name: 'X', cwd: 'relative/path', backend }),
      ).rejects.toMatchObject({
        status: 400,
        body: { error: { field: 'cwd', message: expect.stringMatching(/absolute/) } },
      })
      await expect(
        t.api('sessions.create', { name: 'bad\u001b[31mname', cwd: fx.repo, backend }),
      ).rejects.toMatchObject({
        status: 400,
        body: { error: { field: 'name', message: expect.stringMatching(/control characters/) } },
      })
      await expect(
        t.api('sessions.create', { name: 'X', cwd: fx.repo, backend, args: ['--resume', 'abc'] }),
      ).rejects.toMatchObject({
        status: 400,
        body: { error: { field: 'args' } },
      })
    })
  })
}
