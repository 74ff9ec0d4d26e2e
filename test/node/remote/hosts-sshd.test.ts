/**
 * Hosts against a real sshd (Debian's openssh-server) in a network namespace of its own
 * (test/support/ssh-test-host.ts), through the system ssh client: trusting an unknown host key
 * only on confirmation, refusing a changed one, clear errors for a wrong key or user, a closed
 * port and missing tools, one shared connection per host, and no key material in any argv.
 * Skips, saying why, where that host cannot be made (not root, no `ip`, no sshd).
 */
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HostService } from '../../../src/main/core/remote/host-service'
import { ApiError } from '@shared/contract/define'
import type { HostCheck } from '@shared/hosts'
import {
  sshTestHostUnavailable,
  startSshTestHost,
  type SshTestHost,
} from '../../support/ssh-test-host'
import { recordCommandLines, type CommandLineRecorder } from '../../support/command-lines'

const unavailable = sshTestHostUnavailable()
if (unavailable) console.warn(`[hosts-sshd] skipped: ${unavailable}`)

const PINNED_CLAUDE = (
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as {
    devDependencies: Record<string, string>
  }
).devDependencies['@anthropic-ai/claude-code']!

function expectStatus<S extends HostCheck['status']>(
  check: HostCheck,
  status: S,
): Extract<HostCheck, { status: S }> {
  expect(check.status, check.message).toBe(status)
  return check as Extract<HostCheck, { status: S }>
}

