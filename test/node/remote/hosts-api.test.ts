/**
 * The hosts.* channels through a running core's HTTP API (what the app and `npm run hosts` use
 * while the app runs): validation at the boundary, the key question and its confirmation against
 * a namespaced sshd, and the core ending the host's shared connection when it closes.
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HostCheck, HostEntry } from '@shared/hosts'
import { startTestCore, waitFor, type TestCore } from '../../support/core'
import {
  sshTestHostUnavailable,
  startSshTestHost,
  type SshTestHost,
} from '../../support/ssh-test-host'

const unavailable = sshTestHostUnavailable()
if (unavailable) console.warn(`[hosts-api] sshd part skipped: ${unavailable}`)

describe('hosts.* channels', () => {
  let app: TestCore
  let host: SshTestHost | null = null
  let closed = false
  beforeAll(async () => {
    app = await startTestCore()
    if (!unavailable) host = await startSshTestHost({ withClaude: true })
  })
  afterAll(async () => {
    if (!closed) await app?.close()
    await host?.close()
  })

  it('refuses a target ssh could read as an option, and unknown ids', async () => {
    expect(await app.api('hosts.list')).toEqual({ hosts: [] })
    await expect(
      app.api('hosts.add', { target: '-oProxyCommand=touch /tmp/x' }),
    ).rejects.toMatchObject({
      status: 400,
    })
    await expect(app.api('hosts.add', { target: 'me@h', identityFile: 'k' })).rejects.toMatchObject(
      {
        status: 400,
      },
    )
    await expect(
      app.api('hosts.add', { target: 'me@h', identityFile: '/nonexistent/id_ed25519' }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/identityFile/) })
    await expect(app.api('hosts.test', { id: 'h_000000000000' })).rejects.toMatchObject({
      status: 404,
    })
    await expect(
      app.api('hosts.confirmKey', { id: 'h_000000000000', fingerprint: 'MD5:aa' }),
    ).rejects.toMatchObject({ status: 400 })
  })

  it.skipIf(unavailable !== null)(
    'asks about the key, trusts it on confirmation, and ends the connection on close',
    async () => {
      const h = host!
      const added = await app.api<{ host: HostEntry; check: HostCheck }>('hosts.add', {
        target: h.target,
        identityFile: h.identityFile,
      })
      expect(added.check).toMatchObject({
        status: 'host-key-unknown',
        fingerprint: h.hostKeyFingerprint(),
      })
      const ready = await app.api<HostCheck>('hosts.confirmKey', {
        id: added.host.id,
        fingerprint: h.hostKeyFingerprint(),
      })
      expect(ready).toMatchObject({ status: 'ready', home: h.home, missing: [] })
      const listed = await app.api<{ hosts: HostEntry[] }>('hosts.list')
      expect(listed.hosts[0]?.lastCheck).toMatchObject({ status: 'ready' })

      const socket = join(app.dataDir, 'ssh', `cm-${added.host.id}`)
      expect(readdirSync(join(app.dataDir, 'ssh'))).toContain(`cm-${added.host.id}`)
      await app.close()
      closed = true
      // The master removes its socket as it exits, just after answering `ssh -O exit`.
      await waitFor(() => !existsSync(socket))
    },
  )
})
