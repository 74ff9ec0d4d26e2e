/**
 * The parts of remote hosts that need no remote: target parsing, shell quoting (checked by a
 * real /bin/sh), the ssh argv (checked by the real `ssh -G`, which parses options without
 * connecting), the test's probe script (run by the local /bin/sh), ssh's failure messages,
 * fingerprints (against ssh-keygen), Atelier's known_hosts and the host list file.
 */
import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { channels } from '@shared/contract'
import { parseHostTarget } from '@shared/hosts'
import {
  quoteShellWord,
  remoteArgvLine,
  remoteShLine,
} from '../../../src/main/core/remote/shell-quote'
import {
  baseOptions,
  commandArgv,
  controlPathOption,
  type SshPaths,
} from '../../../src/main/core/remote/ssh-argv'
import { parseProbe, PROBE_SCRIPT, versionFrom } from '../../../src/main/core/remote/host-probe'
import { classifySshFailure, offeredHostKey } from '../../../src/main/core/remote/ssh-errors'
import {
  appendKnownHost,
  fingerprintOf,
  forgetKnownHost,
  knownHostsName,
  parseKeyscan,
  parseResolvedConfig,
} from '../../../src/main/core/remote/known-hosts'
import { HostStore } from '../../../src/main/core/remote/host-store'
import { controlDirFor, HostService } from '../../../src/main/core/remote/host-service'

const scratch = mkdtempSync(join(tmpdir(), 'atl-host-parts-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('host targets', () => {
  it('splits user@host[:port] and keeps an alias whole', () => {
    expect(parseHostTarget('devbox')).toEqual({ destination: 'devbox' })
    expect(parseHostTarget(' me@10.0.0.2 ')).toEqual({ destination: 'me@10.0.0.2' })
    expect(parseHostTarget('me@build.example.com:2222')).toEqual({
      destination: 'me@build.example.com',
      port: 2222,
    })
    expect(parseHostTarget('me@[fe80::1]:22')).toEqual({ destination: 'me@fe80::1', port: 22 })
  })

  it('refuses what ssh could read as an option, or that is not one host', () => {
    for (const bad of [
      '-oProxyCommand=touch /tmp/x',
      'me@-oProxyCommand=x',
      '-me@host',
      'me@host name',
      'me@host\nx',
      'me@host:0',
      'me@host:70000',
      'me@host:ssh',
      'me@fe80::1',
      '@host',
      'me@',
      '',
    ])
      expect(() => parseHostTarget(bad), bad).toThrow()
    const add = channels['hosts.add'].request
    expect(add.safeParse({ target: '-oProxyCommand=x' }).success).toBe(false)
    expect(add.safeParse({ target: 'me@host', identityFile: 'relative/key' }).success).toBe(false)
    expect(add.safeParse({ target: 'me@host:22', identityFile: '/k' }).success).toBe(true)
  })
})

describe('quoting for the remote shell', () => {
  it('survives /bin/sh unchanged, whatever the word holds', () => {
    for (const word of ["it's", '$HOME `id` $(id)', 'a\nb', '\'"\\*?;&|<>', '', '--x']) {
      const r = spawnSync('/bin/sh', ['-c', `printf %s ${quoteShellWord(word)}`], {
        encoding: 'utf8',
      })
      expect(r.stdout).toBe(word)
    }
    const r = spawnSync('/bin/sh', ['-c', remoteShLine(`printf '%s' "it's here"`)], {
      encoding: 'utf8',
    })
    expect(r.stdout).toBe("it's here")
  })

  it('hands a remote program exactly its argv through the login shell and /bin/sh', () => {
    const args = ["it's", '$HOME `id` $(id)', 'a\nb\n', '\'"\\*?;&|<>#~', '', '--x', '  ']
    // What the host's login shell does with the one argument ssh sends.
    const r = spawnSync('/bin/sh', ['-c', remoteArgvLine('printf', ['%s\\0', ...args])], {
      encoding: 'utf8',
    })
    expect(r.stdout.split('\0').slice(0, -1)).toEqual(args)
  })
})

