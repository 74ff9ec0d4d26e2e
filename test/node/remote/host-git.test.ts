/**
 * Git for sessions on a remote host (docs/remote-hosts.md, "Git on the host"), against the real
 * namespaced sshd (test/support/ssh-test-host.ts): status is read over the host's shared ssh
 * connection when a hook event says files may have changed, coalesced per repository, never
 * polled; the diff of a changed file is read there too, with the same path rules as here.
 * Skips, saying why, where that host cannot be made (not root, no `ip`, no sshd).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import type { GitStatus } from '@shared/git'
import { GitService } from '../../../src/main/core/git'
import type { HostConnection } from '../../../src/main/core/remote/host-connection'
import { hostGitPlace, type HostCommands } from '../../../src/main/core/remote/host-git'
import { HostService } from '../../../src/main/core/remote/host-service'
import { waitFor } from '../../support/core'
import {
  sshTestHostUnavailable,
  startSshTestHost,
  type SshTestHost,
} from '../../support/ssh-test-host'

const unavailable = sshTestHostUnavailable()
if (unavailable) console.warn(`[host-git] skipped: ${unavailable}`)

/**
 * The negative check "nothing runs while idle" needs a window; it is longer than any debounce or
 * poll interval the git service could have (the local one's longest wait is 1 s).
 */
const QUIET_WINDOW_MS = 2_500

const SESSION = 's-remote'

/** The host's commands as the git service sends them, counted, with the ones in flight. */
class CountingHost implements HostCommands {
  readonly commands: string[][] = []
  inFlight = 0

  constructor(private readonly conn: HostConnection) {}

  async runArgv(
    file: string,
    args: readonly string[],
    opts: { timeoutMs?: number; maxOutputBytes?: number },
  ) {
    this.commands.push([file, ...args])
    this.inFlight++
    try {
      return await this.conn.runArgv(file, args, opts)
    } finally {
      this.inFlight--
    }
  }

  /** Git commands whose subcommand is `sub` (`env … git -C <folder> --no-optional-locks <sub>`). */
  git(sub: string): string[][] {
    return this.commands.filter((c) => c.includes('git') && c[c.indexOf('git') + 4] === sub)
  }
}

function event(type: string, extra: Record<string, unknown> = {}): CanonicalEvent {
  return {
    id: `e-${Math.random().toString(36).slice(2)}`,
    sessionId: SESSION,
    agent: 'claude',
    ts: Date.now(),
    type,
    ...extra,
  } as unknown as CanonicalEvent
}

const toolEnd = (tool: string) =>
  event('tool.end', { toolUseId: `t-${tool}`, tool, input: {}, success: true })

const fileOf = (s: GitStatus | undefined, path: string) => s?.files.find((f) => f.path === path)