describe.skipIf(unavailable !== null)('hosts over ssh to a namespaced sshd', () => {
  let full: SshTestHost
  let bare: SshTestHost
  let dataDir: string
  let hosts: HostService
  let argv: CommandLineRecorder

  beforeAll(async () => {
    argv = recordCommandLines()
    full = await startSshTestHost({ withClaude: true })
    bare = await startSshTestHost({ onlyTools: ['git'] })
    dataDir = mkdtempSync(join(tmpdir(), 'atl-hosts-'))
    hosts = new HostService({ dataDir })
  })

  afterAll(async () => {
    await hosts?.close()
    argv?.stop()
    await full?.close()
    await bare?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  let fullId = ''

  it('reports an unknown host key with its fingerprint and trusts it only on confirmation', async () => {
    const added = await hosts.add({
      target: full.target,
      label: 'full',
      identityFile: full.identityFile,
    })
    fullId = added.host.id
    const unknown = expectStatus(added.check, 'host-key-unknown')
    expect(unknown.fingerprint).toBe(full.hostKeyFingerprint())
    expect(unknown.keyType).toBe('ssh-ed25519')
    expect(unknown.canConfirm).toBe(true)
    expect(hosts.list()).toEqual([
      expect.objectContaining({
        id: fullId,
        target: full.target,
        lastCheck: expect.objectContaining({ status: 'host-key-unknown' }),
      }),
    ])
    // Nothing is trusted before the confirmation, and a test alone does not trust it.
    expectStatus(await hosts.test(fullId), 'host-key-unknown')
    const wrong = `SHA256:${'A'.repeat(43)}`
    await expect(hosts.confirmKey(fullId, wrong)).rejects.toMatchObject({ code: 'conflict' })

    const ready = expectStatus(await hosts.confirmKey(fullId, unknown.fingerprint), 'ready')
    expect(ready.home).toBe(full.home)
    expect(ready.tools.tmux.version).toMatch(/^\d+\.\d+/)
    expect(ready.tools.git.version).toMatch(/^\d+\.\d+\.\d+/)
    expect(ready.tools.claude).toEqual({
      path: `${full.home}/.local/bin/claude`,
      version: PINNED_CLAUDE,
    })
    expect(ready.missing).toEqual([])
    expect(ready.latencyMs).toBeGreaterThan(0)
    expect(ready.message).toContain(`claude ${PINNED_CLAUDE}`)

    // Trusted in Atelier's own known_hosts (0600 in a 0700 folder), under the address.
    const sshDir = join(dataDir, 'ssh')
    expect(lstatSync(sshDir).mode & 0o777).toBe(0o700)
    const knownHosts = join(sshDir, 'known_hosts')
    expect(lstatSync(knownHosts).mode & 0o777).toBe(0o600)
    expect(readFileSync(knownHosts, 'utf8')).toMatch(
      new RegExp(`^${full.address.replace(/\./g, '\\.')} ssh-ed25519 \\S+$`, 'm'),
    )
    // One shared connection: its control socket is in the folder, and a second test reuses it.
    const sockets = readdirSync(sshDir).filter((f) => f.startsWith('cm-'))
    expect(sockets).toHaveLength(1)
    expect(lstatSync(join(sshDir, sockets[0]!)).isSocket()).toBe(true)
    expectStatus(await hosts.test(fullId), 'ready')
    expect(readdirSync(sshDir).filter((f) => f.startsWith('cm-'))).toEqual(sockets)
  })

  it('refuses a login with a key the host does not accept, or as the wrong user', async () => {
    const strangerKey = await hosts.add({
      target: full.target,
      identityFile: full.strangerIdentityFile,
    })
    // Same address, so the key trusted above applies: the failure is the login's.
    const refused = expectStatus(strangerKey.check, 'auth-failed')
    expect(refused.message).toMatch(/refused the login: wrong user, or the key is not/)
    expect(refused.message).toContain(full.target)

    const wrongUser = await hosts.add({
      target: `nobody-here@${full.address}`,
      identityFile: full.identityFile,
    })
    expectStatus(wrongUser.check, 'auth-failed')
    await hosts.remove(strangerKey.host.id)
    await hosts.remove(wrongUser.host.id)
  })

  it('says a host whose port is closed cannot be reached', async () => {
    const closed = await hosts.add({
      target: `${full.target}:2222`,
      identityFile: full.identityFile,
    })
    const unreachable = expectStatus(closed.check, 'unreachable')
    expect(unreachable.message).toMatch(/could not be reached.*Connection refused/)
    await hosts.remove(closed.host.id)
  })

  it('names the tools a host lacks', async () => {
    const added = await hosts.add({ target: bare.target, identityFile: bare.identityFile })
    const unknown = expectStatus(added.check, 'host-key-unknown')
    expect(unknown.fingerprint).toBe(bare.hostKeyFingerprint())
    const incomplete = expectStatus(
      await hosts.confirmKey(added.host.id, unknown.fingerprint),
      'incomplete',
    )
    expect(incomplete.missing).toEqual(['tmux', 'claude'])
    expect(incomplete.tools.tmux).toEqual({ path: null, version: null })
    expect(incomplete.tools.claude).toEqual({ path: null, version: null })
    expect(incomplete.tools.git.path).toBe(`${bare.home}/.tools/git`)
    expect(incomplete.message).toMatch(/^tmux and claude are missing on /)
  })

  it('refuses a host whose key changed, and trusts nothing new', async () => {
    const before = readFileSync(join(dataDir, 'ssh', 'known_hosts'), 'utf8')
    await hosts.disconnect(fullId)
    await full.rotateHostKey()
    const changed = expectStatus(await hosts.test(fullId), 'host-key-changed')
    expect(changed.message).toMatch(/has CHANGED since it was trusted/)
    expect(hosts.list().find((h) => h.id === fullId)?.lastCheck?.status).toBe('host-key-changed')
    await expect(hosts.confirmKey(fullId, full.hostKeyFingerprint())).resolves.toMatchObject({
      status: 'host-key-changed',
    })
    expect(readFileSync(join(dataDir, 'ssh', 'known_hosts'), 'utf8')).toBe(before)
  })

  it('removing a host ends its connection and forgets its key', async () => {
    const bareId = hosts.list().find((h) => h.target === bare.target)!.id
    await hosts.remove(bareId)
    expect(hosts.list().map((h) => h.id)).toEqual([fullId])
    expect(readFileSync(join(dataDir, 'ssh', 'known_hosts'), 'utf8')).not.toContain(bare.address)
    await expect(hosts.remove(bareId)).rejects.toBeInstanceOf(ApiError)
    // The list survives a restart of the service (hosts.json).
    expect(new HostService({ dataDir }).list().map((h) => h.target)).toEqual([full.target])
  })

  it('never put key material in any command line', () => {
    const lines = argv.seen()
    // The sampler saw the ssh calls themselves (so an empty scan cannot pass for a clean one).
    const sshCalls = lines.filter((a) => a.includes('BatchMode=yes'))
    expect(sshCalls.length).toBeGreaterThan(0)
    const material = [full, bare]
      .flatMap((h) => h.privateKeyMaterial())
      .flatMap((pem) => pem.split('\n'))
      .filter((l) => l.length >= 20 && !l.startsWith('-----'))
    for (const a of lines) {
      const joined = a.join(' ')
      expect(joined).not.toMatch(/PRIVATE KEY/)
      for (const chunk of material) expect(joined.includes(chunk)).toBe(false)
    }
  })
})
