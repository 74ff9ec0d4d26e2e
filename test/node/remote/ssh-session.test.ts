/**
 * A session on a remote host (docs/remote-hosts.md): a real sshd in a network namespace
 * (test/support/ssh-test-host.ts), the real pinned Claude Code installed for the host's user and
 * logged in there against the fake Messages API (listening on this machine's end of the veth
 * pair), and an in-process core (no Electron). The session runs in tmux on the host; its hooks
 * come home through a reverse forward on the host's shared ssh connection.
 * Skips, saying why, where that host cannot be made (not root, no `ip`, no sshd).
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import type { GitStatus } from '@shared/git'
import type { HostCheck, HostEntry } from '@shared/hosts'
import type { PendingRequest } from '@shared/permissions'
import type { Session } from '@shared/sessions'
import { startFakeAnthropic, type FakeAnthropic } from '../../support/fake-anthropic'
import { startTestCore, waitFor, type TestCore } from '../../support/core'
import { HANG_TIMEOUT_MS } from '../../support/patience'
import { plainText } from '../../support/terminal-capture'
import { quoteShellWord } from '../../../src/main/core/remote/shell-quote'
import { recordCommandLines, type CommandLineRecorder } from '../../support/command-lines'
import {
  sshTestHostUnavailable,
  startSshTestHost,
  type SshTestHost,
} from '../../support/ssh-test-host'

const HOSTILE_FOLDER = "demo-it's-$(touch${IFS}pwned)-`touch${IFS}pwned2`-repo"
/** Arguments a remote shell would split, expand or run if any quoting were missing. */
const HOSTILE_ARGS = [
  'two words',
  "it's",
  'say "hi"',
  '$(touch pwned)',
  '`touch pwned`',
  '${HOME}',
  'line one\nline two\n',
  'semi; colon',
  'tab\there',
  '*',
  '~',
  '#not a comment',
  '-n',
  '',
  'back\\slash\\',
  "'\"'\"'",
  'ünïcödé ✓',
]

const unavailable = sshTestHostUnavailable()
if (unavailable) console.warn(`[ssh-session] skipped: ${unavailable}`)

