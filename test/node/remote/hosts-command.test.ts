/**
 * `npm run hosts`: the commands against a real namespaced sshd, through the host service as the
 * CLI uses it when no app runs — add shows the unknown key and how to trust it, trust and test
 * print what the host has, exit statuses tell ready from not. Usage errors need no host.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_NOT_READY, hostsCommand, serviceApi } from '../../../src/main/hosts-command'
import { HostService } from '../../../src/main/core/remote/host-service'
import { HostStore } from '../../../src/main/core/remote/host-store'
import {
  sshTestHostUnavailable,
  startSshTestHost,
  type SshTestHost,
} from '../../support/ssh-test-host'

const unavailable = sshTestHostUnavailable()
if (unavailable) console.warn(`[hosts-command] sshd part skipped: ${unavailable}`)

async function run(service: HostService, ...args: string[]) {
  const lines: string[] = []
  const code = await hostsCommand(args, serviceApi(service), (l) => lines.push(l))
  return { code, out: lines.join('\n') }
}

describe('npm run hosts: usage', () => {
  let dataDir: string
  let service: HostService
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'atl-hosts-cli-'))
    service = new HostService({ dataDir })
  })
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('explains itself on a wrong command and names a host it does not know', async () => {
    expect(await run(service)).toMatchObject({ code: 2, out: expect.stringContaining('usage:') })
    expect(await run(service, 'frobnicate')).toMatchObject({
      code: 2,
      out: expect.stringMatching(/unknown command "frobnicate"/),
    })
    expect(await run(service, 'list')).toEqual({ code: 0, out: 'no hosts' })
    await expect(run(service, 'test', 'me@nowhere')).rejects.toThrow(/no host "me@nowhere"/)
    await expect(run(service, 'add', '-oProxyCommand=x')).rejects.toThrow(/must not start/)
  })

  it('observe: wants on or off, and needs the running app (it keeps the tunnel up)', async () => {
    new HostStore(join(dataDir, 'hosts.json')).add({
      id: 'h_obs',
      label: 'obsbox',
      target: 'ana@obsbox',
      addedAt: 1,
    })
    const withHost = new HostService({ dataDir })
    expect(await run(withHost, 'observe', 'h_obs')).toMatchObject({
      code: 2,
      out: expect.stringContaining('say on or off'),
    })
    await expect(run(withHost, 'observe', 'obsbox', 'on')).rejects.toThrow(/needs the running app/)
    expect(withHost.list()[0]!.observe).toBeUndefined()
  })
})

describe.skipIf(unavailable !== null)('npm run hosts against a namespaced sshd', () => {
  let host: SshTestHost
  let dataDir: string
  let service: HostService
  beforeAll(async () => {
    host = await startSshTestHost({ withClaude: true })
    dataDir = mkdtempSync(join(tmpdir(), 'atl-hosts-cli-'))
    service = new HostService({ dataDir })
  })
  afterAll(async () => {
    await service?.close()
    await host?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it('adds, trusts on the printed fingerprint, tests, lists and removes', async () => {
    const added = await run(
      service,
      'add',
      host.target,
      '--identity',
      host.identityFile,
      '--label=box',
    )
    expect(added.code).toBe(EXIT_NOT_READY)
    const fingerprint = host.hostKeyFingerprint()
    expect(added.out).toContain(`unknown host key: ssh-ed25519 ${fingerprint}`)
    expect(added.out).toContain(`to trust it: npm run hosts -- trust <host> ${fingerprint}`)

    const trusted = await run(service, 'trust', 'box', fingerprint)
    expect(trusted.code, trusted.out).toBe(0)
    expect(trusted.out).toMatch(/^ready: /)
    expect(trusted.out).toMatch(/^ {2}tmux {3}\d/m)
    expect(trusted.out).toContain(`  home   ${host.home}`)

    expect((await run(service, 'test', host.target)).code).toBe(0)
    const listed = await run(service, 'list')
    expect(listed.out).toMatch(new RegExp(`^h_[0-9a-f]{12} {2}${host.target} {2}\\(box\\)`))
    const removed = await run(service, 'remove', 'box')
    expect(removed).toMatchObject({ code: 0, out: expect.stringMatching(/^removed h_/) })
    expect((await run(service, 'list')).out).toBe('no hosts')
  })
})