describe.skipIf(unavailable !== null)('git for a session on a remote host', () => {
  let host: SshTestHost
  let dataDir: string
  let hosts: HostService
  let conn: HostConnection
  let counting: CountingHost
  let service: GitService
  let repo: string

  beforeAll(async () => {
    host = await startSshTestHost({})
    dataDir = mkdtempSync(join(tmpdir(), 'atl-host-git-'))
    hosts = new HostService({ dataDir })
    const added = await hosts.add({ target: host.target, identityFile: host.identityFile })
    await hosts.confirmKey(added.host.id, host.hostKeyFingerprint())
    conn = hosts.connection(added.host.id)
    counting = new CountingHost(conn)
    const place = hostGitPlace(counting)
    service = new GitService({ hostPlace: () => place })
    repo = host.makeRepo('git-on-host')
  })

  afterAll(async () => {
    await service?.close()
    await hosts?.close()
    await host?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  /** A change made on the host as its user, over ssh (not counted: it is not Atelier's git). */
  const onHost = async (script: string) => {
    const r = await conn.runArgv('sh', ['-c', script, 'sh', repo])
    expect(r.code, r.stderr).toBe(0)
  }
  const settled = () => counting.inFlight === 0

  it('reads the first status over ssh when the session is tracked', async () => {
    service.track(SESSION, repo, 'h-test')
    const first = await waitFor(() => service.get(SESSION))
    expect(first).toMatchObject({ isRepo: true, root: repo, files: [] })
    expect(first.lastCommit?.subject).toBe('First commit')
    // Every git call was one remote argv on the host, in the repository's folder.
    const status = counting.git('status')
    expect(status).toHaveLength(1)
    expect(status[0]!.slice(status[0]!.indexOf('git'), status[0]!.indexOf('git') + 3)).toEqual([
      'git',
      '-C',
      repo,
    ])
    // Nothing ran on this machine.
    expect(service.stats().gitSpawns).toBe(0)
  })

  it('reads status once after a Write and shows the changed files', async () => {
    await waitFor(settled)
    await onHost(
      'cd "$1" && printf "hello\\n" > notes.md && printf "# Remote demo repo\\nmore\\n" > README.md',
    )
    const runs = service.stats().statusRuns
    const before = counting.git('status').length
    service.noteEvents([toolEnd('Write')])
    const status = await waitFor(() => {
      const s = service.get(SESSION)
      return settled() && fileOf(s, 'notes.md') && fileOf(s, 'README.md') ? s : undefined
    })
    expect(counting.git('status').length - before).toBe(1)
    expect(service.stats().statusRuns - runs).toBe(1)
    expect(fileOf(status, 'notes.md')).toMatchObject({ area: 'untracked' })
    expect(fileOf(status, 'README.md')).toMatchObject({ area: 'unstaged', added: 1, removed: 0 })
  })

  it('ignores events that change no files', async () => {
    await waitFor(settled)
    const before = counting.git('status').length
    service.noteEvents([
      toolEnd('Read'),
      toolEnd('Grep'),
      event('prompt', { text: 'hi' }),
      event('assistant.text', { text: 'ok' }),
      { ...toolEnd('Write'), sessionId: 'not-tracked' },
    ])
    // A file event after them: its one read is the only one.
    await onHost('cd "$1" && printf "x\\n" > after-read.txt')
    service.noteEvents([toolEnd('Edit')])
    await waitFor(() => settled() && fileOf(service.get(SESSION), 'after-read.txt'))
    expect(counting.git('status').length - before).toBe(1)
  })

  it('coalesces a burst of events into at most two status reads', async () => {
    await waitFor(settled)
    await onHost('cd "$1" && printf "burst\\n" > burst.txt')
    const before = counting.git('status').length
    const burst: CanonicalEvent[] = []
    for (let i = 0; i < 10; i++)
      burst.push(toolEnd(['Write', 'Edit', 'NotebookEdit', 'Bash'][i % 4]!))
    burst.push(event('stop'))
    // As the ingest delivers them: some in one batch, the rest one by one.
    service.noteEvents(burst.slice(0, 4))
    for (const e of burst.slice(4)) service.noteEvents([e])
    await waitFor(() => settled() && fileOf(service.get(SESSION), 'burst.txt'))
    const runs = counting.git('status').length - before
    expect(runs).toBeGreaterThanOrEqual(1)
    expect(runs).toBeLessThanOrEqual(2)
  })

  it('reads the diff of a changed file on the host', async () => {
    const tracked = await service.diff(SESSION, 'README.md')
    expect(tracked.truncated).toBe(false)
    expect(tracked.diff).toContain('+more')
    const untracked = await service.diff(SESSION, 'notes.md')
    expect(untracked.diff).toContain('+hello')
    // The path rules hold on the host: no escape by `..` or through a symlinked folder.
    await expect(service.diff(SESSION, '../outside')).rejects.toThrow(/outside the repository/)
    await onHost('cd "$1" && ln -s / escape')
    await expect(service.diff(SESSION, 'escape/etc/passwd')).rejects.toThrow(/symlink/)
    expect(service.stats().gitSpawns).toBe(0)
  })

  it('runs no git while idle', async () => {
    await waitFor(settled)
    const before = counting.commands.length
    await new Promise((r) => setTimeout(r, QUIET_WINDOW_MS))
    expect(counting.commands.length).toBe(before)
    expect(service.stats().gitSpawns).toBe(0)
  })
})
