/**
 * "Credentials stay put" (docs/remote-hosts.md): a host gets this machine's Claude key or cloud
 * credentials only when the user turned its "Send my Claude credentials" switch on, and then in
 * the session's launch file (which reaches the host on ssh's stdin), never in an argument. No
 * root needed: the host is a fake that records what would be written there, and the launch file
 * is run by the local /bin/sh to show the values arrive intact.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FORWARDED_CREDENTIAL_ENV } from '@shared/hosts'
import { HostService } from '../../../src/main/core/remote/host-service'
import { HostStore } from '../../../src/main/core/remote/host-store'
import { pickForwardedCredentials } from '../../../src/main/core/remote/forwarded-credentials'
import { prepareRemoteLaunch } from '../../../src/main/core/sessions/remote-launch'
import { launchScript } from '../../../src/main/core/sessions/backends/pane-launcher'
import type { RemoteHost } from '../../../src/main/core/remote/ssh-backend'
import type { SessionRecord } from '../../../src/main/core/store/session-store'
import { hostsCommand, serviceApi } from '../../../src/main/hosts-command'

const scratch = mkdtempSync(join(tmpdir(), 'atelier-creds-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** A local environment with a key, a Bedrock set-up, an unrelated secret and an empty value. */
const LOCAL_ENV: NodeJS.ProcessEnv = {
  ANTHROPIC_API_KEY: "sk-ant-local-'quoted' $(not run)",
  ANTHROPIC_CUSTOM_HEADERS: 'x-team: blue\nx-cost-centre: 42',
  CLAUDE_CODE_USE_BEDROCK: '1',
  AWS_ACCESS_KEY_ID: 'AKIALOCAL',
  AWS_SECRET_ACCESS_KEY: 'local/secret+key',
  AWS_SESSION_TOKEN: '',
  GITHUB_TOKEN: 'ghp_never_sent',
  PATH: '/usr/bin',
}

function serviceWithHost(): { service: HostService; dataDir: string } {
  const dataDir = mkdtempSync(join(scratch, 'data-'))
  new HostStore(join(dataDir, 'hosts.json')).add({
    id: 'h_dev',
    label: 'devbox',
    target: 'ana@devbox',
    addedAt: 1,
  })
  const service = new HostService({ dataDir, credentialSource: () => LOCAL_ENV })
  return { service, dataDir }
}

/** A host that records the files Atelier would write there. */
function fakeHost(): { host: RemoteHost; written: Map<string, string> } {
  const written = new Map<string, string>()
  const host = {
    home: '/home/ana',
    root: '/home/ana/.atelier-remote',
    sessionDir: (id: string) => `/home/ana/.atelier-remote/sessions/${id}`,
    reportScript: '/home/ana/.atelier-remote/bin/hook.sh',
    spoolFile: (id: string) => `/home/ana/.atelier-remote/spool/${id}.jsonl`,
    hookPort: () => Promise.resolve(41234),
    writePrivateFile: (path: string, content: string) => {
      written.set(path, content)
      return Promise.resolve()
    },
    transcriptExists: () => Promise.resolve(false),
  } as unknown as RemoteHost
  return { host, written }
}

const record: SessionRecord = {
  id: 's_remote',
  name: 'remote',
  cwd: '/home/ana/repo',
  kind: 'managed',
  backend: 'ssh',
  hostId: 'h_dev',
  claudeSessionId: '6f1c1f7e-8a4b-4c1e-9d55-0c6b3f0e2a11',
  launched: false,
  permissionMode: 'default',
  args: [],
  worktree: null,
  createdAt: 1,
  lastActivity: 1,
  zone: null,
  order: 0,
  usage: {} as SessionRecord['usage'],
}

async function launchFor(credentials: Record<string, string>) {
  const certFile = join(scratch, 'cert.pem')
  writeFileSync(certFile, '-----BEGIN CERTIFICATE-----\nfake\n-----END CERTIFICATE-----\n')
  const { host, written } = fakeHost()
  const launch = await prepareRemoteLaunch({
    host,
    claude: { path: '/home/ana/.local/bin/claude', version: '2.1.100' },
    record,
    token: 'session-token-123',
    hooks: { tlsPort: 5555, certFile },
    permissionTimeoutS: 600,
    credentials,
  })
  return { launch, written }
}