describe('ssh argv', () => {
  const dir = join(scratch, 'data with space')
  const paths: SshPaths = {
    controlDir: join(dir, 'ssh'),
    knownHostsFile: join(dir, 'ssh', 'known_hosts'),
  }
  const host = {
    id: 'h_0123456789ab',
    target: { destination: 'me@10.9.8.7', port: 2200 },
    identityFile: '/keys/id_test',
  }

  it('is read by ssh as meant, a folder with a space included', () => {
    const r = spawnSync(
      'ssh',
      ['-G', ...baseOptions(paths, host), ...controlPathOption(paths, host), '--', 'me@10.9.8.7'],
      { encoding: 'utf8' },
    )
    expect(r.status, r.stderr).toBe(0)
    const config = parseResolvedConfig(r.stdout)
    expect(config).toMatchObject({ hostname: '10.9.8.7', port: 2200, user: 'me', proxied: false })
    // ssh prints its list space-separated (the quotes only guided its parsing) and expands ~.
    expect(r.stdout).toContain(`userknownhostsfile ${paths.knownHostsFile} /`)
    expect(r.stdout).toMatch(/^userknownhostsfile .* \/\S*\/\.ssh\/known_hosts$/m)
    expect(r.stdout).toContain(`controlpath ${paths.controlDir}/cm-h_0123456789ab`)
    expect(r.stdout).toMatch(/^batchmode yes$/m)
    expect(r.stdout).toMatch(/^stricthostkeychecking true$/m)
    expect(r.stdout).toMatch(/^identitiesonly yes$/m)
  })

  it('sends the remote command as one argument after the destination', () => {
    const argv = commandArgv(paths, host, 'exit 0')
    expect(argv.slice(-3)).toEqual(['--', 'me@10.9.8.7', 'exit 0'])
    expect(argv).toContain('ControlMaster=auto')
    expect(() => controlPathOption(paths, { ...host, id: '../x' })).toThrow()
    expect(() => baseOptions({ ...paths, knownHostsFile: '/a"b/known_hosts' }, host)).toThrow()
  })
})

describe('the test probe', () => {
  it('runs under /bin/sh with a bare PATH and reports home, tools and versions', () => {
    const home = join(scratch, 'home')
    const bin = join(scratch, 'bin')
    mkdirSync(join(home, '.local', 'bin'), { recursive: true })
    mkdirSync(bin)
    symlinkSync('/usr/bin/git', join(bin, 'git'))
    const fakeClaude = join(home, '.local', 'bin', 'claude')
    writeFileSync(fakeClaude, '#!/bin/sh\necho "9.8.7 (Claude Code)"\n', { mode: 0o755 })
    const r = spawnSync('/bin/sh', ['-c', PROBE_SCRIPT], {
      encoding: 'utf8',
      env: { HOME: home, PATH: bin },
    })
    expect(r.status, r.stderr).toBe(0)
    const report = parseProbe(r.stdout)
    expect(report.home).toBe(home)
    expect(report.tools.tmux).toEqual({ path: null, version: null })
    expect(report.tools.git.path).toBe(join(bin, 'git'))
    expect(report.tools.git.version).toMatch(/^\d+\.\d+\.\d+$/)
    expect(report.tools.claude).toEqual({ path: fakeClaude, version: '9.8.7' })
    expect(PROBE_SCRIPT).not.toContain('\n') // csh and fish cannot take newlines in quotes
  })

  it('reads versions the way the tools print them', () => {
    expect(versionFrom('tmux 3.3a')).toBe('3.3a')
    expect(versionFrom('git version 2.39.5')).toBe('2.39.5')
    expect(versionFrom('2.1.332 (Claude Code)')).toBe('2.1.332')
    expect(versionFrom('tmux next')).toBe('tmux next')
    expect(versionFrom('')).toBeNull()
  })
})

describe("ssh's failures", () => {
  it('become what the user can act on', () => {
    const changed = `@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
Host key for 10.0.0.2 has changed and you have requested strict checking.
Host key verification failed.`
    expect(classifySshFailure('me@h', changed).status).toBe('host-key-changed')
    expect(
      classifySshFailure(
        'me@h',
        'No ED25519 host key is known for 10.0.0.2 and you have requested strict checking.\nHost key verification failed.',
      ).status,
    ).toBe('host-key-unknown')
    expect(
      classifySshFailure('me@h', 'me@10.0.0.2: Permission denied (publickey).').message,
    ).toMatch(/refused the login/)
    expect(
      classifySshFailure('me@h', 'ssh: connect to host 10.0.0.2 port 22: Connection refused')
        .status,
    ).toBe('unreachable')
    expect(
      classifySshFailure(
        'me@h',
        'ssh: Could not resolve hostname nowhere: Name or service not known',
      ).status,
    ).toBe('unreachable')
    expect(classifySshFailure('me@h', 'something else\n').message).toMatch(/something else/)
    expect(
      offeredHostKey(
        'debug1: Server host key: ssh-ed25519 SHA256:BEtJetm3wHc6FGth4OWOuQgfJKXDE3724E8/5njHUww',
      ),
    ).toEqual({
      type: 'ssh-ed25519',
      fingerprint: 'SHA256:BEtJetm3wHc6FGth4OWOuQgfJKXDE3724E8/5njHUww',
    })
  })
})

