/**
 * Nothing lost when the link drops (docs/remote-hosts.md, "A flaky network"): a real sshd in a
 * network namespace (test/support/ssh-test-host.ts), the pinned Claude Code logged in there, an
 * in-process core. The fake Messages API reaches the host through a relay that does not use the
 * veth pair, so Claude can go on working while the link between this machine and the host is
 * down — as it does when a laptop's network drops and the dev server keeps its own.
 *
 * Mid-turn the link goes down for at least 10 s: the turn finishes on the host meanwhile (its
 * Stop spooled there: Claude was not held up), the app says the host and its session are
 * reconnecting, and once the link is up every event the remote CLI spooled is stored exactly
 * once, the turn's tools each started and ended once, the terminal shows the turn's end, and the
 * spool is gone. Skips, saying why, where that host cannot be made (not root, no `ip`, no sshd).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import type { HostCheck, HostEntry } from '@shared/hosts'
import type { PendingRequest } from '@shared/permissions'
import type { Session } from '@shared/sessions'
import { parseClaimedSpool, type SpooledEvent } from '../../../src/main/core/remote/remote-hook'
import { startFakeAnthropic, type FakeAnthropic } from '../../support/fake-anthropic'
import { startTestCore, waitFor, type TestCore } from '../../support/core'
import { HANG_TIMEOUT_MS } from '../../support/patience'
import { plainText } from '../../support/terminal-capture'
import { recordCommandLines, type CommandLineRecorder } from '../../support/command-lines'
import {
  sshTestHostUnavailable,
  startSshTestHost,
  type SshTestHost,
} from '../../support/ssh-test-host'

/** The outage lasts at least this long (the issue's "10 s"). */
const OUTAGE_MS = 10_000

const unavailable = sshTestHostUnavailable()
if (unavailable) console.warn(`[flaky-link] skipped: ${unavailable}`)

/** The id the store keeps for a spooled hook's event (agents/claude/adapter.ts). */
function storedIdOf(e: SpooledEvent): string | null {
  const p = e.payload as Record<string, unknown>
  const sid = String(p.session_id)
  switch (e.hook) {
    case 'PreToolUse':
      return `${sid}:pre:${String(p.tool_use_id)}`
    case 'PostToolUse':
    case 'PostToolUseFailure':
      return `${sid}:post:${String(p.tool_use_id)}`
    case 'MessageDisplay':
      return p.message_id
        ? `${sid}:msg:${String(p.message_id)}:${String(p.index ?? 0)}`
        : `${sid}:x:${e.id}`
    case 'UserPromptSubmit':
      return null
    default:
      return `${sid}:x:${e.id}`
  }
}