describe('the switch', () => {
  it('is off for a new host: nothing of this machine is sent, and the list says what would be', () => {
    const { service } = serviceWithHost()
    expect(service.forwardedCredentials('h_dev')).toEqual({})
    const entry = service.list()[0]!
    expect(entry.forwardCredentials).toBeUndefined()
    // Names only: what this machine has that the switch would send, never a value.
    expect(entry.credentialsAvailable).toEqual([
      'ANTHROPIC_API_KEY',
      'ANTHROPIC_CUSTOM_HEADERS',
      'CLAUDE_CODE_USE_BEDROCK',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
    ])
    expect(JSON.stringify(service.list())).not.toContain('AKIALOCAL')
  })

  it('on, sends exactly the Claude and cloud credentials this machine has, and survives a restart', async () => {
    const { service, dataDir } = serviceWithHost()
    const entry = await service.update({ id: 'h_dev', forwardCredentials: true })
    expect(entry.forwardCredentials).toBe(true)
    const sent = service.forwardedCredentials('h_dev')
    expect(sent).toEqual({
      ANTHROPIC_API_KEY: LOCAL_ENV.ANTHROPIC_API_KEY,
      ANTHROPIC_CUSTOM_HEADERS: LOCAL_ENV.ANTHROPIC_CUSTOM_HEADERS,
      CLAUDE_CODE_USE_BEDROCK: '1',
      AWS_ACCESS_KEY_ID: 'AKIALOCAL',
      AWS_SECRET_ACCESS_KEY: 'local/secret+key',
    })
    // Unrelated secrets and empty values are never part of it.
    expect(sent).not.toHaveProperty('GITHUB_TOKEN')
    expect(sent).not.toHaveProperty('AWS_SESSION_TOKEN')

    const again = new HostService({ dataDir, credentialSource: () => LOCAL_ENV })
    expect(again.list()[0]!.forwardCredentials).toBe(true)
    again.update({ id: 'h_dev', forwardCredentials: false })
    expect(
      new HostService({ dataDir, credentialSource: () => LOCAL_ENV }).forwardedCredentials('h_dev'),
    ).toEqual({})
  })

  it('refuses an unknown host', async () => {
    const { service } = serviceWithHost()
    await expect(service.update({ id: 'h_nope', forwardCredentials: true })).rejects.toThrow(
      /no host/,
    )
  })

  it('picks only the listed names', () => {
    const everything = Object.fromEntries(FORWARDED_CREDENTIAL_ENV.map((n) => [n, `v-${n}`]))
    expect(Object.keys(pickForwardedCredentials({ ...everything, OTHER_KEY: 'x' }))).toEqual([
      ...FORWARDED_CREDENTIAL_ENV,
    ])
  })
})

describe("a session's launch on the host", () => {
  it('carries no local credential when the switch is off', async () => {
    const { launch, written } = await launchFor({})
    expect(Object.keys(launch.env).sort()).toEqual([
      'ATELIER_SESSION_ID',
      'ATELIER_SESSION_TOKEN',
      'NODE_EXTRA_CA_CERTS',
    ])
    for (const content of written.values()) expect(content).not.toContain('sk-ant-local')
  })

  it('carries them in the launch file, never in an argument, values intact through the shell', async () => {
    const { service } = serviceWithHost()
    await service.update({ id: 'h_dev', forwardCredentials: true })
    const { launch, written } = await launchFor(service.forwardedCredentials('h_dev'))
    expect(launch.env).toMatchObject({
      ANTHROPIC_API_KEY: LOCAL_ENV.ANTHROPIC_API_KEY,
      AWS_SECRET_ACCESS_KEY: 'local/secret+key',
      ATELIER_SESSION_TOKEN: 'session-token-123',
    })
    for (const word of [launch.file, ...launch.args]) {
      expect(word).not.toContain('sk-ant-local')
      expect(word).not.toContain('AKIALOCAL')
    }
    // Neither the settings nor the trust bundle written there hold them.
    for (const content of written.values()) expect(content).not.toContain('AKIALOCAL')

    // The launch file as the pane runs it: the program sees each value byte for byte.
    const file = join(scratch, 'pane.launch')
    writeFileSync(file, launchScript(file, launch.env, '/usr/bin/env', ['-0']), { mode: 0o600 })
    const ran = spawnSync('/bin/sh', [file], { env: { PATH: '/usr/bin:/bin' }, encoding: 'utf8' })
    expect(ran.status).toBe(0)
    const seen = new Map(
      ran.stdout
        .split('\0')
        .filter(Boolean)
        .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
    )
    expect(seen.get('ANTHROPIC_API_KEY')).toBe(LOCAL_ENV.ANTHROPIC_API_KEY)
    expect(seen.get('ANTHROPIC_CUSTOM_HEADERS')).toBe(LOCAL_ENV.ANTHROPIC_CUSTOM_HEADERS)
    expect(seen.has('GITHUB_TOKEN')).toBe(false)
  })
})

describe('npm run hosts -- credentials', () => {
  it('turns the switch on and off and says what is sent, by name only', async () => {
    const { service } = serviceWithHost()
    const lines: string[] = []
    const api = serviceApi(service)
    expect(await hostsCommand(['credentials', 'devbox', 'on'], api, (l) => lines.push(l))).toBe(0)
    expect(lines.at(-1)).toMatch(
      /new sessions there get ANTHROPIC_API_KEY, .*AWS_SECRET_ACCESS_KEY/,
    )
    expect(lines.join('\n')).not.toContain('sk-ant-local')
    await hostsCommand(['list'], api, (l) => lines.push(l))
    expect(lines.at(-1)).toMatch(/sends your Claude credentials/)
    expect(await hostsCommand(['credentials', 'devbox', 'off'], api, (l) => lines.push(l))).toBe(0)
    expect(lines.at(-1)).toMatch(/own Claude login; nothing is sent/)
    expect(await hostsCommand(['credentials', 'devbox', 'maybe'], api, (l) => lines.push(l))).toBe(
      2,
    )
  })
})
