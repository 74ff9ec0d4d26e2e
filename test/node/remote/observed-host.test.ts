/**
 * Observed sessions on a host (docs/remote-hosts.md, "Observed sessions on a host"): a real sshd
 * in a network namespace (test/support/ssh-test-host.ts) with the pinned Claude Code logged in
 * there, an in-process core. Observation is turned on for the host: Atelier's hooks are merged
 * into the host user's ~/.claude/settings.json (a symlink into their dotfiles, mode 0640, with
 * hooks and settings of their own), which keeps its link, mode, owner and the user's entries.
 * Then `claude` is started by hand on the host, in a tmux of the user's own (not by Atelier), and
 * runs a scripted turn: the app shows it as an observed session carrying the host's id, with the
 * turn's events stored. Turning observation off gives the user their file back as it was. No
 * credential appears in any command line on either side. Skips, saying why, where that host
 * cannot be made (not root, no `ip`, no sshd).
 */
import { spawnSync } from 'node:child_process'
import {
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import type { HostCheck, HostEntry } from '@shared/hosts'
import type { Session } from '@shared/sessions'
import { GLOBAL_HOOK_EVENTS } from '../../../src/main/core/agents/claude/global-hooks'
import { OBSERVE_MARKER } from '../../../src/main/core/remote/host-observe'
import { startFakeAnthropic, type FakeAnthropic } from '../../support/fake-anthropic'
import { startTestCore, waitFor, type TestCore } from '../../support/core'
import { recordCommandLines, type CommandLineRecorder } from '../../support/command-lines'
import {
  sshTestHostUnavailable,
  startSshTestHost,
  type SshTestHost,
} from '../../support/ssh-test-host'

const unavailable = sshTestHostUnavailable()
if (unavailable) console.warn(`[observed-host] skipped: ${unavailable}`)

type Settings = {
  hooks?: Record<string, { hooks: { type?: string; command: string }[] }[]>
  [k: string]: unknown
}

describe.skipIf(unavailable !== null)('Claude sessions started by hand on an observed host', () => {
  let host: SshTestHost
  let api: FakeAnthropic
  let t: TestCore
  let argv: CommandLineRecorder
  let repo: string
  let hostId: string
  let dataDir: string
  /** The user's own settings file (their dotfiles) and what it held before Atelier. */
  let dotfile: string
  let original: Settings
  let observerToken = ''

  /** Runs a command on the host as its user would, with their own ssh (not Atelier's). */
  const byHand = (command: string): string => {
    const r = spawnSync(
      'ssh',
      [
        '-i',
        host.identityFile,
        '-o',
        'BatchMode=yes',
        '-o',
        'StrictHostKeyChecking=no',
        '-o',
        'UserKnownHostsFile=/dev/null',
        '-o',
        'LogLevel=ERROR',
        host.target,
        command,
      ],
      { encoding: 'utf8' },
    )
    if (r.status !== 0) throw new Error(`ssh ${command} failed (${r.status}): ${r.stderr}`)
    return r.stdout
  }

  beforeAll(async () => {
    argv = recordCommandLines()
    host = await startSshTestHost({ withClaude: true })
    api = await startFakeAnthropic({ listenAddress: host.hostSideAddress })
    repo = host.makeRepo('observed-repo')
    host.loginClaude(api.baseUrl, [repo])
    // The user's settings live in their dotfiles: ~/.claude/settings.json links there. They have
    // a hook of their own, allow the script's tools, and keep the file group-readable.
    const settingsLink = join(host.home, '.claude', 'settings.json')
    const uid = statSync(host.home).uid
    mkdirSync(join(host.home, 'dotfiles'))
    dotfile = join(host.home, 'dotfiles', 'claude-settings.json')
    original = {
      ...(JSON.parse(readFileSync(settingsLink, 'utf8')) as Settings),
      permissions: { allow: ['Read', 'Bash', 'Write', 'Edit'] },
      hooks: { Stop: [{ hooks: [{ type: 'command', command: 'true # my own stop hook' }] }] },
    }
    writeFileSync(join(host.home, 'dotfiles', 'tmp.json'), JSON.stringify(original, null, 2), {
      mode: 0o640,
    })
    renameSync(join(host.home, 'dotfiles', 'tmp.json'), dotfile)
    rmSync(settingsLink)
    symlinkSync(dotfile, settingsLink)
    for (const p of [join(host.home, 'dotfiles'), dotfile]) chownSync(p, uid, uid)
    dataDir = mkdtempSync(join(tmpdir(), 'atl-observed-host-'))
    t = await startTestCore({ dataDir })
  })

  afterAll(async () => {
    host?.setLink(true)
    if (host && hostId) {
      try {
        byHand('tmux -L by-hand kill-server')
      } catch {
        // Not started, or already gone.
      }
    }
    await t?.close()
    argv?.stop()
    await api?.close()
    await host?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  const sessions = async () => (await t.api<{ sessions: Session[] }>('sessions.list')).sessions
  const events = async (sessionId: string): Promise<CanonicalEvent[]> =>
    (
      await t.api<{ events: CanonicalEvent[] }>('events.list', { sessionId, limit: 1000 })
    ).events.reverse()
  const hostEntry = async () =>
    (await t.api<{ hosts: HostEntry[] }>('hosts.list')).hosts.find((h) => h.id === hostId)!

  it('turns observation on: the hooks merged into the user settings, link, mode and owner kept', async () => {
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
    expect(added.host.observe).toBeUndefined() // off by default

    const entry = await t.api<HostEntry>('hosts.update', { id: hostId, observe: true })
    expect(entry.observe).toBe(true)
    expect(entry.observation).toEqual({ state: 'active' })

    const link = join(host.home, '.claude', 'settings.json')
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(realpathSync(link)).toBe(dotfile)
    const st = statSync(dotfile)
    expect(st.mode & 0o777).toBe(0o640)
    expect(st.uid).toBe(statSync(host.home).uid)
    const merged = JSON.parse(readFileSync(dotfile, 'utf8')) as Settings
    expect(merged.env).toEqual(original.env)
    expect(merged.permissions).toEqual(original.permissions)
    // The user's own Stop hook first, then Atelier's; Atelier's on every observed event.
    expect(merged.hooks!.Stop![0]).toEqual(original.hooks!.Stop![0])
    for (const event of GLOBAL_HOOK_EVENTS) {
      const ours = merged
        .hooks![event]!.flatMap((e) => e.hooks)
        .filter((h) => h.command.includes(OBSERVE_MARKER))
      expect(ours, event).toHaveLength(1)
    }
    expect(merged.hooks!.PermissionRequest).toBeUndefined()
    // The host's credential: a 0600 file in the 0700 folder there, never in the settings.
    const tokenFile = join(host.home, '.atelier-remote', 'observe', 'token')
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600)
    expect(statSync(join(host.home, '.atelier-remote', 'observe')).mode & 0o777).toBe(0o700)
    observerToken = readFileSync(tokenFile, 'utf8').trim()
    expect(observerToken).toMatch(/^[a-f0-9]{64}$/)
    expect(readFileSync(dotfile, 'utf8')).not.toContain(observerToken)
    expect(observerToken).not.toBe(t.core.info.token)
    // Turning it on again changes nothing (one handler per event still).
    await t.api<HostEntry>('hosts.update', { id: hostId, observe: true })
    expect(readFileSync(dotfile, 'utf8')).toBe(JSON.stringify(merged, null, 2) + '\n')
  })

  it('shows a session started by hand on the host as observed there, with its events', async () => {
    // The user's own tmux, their own shell: Atelier starts nothing here.
    byHand(
      `cd ${repo} && tmux -L by-hand new-session -d -s by-hand -x 160 -y 48 "$HOME/.local/bin/claude '[[script:tools]] observed by hand'"`,
    )
    const observed = await waitFor(async () =>
      (await sessions()).find((s) => s.kind === 'observed' && s.hostId === hostId),
    )
    expect(observed.cwd).toBe(repo)
    expect(observed.backend).toBeNull()
    const stored = await waitFor(async () => {
      const list = await events(observed.id)
      return list.some((e) => e.type === 'stop') ? list : null
    })
    const types = stored.map((e) => e.type)
    expect(types).toContain('session.start')
    expect(types).toContain('prompt')
    const ended = stored.filter((e) => e.type === 'tool.end').map((e) => e.tool)
    expect(ended).toEqual(['Read', 'Bash', 'Write', 'Edit'])
    expect(readFileSync(join(repo, 'notes.txt'), 'utf8')).toBe('edited line\n')
    expect(stored.every((e) => e.sessionId === observed.id)).toBe(true)
    // The host's tunnel is kept up for it, though no session of Atelier's runs there.
    expect((await hostEntry()).connection).toBe('connected')
    expect((await hostEntry()).sessions).toBe(0)
    // No local session was made of it, and its spool on the host is empty (all posted live).
    expect((await sessions()).filter((s) => s.kind === 'observed' && !s.hostId)).toEqual([])
    const spool = join(host.home, '.atelier-remote', 'spool', 'observed.jsonl')
    expect(existsSync(spool) ? readFileSync(spool, 'utf8') : '').toBe('')
  })

  it("refuses the host's credential for anything but observed events of that host", async () => {
    const body = JSON.stringify({
      session_id: 'forged',
      hook_event_name: 'SessionStart',
      cwd: '/forged-place',
      source: 'startup',
    })
    const post = (path: string) =>
      fetch(`http://127.0.0.1:${t.core.info.port}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${observerToken}`, 'content-type': 'application/json' },
        body: path.startsWith('/api') ? '{}' : body,
      })
    expect((await post('/api/sessions.list')).status).toBe(401)
    expect((await post('/hooks/claude')).status).toBe(200)
    // It can only make (or feed) a session observed on its own host.
    const forged = (await sessions()).find((s) => s.cwd === '/forged-place')
    expect(forged).toMatchObject({ kind: 'observed', hostId })
  })

  it("fails open and spools while the tunnel does not answer; the spool arrives as the host's", async () => {
    const observe = join(host.home, '.atelier-remote', 'observe')
    const spool = join(host.home, '.atelier-remote', 'spool', 'observed.jsonl')
    const portFile = join(observe, 'port')
    const port = readFileSync(portFile, 'utf8')
    const hook = (env: string, cwd: string) =>
      byHand(
        `printf '%s' '{"session_id":"by-hand-${cwd.slice(1)}","hook_event_name":"SessionStart","source":"startup","cwd":"${cwd}"}' | ${env} /bin/sh "$HOME"/.atelier-remote/bin/${OBSERVE_MARKER} SessionStart; echo "exit $?"`,
      )
    // Inside a session Atelier started, the wrapper stays silent (that session reports itself).
    expect(hook('ATELIER_SESSION_ID=managed-one', '/inside-managed')).toBe('exit 0\n')
    // A tunnel that refuses: the hook exits 0 at once and the event waits in the host's spool.
    // (Written as the user, as the app does: the file keeps its owner.)
    byHand(`printf '1\\n' > ${portFile}`)
    let spooledBy: number
    try {
      expect(hook('', '/spooled-place')).toBe('exit 0\n')
      spooledBy = Date.now()
      expect(readFileSync(spool, 'utf8')).toContain('/spooled-place')
    } finally {
      byHand(`printf '%s' '${port.trim()}' > ${portFile}`)
    }
    // The link watcher finds the spool and stores it with the host's credential.
    const replayed = await waitFor(async () =>
      (await sessions()).find((s) => s.cwd === '/spooled-place'),
    )
    expect(replayed).toMatchObject({ kind: 'observed', hostId })
    // Stored with the time it happened on the host, not the time it was replayed.
    const [start] = await events(replayed.id)
    expect(start).toMatchObject({ type: 'session.start' })
    expect(start!.ts).toBeLessThanOrEqual(spooledBy)
    await waitFor(() => !existsSync(spool) || readFileSync(spool, 'utf8') === '')
    expect((await sessions()).some((s) => s.cwd === '/inside-managed')).toBe(false)
  })

  it('is set up again when the app restarts: the tunnel is back and events arrive', async () => {
    await t.close()
    t = await startTestCore({ dataDir })
    await waitFor(async () => (await hostEntry())?.observation?.state === 'active')
    byHand(
      `printf '%s' '{"session_id":"after-restart","hook_event_name":"SessionStart","source":"startup","cwd":"/after-restart"}' | /bin/sh "$HOME"/.atelier-remote/bin/${OBSERVE_MARKER} SessionStart`,
    )
    const again = await waitFor(async () =>
      (await sessions()).find((s) => s.cwd === '/after-restart'),
    )
    expect(again).toMatchObject({ kind: 'observed', hostId })
    // Posted live through the tunnel made again, not spooled.
    const spool = join(host.home, '.atelier-remote', 'spool', 'observed.jsonl')
    expect(existsSync(spool) ? readFileSync(spool, 'utf8') : '').toBe('')
  })

  it('keeps the tunnel up with no session there: after the link drops and returns, hooks post live', async () => {
    host.setLink(false)
    try {
      // The link watcher runs for the observed host alone and sees the drop.
      await waitFor(async () => (await hostEntry()).connection === 'reconnecting')
    } finally {
      host.setLink(true)
    }
    // Connected again only once the forward is made again (same host port).
    await waitFor(async () => (await hostEntry()).connection === 'connected')
    byHand(
      `printf '%s' '{"session_id":"after-drop","hook_event_name":"SessionStart","source":"startup","cwd":"/after-drop"}' | /bin/sh "$HOME"/.atelier-remote/bin/${OBSERVE_MARKER} SessionStart`,
    )
    const back = await waitFor(async () => (await sessions()).find((s) => s.cwd === '/after-drop'))
    expect(back).toMatchObject({ kind: 'observed', hostId })
    const spool = join(host.home, '.atelier-remote', 'spool', 'observed.jsonl')
    expect(existsSync(spool) ? readFileSync(spool, 'utf8') : '').toBe('')
  })

  it('turns observation off: the user gets their settings back, link and mode kept', async () => {
    const entry = await t.api<HostEntry>('hosts.update', { id: hostId, observe: false })
    expect(entry.observe).toBe(false)
    expect(entry.observation).toBeUndefined()
    const link = join(host.home, '.claude', 'settings.json')
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(statSync(dotfile).mode & 0o777).toBe(0o640)
    expect(JSON.parse(readFileSync(dotfile, 'utf8'))).toEqual(original)
    expect(existsSync(join(host.home, '.atelier-remote', 'observe'))).toBe(false)
    expect(existsSync(join(host.home, '.atelier-remote', 'bin', OBSERVE_MARKER))).toBe(false)
    // The credential is forgotten here too: a hook still holding it is refused.
    const r = await fetch(`http://127.0.0.1:${t.core.info.port}/hooks/claude`, {
      method: 'POST',
      headers: { authorization: `Bearer ${observerToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ session_id: 'late', hook_event_name: 'Stop', cwd: repo }),
    })
    expect(r.status).toBe(401)
  })

  it('takes the hooks off the host when the host is removed while observed', async () => {
    await t.api<HostEntry>('hosts.update', { id: hostId, observe: true })
    expect(readFileSync(dotfile, 'utf8')).toContain(OBSERVE_MARKER)
    const appToken = t.core.info.token
    await t.api('hosts.remove', { id: hostId })
    expect(JSON.parse(readFileSync(dotfile, 'utf8'))).toEqual(original)
    expect(lstatSync(join(host.home, '.claude', 'settings.json')).isSymbolicLink()).toBe(true)
    expect(existsSync(join(dataDir, 'ssh', `observer-${hostId}`))).toBe(false)
    expect(appToken).toBe(t.core.info.token)
  })

  it('put no observer credential, app token or key in any command line, here or on the host', () => {
    const seen = argv.seen()
    const lines = seen.map((a) => a.join(' '))
    // Both sides were sampled: Atelier's ssh here, and the hand-started Claude on the host.
    expect(seen.some((a) => a[0] === 'ssh' && a.includes('BatchMode=yes'))).toBe(true)
    expect(lines.some((l) => l.includes('observed by hand'))).toBe(true)
    const keyLines = host
      .privateKeyMaterial()
      .flatMap((pem) => pem.split('\n'))
      .filter((l) => l.length >= 20 && !l.startsWith('-----'))
    for (const l of lines) {
      for (const secret of [observerToken, t.core.info.token, ...keyLines])
        expect(l.includes(secret)).toBe(false)
      expect(l).not.toMatch(/PRIVATE KEY/)
    }
  })
})