describe.skipIf(unavailable !== null)('a remote session while the link drops', () => {
  let host: SshTestHost
  let api: FakeAnthropic
  let t: TestCore
  let argv: CommandLineRecorder
  let repo: string
  let hostId: string
  let dataDir: string
  let session: Session
  const terminal = new Map<string, string>()
  /** The host's connection in every `hosts` push, in order. */
  const pushed: HostEntry['connection'][] = []
  /** The same, with the time and the attempt, for the failure message. */
  const pushLog: string[] = []

  beforeAll(async () => {
    argv = recordCommandLines()
    host = await startSshTestHost({ withClaude: true })
    api = await startFakeAnthropic()
    const relayPort = await host.relayIntoHost(api.port)
    repo = host.makeRepo('flaky-repo')
    host.loginClaude(`http://127.0.0.1:${relayPort}`, [repo])
    dataDir = mkdtempSync(join(tmpdir(), 'atl-flaky-link-'))
    t = await startTestCore({ dataDir })
    t.core.connect('test-watch', (stream, data) => {
      if (stream === 'hosts') {
        const entry = (data as { hosts: HostEntry[] }).hosts.find((h) => h.id === hostId)
        if (entry) {
          pushed.push(entry.connection)
          pushLog.push(
            `${Math.round(performance.now())} ${entry.connection} ${entry.reconnect ? `${entry.reconnect.attempt} ${entry.reconnect.error}` : ''}`,
          )
        }
      }
      if (stream !== 'terminal') return
      const { id, data: text } = data as { id: string; data: string }
      terminal.set(id, (terminal.get(id) ?? '') + text)
    })
  })

  afterAll(async () => {
    host?.setLink(true)
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
  const sessionNow = async () =>
    (await t.api<{ sessions: Session[] }>('sessions.list')).sessions.find(
      (x) => x.id === session.id,
    )!
  const hostEntry = async () =>
    (await t.api<{ hosts: HostEntry[] }>('hosts.list')).hosts.find((h) => h.id === hostId)!

  it('starts a session on the host', async () => {
    const added = await t.api<{ host: HostEntry; check: HostCheck }>('hosts.add', {
      target: host.target,
      identityFile: host.identityFile,
    })
    hostId = added.host.id
    const check = await t.api<HostCheck>('hosts.confirmKey', {
      id: hostId,
      fingerprint: host.hostKeyFingerprint(),
    })
    expect(check.status, check.message).toBe('ready')
    session = await t.api<Session>('sessions.create', {
      name: 'Flaky',
      cwd: repo,
      host: hostId,
      permissionMode: 'acceptEdits',
    })
    await waitFor(async () => (await events(session.id)).some((e) => e.type === 'session.start'))
    await waitFor(() => /for (agents|shortcuts)/.test(terminal.get(session.id) ?? ''))
  })

  it('finishes the turn on the host while the link is down, shows reconnecting, and stores every spooled event once after it is back', async () => {
    const prompt = '[[script:flaky-link]] keep working offline'
    await t.api('sessions.prompt', { id: session.id, text: prompt })
    // The first tool (a Bash call, allowed from the app while the link is up) waits for the drop.
    await waitFor(
      async () => {
        for (const req of (await pending()).filter((r) => r.sessionId === session.id))
          await t.api('permissions.decide', { id: req.id, decision: 'allow' })
        return existsSync(join(repo, 'link-wait'))
      },
      { intervalMs: 50 },
    )

    const downAt = performance.now()
    const downWallMs = Date.now()
    host.setLink(false)
    const spoolFile = join(host.home, '.atelier-remote', 'spool', `${session.id}.jsonl`)
    let spooled: SpooledEvent[]
    let detectedMs: number
    let turnDoneMs: number
    try {
      // The app sees the host stop answering: reconnecting, neither working nor offline.
      const down = await waitFor(async () => {
        const h = await hostEntry()
        return h.connection === 'reconnecting' ? h : null
      })
      detectedMs = performance.now() - downAt
      expect(down.reconnect).toMatchObject({ attempt: expect.any(Number) as number })
      // The window hears it too (the hosts push).
      await waitFor(() => pushed.includes('reconnecting'))
      const meanwhile = await sessionNow()
      expect(meanwhile.status).not.toBe('offline')
      expect(meanwhile.alive).toBe(true)

      // Claude goes on: the rest of the turn runs and its Stop lands in the spool on the host.
      writeFileSync(join(repo, 'link-down'), '')
      spooled = await waitFor(() => {
        if (!existsSync(spoolFile)) return null
        const claimed = parseClaimedSpool(`0\n${readFileSync(spoolFile, 'utf8')}`)
        return claimed.events.some((e) => e.hook === 'Stop') ? claimed.events : null
      })
      turnDoneMs = performance.now() - downAt
      expect(readFileSync(join(repo, 'offline.txt'), 'utf8')).toBe('edited offline\n')
      // Still down: the app has not stored the turn's end.
      expect((await events(session.id)).some((e) => e.type === 'stop')).toBe(false)
      expect((await hostEntry()).connection).toBe('reconnecting')
      const left = OUTAGE_MS - (performance.now() - downAt)
      if (left > 0) await new Promise((r) => setTimeout(r, left))
    } finally {
      host.setLink(true)
    }
    const upAt = performance.now()
    const upWallMs = Date.now()
    const outageMs = upAt - downAt

    // Back: connected again once the spool is replayed, the turn's end stored.
    await waitFor(async () => (await hostEntry()).connection === 'connected', {
      timeoutMs: HANG_TIMEOUT_MS,
    })
    const recoveredMs = performance.now() - upAt
    const list = await events(session.id)
    const started = list.findIndex((e) => e.type === 'prompt' && e.text === prompt)
    const turn = list.slice(started)
    expect(turn.filter((e) => e.type !== 'assistant.text').at(-1)).toMatchObject({
      type: 'stop',
      text: 'Finished while the link was down.',
    })

    // Every spooled event stored exactly once, in the order it was spooled.
    expect(spooled.length).toBeGreaterThanOrEqual(6)
    const ids = list.map((e) => e.id)
    const expected = spooled.map(storedIdOf).filter((id): id is string => id !== null)
    for (const id of expected)
      expect(
        ids.filter((x) => x === id),
        id,
      ).toHaveLength(1)
    const positions = expected.map((id) => ids.indexOf(id))
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    // Each keeps the time it happened on the host (whole seconds), not the time it was replayed.
    for (const id of expected) {
      const ts = list.find((e) => e.id === id)!.ts
      expect(ts, id).toBeGreaterThanOrEqual(downWallMs - 1_000)
      expect(ts, id).toBeLessThanOrEqual(upWallMs)
    }
    // And every tool of the turn started and ended once: the live ones and the spooled ones.
    const tools = (type: 'tool.start' | 'tool.end') =>
      turn.flatMap((e) => (e.type === type ? [e.tool] : []))
    expect(tools('tool.start')).toEqual(['Bash', 'Read', 'Write', 'Edit', 'Read'])
    expect(tools('tool.end')).toEqual(['Bash', 'Read', 'Write', 'Edit', 'Read'])
    expect(new Set(ids).size).toBe(ids.length)
    // The spool on the host is gone once replayed.
    await waitFor(() => !existsSync(spoolFile) && !existsSync(`${spoolFile}.replay`))

    // The terminal stream is back: the screen shows the turn's end.
    await waitFor(() =>
      /Finished while the link was down/.test(plainText(terminal.get(session.id) ?? '')),
    )
    await waitFor(() => pushed.at(-1) === 'connected')
    expect((await sessionNow()).alive).toBe(true)
    console.log(pushLog.join('\n'))
    console.log(
      `[flaky-link] down → reconnecting shown ${Math.round(detectedMs)} ms; turn finished on the host ${Math.round(turnDoneMs)} ms after the drop; link down ${Math.round(outageMs)} ms; up → connected with ${spooled.length} spooled events replayed ${Math.round(recoveredMs)} ms`,
    )
  })

  it('answers a prompt after the link came back, with its hooks home live', async () => {
    await t.api('sessions.prompt', { id: session.id, text: '[[script:text]] hello again' })
    await waitFor(async () =>
      (await events(session.id)).some(
        (e) => e.type === 'stop' && e.text === 'Hello from the fake model.',
      ),
    )
  })

  it("sends a permission request held when the link drops back to Claude's prompt, and says so", async () => {
    // A session that asks before Bash (acceptEdits lets `touch` through).
    const asking = await t.api<Session>('sessions.create', {
      name: 'Asking',
      cwd: repo,
      host: hostId,
    })
    await waitFor(async () => (await events(asking.id)).some((e) => e.type === 'session.start'))
    const mark = (terminal.get(asking.id) ?? '').length
    await t.api('sessions.prompt', { id: asking.id, text: '[[script:bash-touch]] ask me' })
    const [req] = await waitFor(async () => {
      const mine = (await pending()).filter((r) => r.sessionId === asking.id)
      return mine.length > 0 ? mine : null
    })
    const spoolFile = join(host.home, '.atelier-remote', 'spool', `${asking.id}.jsonl`)
    const downAt = performance.now()
    host.setLink(false)
    let backMs: number
    try {
      // The app says so: the request leaves its dialogs, settled as answered in the terminal.
      await waitFor(async () => (await hostEntry()).connection === 'reconnecting')
      await waitFor(async () => !(await pending()).some((r) => r.id === req!.id))
      const decision = await waitFor(async () =>
        (await events(asking.id)).find(
          (e) => e.type === 'permission.decision' && e.requestId === req!.id,
        ),
      )
      expect(decision).toMatchObject({ outcome: 'terminal', by: 'terminal' })
      // On the host the script notices the silence, spools the request and lets Claude ask.
      await waitFor(() =>
        existsSync(spoolFile)
          ? parseClaimedSpool(`0\n${readFileSync(spoolFile, 'utf8')}`).events.some(
              (e) => e.hook === 'PermissionRequest',
            )
          : false,
      )
      backMs = performance.now() - downAt
    } finally {
      host.setLink(true)
    }
    await waitFor(async () => (await hostEntry()).connection === 'connected')
    // Claude's own prompt is on its screen (repainted when the stream came back).
    await waitFor(() => /Do you want/.test(plainText((terminal.get(asking.id) ?? '').slice(mark))))
    // Stored once: the replayed request is the one the app already had.
    const requests = (await events(asking.id)).filter(
      (e) => e.type === 'permission.request' && e.requestId === req!.id,
    )
    expect(requests).toHaveLength(1)
    expect(existsSync(join(repo, 'always-ran.txt'))).toBe(false)
    await t.api('sessions.interrupt', { id: asking.id })
    await waitFor(() => /Interrupted/.test(plainText((terminal.get(asking.id) ?? '').slice(mark))))
    console.log(
      `[flaky-link] held permission request: back to Claude's prompt (spooled) ${Math.round(backMs)} ms after the drop`,
    )
  })

  it('put no session token in any command line, here or on the host', () => {
    const token = t.core.services.registry.record(session.id)?.token
    expect(token).toMatch(/.{16,}/)
    const seen = argv.seen()
    expect(seen.some((a) => a[0] === 'curl')).toBe(true)
    for (const a of seen) {
      const line = a.join(' ')
      expect(line.includes(token!)).toBe(false)
      expect(line.includes(t.core.info.token)).toBe(false)
    }
  })
})