describe('known hosts', () => {
  it("computes ssh-keygen's fingerprint and keeps one line per confirmed key", () => {
    const keyFile = join(scratch, 'k')
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyFile])
    const pub = readFileSync(`${keyFile}.pub`, 'utf8')
    const [key] = parseKeyscan(`# 10.0.0.2:22 SSH-2.0-OpenSSH_9.2\n[10.0.0.2]:2200 ${pub}`)
    const printed = spawnSync('ssh-keygen', ['-lf', `${keyFile}.pub`], { encoding: 'utf8' }).stdout
    expect(printed).toContain(fingerprintOf(key!))

    const file = join(scratch, 'known_hosts')
    const name = knownHostsName({
      hostname: '10.0.0.2',
      port: 2200,
      user: 'me',
      hostKeyAlias: null,
      proxied: false,
    })
    expect(name).toBe('[10.0.0.2]:2200')
    appendKnownHost(file, name, key!)
    appendKnownHost(file, name, key!)
    appendKnownHost(file, 'other', key!)
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2)
    // ssh-keygen finds it where ssh will look
    expect(spawnSync('ssh-keygen', ['-F', '[10.0.0.2]:2200', '-f', file]).status).toBe(0)
    forgetKnownHost(file, name)
    expect(readFileSync(file, 'utf8')).not.toContain('10.0.0.2')
    expect(readFileSync(file, 'utf8')).toContain('other ')
  })
})

describe('the host list file', () => {
  it('keeps hosts across restarts and sets a damaged file aside', () => {
    const file = join(scratch, 'hosts.json')
    const store = new HostStore(file)
    store.add({ id: 'h_1', label: 'one', target: 'me@one', addedAt: 1 })
    expect(new HostStore(file).list().map((h) => h.target)).toEqual(['me@one'])
    writeFileSync(file, '{ not json')
    expect(new HostStore(file).list()).toEqual([])
    expect(existsSync(`${file}.damaged`)).toBe(true)
  })
})

describe('host health in the list', () => {
  it('shows connecting while a test runs, connected while a master runs, and the sessions there', async () => {
    const dataDir = mkdtempSync(join(scratch, 'health-'))
    const gate = join(dataDir, 'gate')
    // An ssh that answers only once the gate exists, as a host does when it is slow to answer.
    const fakeSsh = join(dataDir, 'fake-ssh')
    writeFileSync(
      fakeSsh,
      `#!/bin/sh\nwhile [ ! -e '${gate}' ]; do sleep 0.02; done\necho 'ssh: connect to host devbox port 22: Connection refused' >&2\nexit 255\n`,
      { mode: 0o755 },
    )
    new HostStore(join(dataDir, 'hosts.json')).add({
      id: 'h_dev',
      label: 'devbox',
      target: 'ana@devbox',
      addedAt: 1,
    })
    const service = new HostService({
      dataDir,
      sshCommand: fakeSsh,
      sessionsOn: (id) => (id === 'h_dev' ? ['alpha', 'beta'] : []),
    })
    const entry = () => new HostService({ dataDir, sshCommand: fakeSsh }).list()[0]!
    const listed = () => service.list()[0]!
    expect(listed()).toMatchObject({ connection: 'disconnected', sessions: 2, lastCheck: null })

    const testing = service.test('h_dev')
    expect(listed().connection).toBe('connecting')
    writeFileSync(gate, '')
    expect((await testing).status).toBe('unreachable')
    expect(listed()).toMatchObject({
      connection: 'disconnected',
      lastCheck: { status: 'unreachable', latencyMs: null },
    })

    // ssh's master keeps its control socket while it runs, and removes it when it ends.
    writeFileSync(join(controlDirFor(dataDir), 'cm-h_dev'), '')
    expect(listed().connection).toBe('connected')
    expect(entry()).toMatchObject({ connection: 'connected', sessions: 0 })
  })
})