describe.skipIf(unavailable !== null)('a Claude Code session on a remote host over ssh', () => {
  let host: SshTestHost
  let api: FakeAnthropic
  let t: TestCore
  let argv: CommandLineRecorder
  let repo: string
  let hostId: string
  let dataDir: string
  const terminal = new Map<string, string>()
  /** The git statuses pushed to the app's git panel, per session. */
  const gitPushes = new Map<string, GitStatus>()
  const followTerminal = () =>
    t.core.connect('test-terminal', (stream, data) => {
      if (stream === 'git') {
        const push = data as { sessionId: string; status: GitStatus }
        gitPushes.set(push.sessionId, push.status)
      }
      if (stream !== 'terminal') return
      const { id, data: text } = data as { id: string; data: string }
      terminal.set(id, (terminal.get(id) ?? '') + text)
    })

  beforeAll(async () => {
    argv = recordCommandLines()
    host = await startSshTestHost({ withClaude: true })
    api = await startFakeAnthropic({ listenAddress: host.hostSideAddress })
    // A folder name the remote shell must not interpret (the fake API reads the working folder
    // up to the first space, so no space here; the argv test below has spaces and newlines).
    repo = host.makeRepo(HOSTILE_FOLDER)
    host.loginClaude(api.baseUrl, [repo])
    dataDir = mkdtempSync(join(tmpdir(), 'atl-remote-session-'))
    t = await startTestCore({ dataDir })
    followTerminal()
  })

  afterAll(async () => {
    if (t) {
      const { sessions } = await t.api<{ sessions: Session[] }>('sessions.list')
      for (const s of sessions) await t.api('sessions.delete', { id: s.id }).catch(() => {})
    }
    await t?.close()
    argv?.stop()
    await api?.close()
    await host?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  const events = async (sessionId: string): Promise<CanonicalEvent[]> =>
    (
      await t.api<{ events: CanonicalEvent[] }>('events.list', { sessionId, limit: 1000 })
    ).events.reverse()
  const pending = async () =>
    (await t.api<{ requests: PendingRequest[] }>('permissions.list')).requests

  it('adds the host, trusting its key on confirmation', async () => {
    const added = await t.api<{ host: HostEntry; check: HostCheck }>('hosts.add', {
      target: host.target,
      identityFile: host.identityFile,
    })
    hostId = added.host.id
    expect(added.check.status).toBe('host-key-unknown')
    const check = await t.api<HostCheck>('hosts.confirmKey', {
      id: hostId,
      fingerprint: host.hostKeyFingerprint(),
    })
    expect(check.status, check.message).toBe('ready')
  })

  it('passes hostile arguments to a remote program exactly, through both shells', async () => {
    const conn = t.core.services.hosts.connection(hostId)
    const r = await conn.runArgv('printf', ['%s\\0', ...HOSTILE_ARGS])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.split('\0').slice(0, -1)).toEqual(HOSTILE_ARGS)
    expect(readdirSync(host.home).filter((f) => f.startsWith('pwned'))).toEqual([])
  })

  it('refuses a remote session it cannot start, saying why', async () => {
    const refusal = (body: unknown) =>
      t.api('sessions.create', body).then(
        () => null,
        (err: { status: number; body: { error: { message: string } } }) =>
          `${err.status} ${err.body.error.message}`,
      )
    expect(await refusal({ name: 'X', cwd: repo, backend: 'ssh' })).toMatch(/^400 .*needs a host/)
    expect(await refusal({ name: 'X', cwd: repo, host: hostId, backend: 'tmux' })).toMatch(
      /^400 .*backend ssh/,
    )
    expect(await refusal({ name: 'X', cwd: repo, host: 'h_nosuchhost' })).toMatch(/^404 /)
    expect(await refusal({ name: 'X', cwd: `${repo}-missing`, host: hostId })).toMatch(
      /^400 .*does not exist on the host/,
    )
    expect(await refusal({ name: 'X', cwd: host.home, host: hostId, worktree: true })).toMatch(
      /^400 .*not inside a git repository/,
    )
    expect((await t.api<{ sessions: Session[] }>('sessions.list')).sessions).toEqual([])
  })

  it('makes a worktree on the host for a session that asks for one, and removes it with the session', async () => {
    const wt = await t.api<Session>('sessions.create', {
      name: 'Remote worktree',
      cwd: repo,
      host: hostId,
      worktree: true,
    })
    const root = join(host.home, '.atelier-remote', 'worktrees')
    expect(wt.worktree).toMatchObject({
      path: expect.stringMatching(new RegExp(`^${root}/remote-worktree-[0-9a-f]{8}$`)),
      branch: expect.stringMatching(/^atelier\/remote-worktree-[0-9a-f]{8}$/),
    })
    expect(wt.cwd).toBe(wt.worktree!.path)
    expect(readFileSync(join(wt.cwd, 'README.md'), 'utf8')).toMatch(/Remote demo repo/)
    // Made by the host user, in the host user's repository.
    expect(statSync(wt.cwd).uid).toBe(statSync(repo).uid)
    await t.api('sessions.delete', { id: wt.id, removeWorktree: true })
    expect(existsSync(wt.cwd)).toBe(false)
    const branches = await t.core.services.hosts
      .connection(hostId)
      .runArgv('git', ['-C', repo, 'worktree', 'list', '--porcelain'])
    expect(branches.stdout).not.toContain(wt.cwd)
  })

  let session: Session

  it('starts Claude Code in tmux on the host, its terminal streamed and SessionStart home', async () => {
    session = await t.api<Session>('sessions.create', { name: 'Remote', cwd: repo, host: hostId })
    expect(session).toMatchObject({ backend: 'ssh', hostId, alive: true, cwd: repo })
    const start = await waitFor(async () =>
      (await events(session.id)).find((e) => e.type === 'session.start'),
    )
    expect(start).toMatchObject({ source: 'startup', agentSessionId: session.claudeSessionId })
    await waitFor(() => /for (agents|shortcuts)/.test(terminal.get(session.id) ?? ''))
  })

  it('suggests folders on the host for the New Session dialog, and only there', async () => {
    const complete = async (query: string, onHost = true) =>
      (
        await t.api<{ results: string[] }>('projects.autocomplete', {
          query,
          ...(onHost ? { host: hostId } : {}),
        })
      ).results
    // A name with a newline in it comes back whole.
    const odd = join(host.home, 'odd\nfolder')
    mkdirSync(odd)
    expect(await complete('~/')).toEqual(expect.arrayContaining([repo, odd]))
    expect(await complete('~/')).not.toContain(join(host.home, '.atelier-remote'))
    expect(await complete(`${host.home}/.atel`)).toEqual([join(host.home, '.atelier-remote')])
    expect(await complete('~/demo-it')).toEqual([repo])
    expect(await complete('~/odd')).toEqual([odd])
    // The remote session's folder is known on its host, not offered for this machine.
    expect(await complete('demo-it')).toEqual([repo])
    expect(await complete('demo-it', false)).toEqual([])
  })

  it('runs Read, Bash, Write and Edit on the host, events stored in order, one permission allowed from the app', async () => {
    const prompt = '[[script:tools]] use the tools'
    await t.api('sessions.prompt', { id: session.id, text: prompt })
    const decided: PendingRequest[] = []
    const deadline = Date.now() + HANG_TIMEOUT_MS
    let turn: CanonicalEvent[]
    for (;;) {
      const list = await events(session.id)
      const started = list.findIndex((e) => e.type === 'prompt' && e.text === prompt)
      turn = started >= 0 ? list.slice(started) : []
      if (turn.some((e) => e.type === 'stop' && !e.agentId)) break
      for (const req of (await pending()).filter((r) => r.sessionId === session.id)) {
        await t.api('permissions.decide', { id: req.id, decision: 'allow' })
        decided.push(req)
      }
      if (Date.now() > deadline)
        throw new Error(`turn did not stop: ${JSON.stringify(list.slice(-5))}`)
      await new Promise((r) => setTimeout(r, 50))
    }
    expect(
      turn
        .filter((e) => e.type === 'tool.end')
        .map((e) => (e.type === 'tool.end' ? [e.tool, e.success] : [])),
    ).toEqual([
      ['Read', true],
      ['Bash', true],
      ['Write', true],
      ['Edit', true],
    ])
    expect(turn.every((e) => e.sessionId === session.id)).toBe(true)
    // Claude Code does not wait for the turn's last MessageDisplay hook before its Stop hook: over
    // the tunnel the text was stored after the stop in 1 of 6 runs at load 12 (docs/remote-hosts.md).
    expect(turn.filter((e) => e.type !== 'assistant.text').at(-1)).toMatchObject({
      type: 'stop',
      text: 'All four tools ran.',
    })
    await waitFor(async () =>
      (await events(session.id)).some(
        (e) => e.type === 'assistant.text' && e.text === 'All four tools ran.',
      ),
    )
    expect(decided.length).toBeGreaterThanOrEqual(1)
    expect(decided.map((d) => d.toolName)).toContain('Write')
    expect(readFileSync(join(repo, 'notes.txt'), 'utf8')).toBe('edited line\n')
    // Claude Code redraws changed cells only, so the 'Allowed by PermissionRequest hook' line can
    // reach the raw stream with letters missing; the hook's name is the part that survives.
    await waitFor(() => /PermissionRequest/.test(plainText(terminal.get(session.id) ?? '')))
  })

  it("shows the turn's change in the git panel and its diff, read over ssh on the hook events", async () => {
    const status = await waitFor(() => {
      const s = gitPushes.get(session.id)
      return s?.files.some((f) => f.path === 'notes.txt') ? s : undefined
    })
    expect(status).toMatchObject({ isRepo: true, root: repo })
    expect(await t.api<GitStatus>('git.status', { sessionId: session.id })).toMatchObject({
      files: expect.arrayContaining([expect.objectContaining({ path: 'notes.txt' })]),
    })
    const { diff } = await t.api<{ diff: string }>('git.diff', {
      sessionId: session.id,
      path: 'notes.txt',
    })
    expect(diff).toContain('+edited line')
    // Read on the host: no git ran on this machine for the remote repository, and nothing polls.
    const stats = t.core.services.git.stats()
    expect(stats.statusRuns).toBeGreaterThan(0)
    expect(stats.gitSpawns).toBe(0)
  })

  it('keeps the session files private on the host and leaves no launch file', () => {
    const root = join(host.home, '.atelier-remote')
    expect(statSync(root).mode & 0o777).toBe(0o700)
    const sessionDir = join(root, 'sessions', readdirSync(join(root, 'sessions'))[0]!)
    expect(statSync(sessionDir).mode & 0o777).toBe(0o700)
    for (const f of ['settings.json', 'trust.pem'])
      expect(statSync(join(sessionDir, f)).mode & 0o777).toBe(0o600)
    expect(readdirSync(join(root, 'tmux')).filter((f) => f.endsWith('.launch'))).toEqual([])
    const token = t.core.services.registry.record(session.id)!.token!
    expect(readFileSync(join(sessionDir, 'settings.json'), 'utf8')).not.toContain(token)
    // Nothing the hostile folder name holds was ever run by a shell.
    expect(readdirSync(host.home).filter((f) => f.startsWith('pwned'))).toEqual([])
  })

  it('honours a resize and interrupts a turn held at a permission request', async () => {
    t.core.services.manager.resize(session.id, 100, 30)
    const conn = t.core.services.hosts.connection(hostId)
    const size = async () =>
      (
        await conn.run(
          `tmux -S "$HOME/.atelier-remote/tmux/tmux.sock" list-windows -a -F '#{window_width}x#{window_height}'`,
        )
      ).stdout.trim()
    await waitFor(async () => (await size()) === '100x30')

    await t.api('sessions.prompt', { id: session.id, text: '[[script:bash-touch]] wait here' })
    await waitFor(async () => (await pending()).some((r) => r.sessionId === session.id))
    const mark = (terminal.get(session.id) ?? '').length
    await t.api('sessions.interrupt', { id: session.id })
    await waitFor(() => /Interrupted/.test(plainText((terminal.get(session.id) ?? '').slice(mark))))
    await waitFor(async () => !(await pending()).some((r) => r.sessionId === session.id))
    expect(existsSync(join(repo, 'always-ran.txt'))).toBe(false)
  })

  it('put no session token, app token or key in any command line, here or on the host', async () => {
    const token = t.core.services.registry.record(session.id)?.token
    expect(token).toMatch(/.{16,}/)
    const seen = argv.seen()
    const lines = seen.map((a) => a.join(' '))
    // Both sides were sampled (an empty scan cannot pass for a clean one): ssh here, and on the
    // host the tmux client and the remote Claude Code itself, started with its settings there.
    expect(seen.some((a) => a[0] === 'ssh' && a.includes('BatchMode=yes'))).toBe(true)
    expect(seen.some((a) => a[0] === 'tmux' && a.join(' ').includes('.atelier-remote'))).toBe(true)
    expect(
      lines.some((l) => l.includes('--settings') && l.includes('.atelier-remote/sessions/')),
    ).toBe(true)
    const secrets = [token!, t.core.info.token]
    const keyLines = host
      .privateKeyMaterial()
      .flatMap((pem) => pem.split('\n'))
      .filter((l) => l.length >= 20 && !l.startsWith('-----'))
    for (const l of lines) {
      for (const secret of [...secrets, ...keyLines]) expect(l.includes(secret)).toBe(false)
      expect(l).not.toMatch(/PRIVATE KEY/)
    }
  })

  it('lets a session token post through the tunnel for its own session only, never call the API', async () => {
    const token = t.core.services.registry.record(session.id)!.token!
    const root = join(host.home, '.atelier-remote', 'sessions')
    const dir = join(root, readdirSync(root)[0]!)
    const settings = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as {
      hooks: Record<string, { hooks: { args?: string[] }[] }[]>
    }
    // Every hook runs the fail-open script on the host; its second argument is the tunnel's URL.
    const hookUrl = settings.hooks.Stop![0]!.hooks[0]!.args![1]!
    expect(hookUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/hooks\/claude$/)
    const conn = t.core.services.hosts.connection(hostId)
    // From the host, as its hooks do; the token reaches curl on stdin (its config), not argv.
    const post = (url: string, body: unknown, headers: string[] = []) =>
      conn.run(
        `curl -s -o /dev/null -w '%{http_code}' --cacert ${quoteShellWord(join(dir, 'trust.pem'))} -K - --data-binary ${quoteShellWord(JSON.stringify(body))} -- ${quoteShellWord(url)}`,
        {
          input: [`authorization: Bearer ${token}`, 'content-type: application/json', ...headers]
            .map((h) => `header = "${h}"\n`)
            .join(''),
        },
      )
    const posted = await post(
      hookUrl,
      {
        hook_event_name: 'Notification',
        session_id: randomUUID(),
        cwd: repo,
        message: 'posted through the tunnel',
        notification_type: 'idle_prompt',
      },
      ['x-atelier-session: some-other-session'],
    )
    expect(posted.stdout).toBe('200')
    const stored = await waitFor(async () =>
      (await events(session.id)).find(
        (e) => e.type === 'notification' && e.message === 'posted through the tunnel',
      ),
    )
    expect(stored.sessionId).toBe(session.id)
    const api = await post(hookUrl.replace('/hooks/claude', '/api/sessions.list'), {})
    // The tunnel reaches the TLS hook endpoint only, which serves hooks and nothing else.
    expect(api.stdout).toBe('404')
  })

  it('re-adopts the session after an app restart: its screen, prompts and hooks come back', async () => {
    const conn = () => t.core.services.hosts.connection(hostId)
    const remoteSessions = async () =>
      (
        await conn().run(
          `tmux -S "$HOME/.atelier-remote/tmux/tmux.sock" list-sessions -F '#{session_name}' 2>/dev/null; true`,
        )
      ).stdout.trim()
    await t.close()
    // The app is gone (and with it the host's shared connection and its forward); Claude is not.
    t = await startTestCore({ dataDir })
    expect(await remoteSessions()).toMatch(/^atelier-/)
    terminal.set(session.id, '')
    followTerminal()
    await waitFor(async () => {
      const { sessions } = await t.api<{ sessions: Session[] }>('sessions.list')
      return sessions.find((s) => s.id === session.id && s.alive)
    })
    // The screen as it was, painted from capture-pane.
    await waitFor(() => /for (agents|shortcuts)/.test(plainText(terminal.get(session.id) ?? '')))
    const before = (await events(session.id)).at(-1)?.seq ?? 0
    await t.api('sessions.prompt', { id: session.id, text: '[[script:text]] are you there?' })
    const stop = await waitFor(async () =>
      (await events(session.id)).find((e) => (e.seq ?? 0) > before && e.type === 'stop'),
    )
    expect(stop).toMatchObject({ sessionId: session.id, text: 'Hello from the fake model.' })
  })

  it('refuses to remove a host that still has a session', async () => {
    await expect(t.api('hosts.remove', { id: hostId })).rejects.toMatchObject({
      status: 409,
      body: { error: { message: expect.stringMatching(/still has a session \(Remote\)/) } },
    })
  })

  it('sees the remote Claude end by itself (/exit): the session goes offline with its exit', async () => {
    await t.api('sessions.prompt', { id: session.id, text: '/exit' })
    const ended = await waitFor(async () => {
      const { sessions } = await t.api<{ sessions: Session[] }>('sessions.list')
      const s = sessions.find((x) => x.id === session.id)
      return s && !s.alive ? s : undefined
    })
    expect(ended).toMatchObject({ status: 'offline', exit: { signal: null } })
    // tmux 3.3a sometimes records no status for a pane (sessions/backends/tmux-engine.ts), here
    // as locally: then the session says it cannot tell, never a made-up code.
    expect([0, null]).toContain(ended.exit!.code)
    const conn = t.core.services.hosts.connection(hostId)
    const sessions = await conn.run(
      `tmux -S "$HOME/.atelier-remote/tmux/tmux.sock" list-sessions -F '#{session_name}' 2>/dev/null; true`,
    )
    expect(sessions.stdout.trim()).toBe('')
    // Offline, the session still names the host; deleted, the host can go.
    await expect(t.api('hosts.remove', { id: hostId })).rejects.toMatchObject({ status: 409 })
    await t.api('sessions.delete', { id: session.id })
    await t.api('hosts.remove', { id: hostId })
    expect((await t.api<{ hosts: HostEntry[] }>('hosts.list')).hosts).toEqual([])
  })
})
