/**
 * The test host's network, as later remote tests will use it: its link taken down and up (a
 * new connection goes unanswered until ssh's ConnectTimeout, and works again once it is up), and
 * a slow link made by the delaying proxy (the reported round trip grows by what it adds).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HostCheck } from '@shared/hosts'
import { HostService } from '../../../src/main/core/remote/host-service'
import {
  sshTestHostUnavailable,
  startSshTestHost,
  type SshTestHost,
} from '../../support/ssh-test-host'
import { startDelayProxy, type DelayProxy } from '../../support/delay-proxy'

const unavailable = sshTestHostUnavailable()
if (unavailable) console.warn(`[test-host-network] skipped: ${unavailable}`)

/** What the proxy adds to every round trip, in milliseconds. */
const ADDED_RTT_MS = 100

async function trusted(hosts: HostService, target: string, identityFile: string) {
  const { host, check } = await hosts.add({ target, identityFile })
  if (check.status !== 'host-key-unknown')
    throw new Error(`expected a key question: ${check.message}`)
  return { id: host.id, check: await hosts.confirmKey(host.id, check.fingerprint) }
}

describe.skipIf(unavailable !== null)('the test host network', () => {
  let host: SshTestHost
  let proxy: DelayProxy
  let dataDir: string
  let hosts: HostService
  beforeAll(async () => {
    host = await startSshTestHost({ withClaude: true })
    proxy = await startDelayProxy({ host: host.address, port: 22, addedRoundTripMs: ADDED_RTT_MS })
    dataDir = mkdtempSync(join(tmpdir(), 'atl-hostnet-'))
    hosts = new HostService({ dataDir })
  })
  afterAll(async () => {
    await hosts?.close()
    await proxy?.close()
    await host?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it('a link taken down leaves a new connection unanswered; up again, it works', async () => {
    const { id, check } = await trusted(hosts, host.target, host.identityFile)
    expect(check.status).toBe('ready')
    await hosts.disconnect(id) // an open connection would stall until keepalive gives up instead
    host.setLink(false)
    try {
      const down = await hosts.test(id)
      expect(down.status, down.message).toBe('unreachable')
      expect(down.message).toMatch(/timed out/)
    } finally {
      host.setLink(true)
    }
    expect((await hosts.test(id)).status).toBe('ready')
  })

  it('the delaying proxy adds its round trip to every call over the connection', async () => {
    const direct = hosts.list().find((h) => h.target === host.target)!
    const directCheck = (await hosts.test(direct.id)) as Extract<HostCheck, { status: 'ready' }>
    const { check } = await trusted(
      hosts,
      `${host.user}@127.0.0.1:${proxy.port}`,
      host.identityFile,
    )
    expect(check.status, check.message).toBe('ready')
    const slow = check as Extract<HostCheck, { status: 'ready' }>
    console.log(
      `[test-host-network] round trip over the shared connection: direct ${directCheck.latencyMs} ms, through the proxy (+${ADDED_RTT_MS} ms) ${slow.latencyMs} ms`,
    )
    expect(slow.latencyMs).toBeGreaterThanOrEqual(ADDED_RTT_MS)
    expect(slow.home).toBe(host.home)
  })
})
