/**
 * A real remote host on this machine (docs/remote-hosts.md, "Testing"): Debian's sshd running
 * in a network namespace of its own, joined to this one by a veth pair, on a private config and
 * host key in a temp folder, letting in one dedicated user by key only.
 *
 * The user exists only inside the namespace: `ip netns exec` bind-mounts the files of
 * /etc/netns/<name>/ over /etc for what it starts, so sshd reads a passwd and group with the
 * extra user while the machine's own /etc/passwd is never touched. A namespace left behind by a
 * killed test run (its name carries the pid) is removed by the next start.
 *
 * Needs root, `ip` (iproute2) and /usr/sbin/sshd (openssh-server); sshTestHostUnavailable() says
 * which is missing so tests can skip with that reason.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { connect, createServer, type Server } from 'node:net'
import { randomBytes, randomInt } from 'node:crypto'
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { HANG_TIMEOUT_MS } from './patience'
import { FAKE_API_KEY, offlineClaudeEnv } from './claude-env'

const SSHD = '/usr/sbin/sshd'
const NAMESPACE_PREFIX = 'atl-ssh-'
/** sshd's privilege separation folder, which Debian creates only when the service runs. */
const PRIVSEP_DIR = '/run/sshd'
const CLAUDE_EXE = resolve(
  import.meta.dirname,
  '../../node_modules/@anthropic-ai/claude-code/bin/claude.exe',
)
const FULL_PATH = '/usr/local/bin:/usr/bin:/bin'

/** Why a real test host cannot be made here, or null when it can. */
export function sshTestHostUnavailable(): string | null {
  if (process.platform !== 'linux') return 'network namespaces need Linux'
  if (typeof process.getuid !== 'function' || process.getuid() !== 0)
    return 'creating a network namespace needs root'
  if (spawnSync('ip', ['-V']).status !== 0) return '`ip` (iproute2) is not installed'
  if (!existsSync(SSHD)) return `${SSHD} is missing (apt-get install -y openssh-server)`
  if (spawnSync('ssh', ['-V']).status !== 0) return 'the ssh client is not installed'
  return null
}

export interface SshTestHostOptions {
  /** Put the pinned Claude Code in the user's ~/.local/bin (otherwise the host lacks claude). */
  withClaude?: boolean
  /**
   * Only these programs on the user's PATH (linked into a folder of their own), to make a host
   * that lacks tmux or git; by default the machine's usual PATH.
   */
  onlyTools?: string[]
}

export interface SshTestHost {
  /** The host's address on the veth pair. */
  address: string
  /** This machine's end of the veth pair: what the host reaches this machine at. */
  hostSideAddress: string
  user: string
  /** `user@address` */
  target: string
  home: string
  /** A private key the user accepts. */
  identityFile: string
  /** A private key the user does not accept. */
  strangerIdentityFile: string
  /** Where the host's files live (keys, config, home). */
  root: string
  /** The SHA256 fingerprint of the key sshd offers now. */
  hostKeyFingerprint(): string
  /** The key files' contents: what must never appear in any command line. */
  privateKeyMaterial(): string[]
  /**
   * Takes this machine's end of the veth pair down or up. While down, packets to the host are
   * dropped without an answer (the route stays, flagged linkdown): a new connection times out
   * after ssh's ConnectTimeout, an open one stalls until its keepalive gives up.
   */
  setLink(up: boolean): void
  /**
   * A loopback port inside the host's namespace that reaches 127.0.0.1:`port` on this machine
   * without the veth pair (a relay through a Unix socket, which namespaces share), so a server
   * here (the fake Messages API) stays reachable from the host while the link is down.
   */
  relayIntoHost(port: number): Promise<number>
  /**
   * A folder in the user's home, owned by the user: a git repository with a README in its first
   * commit (the folder a remote session works in).
   */
  makeRepo(name: string): string
  /**
   * The host's own Claude Code login, as a user would have set it up there: onboarding done, the
   * fake API's key approved and used (through ~/.claude/settings.json `env`), `trusted` folders
   * trusted. Nothing of it comes from Atelier.
   */
  loginClaude(apiBaseUrl: string, trusted: string[]): void
  /** A new host key: sshd restarts with it, and every open connection to it ends. */
  rotateHostKey(): Promise<void>
  close(): Promise<void>
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' })
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.error}`)
  return r.stdout
}

function onThisPath(tool: string): string {
  const found = FULL_PATH.split(':')
    .map((dir) => join(dir, tool))
    .find((p) => existsSync(p))
  if (!found) throw new Error(`${tool} is not installed here`)
  return found
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Every process inside the namespace, ended with SIGKILL (sshd, its sessions, their shells). */
function killNamespaceProcesses(ns: string): void {
  const r = spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' })
  for (const pid of (r.stdout ?? '').split('\n').filter(Boolean)) {
    try {
      process.kill(Number(pid), 'SIGKILL')
    } catch {
      // it ended on its own
    }
  }
}

function removeNamespace(ns: string): void {
  killNamespaceProcesses(ns)
  spawnSync('ip', ['netns', 'del', ns]) // takes the veth pair with it
  rmSync(join('/etc/netns', ns), { recursive: true, force: true })
}

/** Namespaces of test runs whose process is gone (killed before its teardown). */
function removeStaleNamespaces(): void {
  const r = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' })
  for (const line of (r.stdout ?? '').split('\n')) {
    const name = line.split(' ')[0] ?? ''
    const m = new RegExp(`^${NAMESPACE_PREFIX}(\\d+)-`).exec(name)
    if (m && !pidAlive(Number(m[1]))) removeNamespace(name)
  }
}

function newKey(file: string): void {
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'atelier-test', '-f', file])
}

/** Resolves once sshd says it listens; rejects if it exits first or never does. */
function waitListening(child: ChildProcess, log: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    let buffered = ''
    const timer = setTimeout(
      () => reject(new Error(`sshd never listened:\n${log.join('')}`)),
      HANG_TIMEOUT_MS,
    )
    const onData = (b: Buffer) => {
      buffered += b.toString('utf8')
      log.push(b.toString('utf8'))
      if (/Server listening on /.test(buffered)) {
        clearTimeout(timer)
        resolvePromise()
      }
    }
    child.stderr?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`sshd exited (${code}) before listening:\n${log.join('')}`))
    })
  })
}

export async function startSshTestHost(opts: SshTestHostOptions = {}): Promise<SshTestHost> {
  const unavailable = sshTestHostUnavailable()
  if (unavailable) throw new Error(unavailable)
  removeStaleNamespaces()
  const tag = randomBytes(3).toString('hex')
  const ns = `${NAMESPACE_PREFIX}${process.pid}-${tag}`
  const outside = `atlh${tag}`
  const inside = `atln${tag}`
  // A /30 of its own in 10.231–10.250: the host side is .1, sshd's side .2.
  const net = `10.${231 + randomInt(20)}.${randomInt(256)}.${4 * randomInt(64)}`
  const base = net.split('.').map(Number) as [number, number, number, number]
  const hostSide = `${base[0]}.${base[1]}.${base[2]}.${base[3] + 1}`
  const address = `${base[0]}.${base[1]}.${base[2]}.${base[3] + 2}`
  const user = `atlr${tag}`
  const uid = 42_000 + randomInt(10_000)

  const root = mkdtempSync(join(tmpdir(), 'atl-sshhost-'))
  chmodSync(root, 0o755) // the user must reach its home inside it
  const home = join(root, 'home')
  let sshd: ChildProcess | null = null
  const sshdLog: string[] = []
  let hostKey = join(root, 'host_key_1')

  const relays: Server[] = []
  const cleanup = async () => {
    for (const r of relays) r.close()
    if (sshd && sshd.exitCode === null && sshd.signalCode === null) {
      const exited = new Promise((r) => sshd!.once('exit', r))
      killNamespaceProcesses(ns)
      await exited
    }
    removeNamespace(ns)
    rmSync(root, { recursive: true, force: true })
  }

  try {
    run('ip', ['netns', 'add', ns])
    run('ip', ['link', 'add', outside, 'type', 'veth', 'peer', 'name', inside])
    run('ip', ['link', 'set', inside, 'netns', ns])
    run('ip', ['addr', 'add', `${hostSide}/30`, 'dev', outside])
    run('ip', ['link', 'set', outside, 'up'])
    run('ip', ['netns', 'exec', ns, 'ip', 'addr', 'add', `${address}/30`, 'dev', inside])
    run('ip', ['netns', 'exec', ns, 'ip', 'link', 'set', inside, 'up'])
    run('ip', ['netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up'])

    const etc = join('/etc/netns', ns)
    mkdirSync(etc, { recursive: true })
    writeFileSync(
      join(etc, 'passwd'),
      `${readFileSync('/etc/passwd', 'utf8')}${user}:*:${uid}:${uid}:Atelier test:${home}:/bin/sh\n`,
    )
    writeFileSync(join(etc, 'group'), `${readFileSync('/etc/group', 'utf8')}${user}:x:${uid}:\n`)

    mkdirSync(join(home, '.ssh'), { recursive: true })
    newKey(hostKey)
    newKey(join(root, 'client_key'))
    newKey(join(root, 'stranger_key'))
    writeFileSync(join(home, '.ssh', 'authorized_keys'), readFileSync(join(root, 'client_key.pub')))
    let path = FULL_PATH
    if (opts.onlyTools) {
      const bin = join(home, '.tools')
      mkdirSync(bin)
      for (const tool of opts.onlyTools) symlinkSync(onThisPath(tool), join(bin, tool))
      path = bin
    }
    if (opts.withClaude) {
      mkdirSync(join(home, '.local', 'bin'), { recursive: true })
      symlinkSync(realpathSync(CLAUDE_EXE), join(home, '.local', 'bin', 'claude'))
    }
    run('chown', ['-R', `${uid}:${uid}`, home])
    chmodSync(join(home, '.ssh'), 0o700)
    chmodSync(join(home, '.ssh', 'authorized_keys'), 0o600)
    for (const f of ['client_key', 'stranger_key']) chownSync(join(root, f), 0, 0)
    mkdirSync(PRIVSEP_DIR, { recursive: true, mode: 0o755 })

    const config = join(root, 'sshd_config')
    const writeConfig = () =>
      writeFileSync(
        config,
        [
          `ListenAddress ${address}:22`,
          `HostKey ${hostKey}`,
          `PidFile ${join(root, 'sshd.pid')}`,
          'AuthorizedKeysFile .ssh/authorized_keys',
          'PubkeyAuthentication yes',
          'PasswordAuthentication no',
          'KbdInteractiveAuthentication no',
          'UsePAM no',
          'PermitRootLogin no',
          `AllowUsers ${user}`,
          'StrictModes yes',
          'AllowStreamLocalForwarding yes',
          'StreamLocalBindUnlink yes',
          `SetEnv PATH=${path}`,
          'LogLevel VERBOSE',
          '',
        ].join('\n'),
      )
    const startSshd = async () => {
      writeConfig()
      sshdLog.length = 0
      const child = spawn('ip', ['netns', 'exec', ns, SSHD, '-D', '-e', '-f', config], {
        stdio: ['ignore', 'ignore', 'pipe'],
      })
      sshd = child
      await waitListening(child, sshdLog)
    }
    await startSshd()

    const fingerprint = () =>
      /SHA256:[A-Za-z0-9+/]{43}/.exec(run('ssh-keygen', ['-lf', `${hostKey}.pub`]))![0]

    return {
      address,
      hostSideAddress: hostSide,
      user,
      target: `${user}@${address}`,
      home,
      identityFile: join(root, 'client_key'),
      strangerIdentityFile: join(root, 'stranger_key'),
      root,
      hostKeyFingerprint: fingerprint,
      privateKeyMaterial: () =>
        [hostKey, join(root, 'client_key'), join(root, 'stranger_key')].map((f) =>
          readFileSync(f, 'utf8'),
        ),
      makeRepo(name) {
        const repo = join(home, name)
        mkdirSync(repo)
        writeFileSync(join(repo, 'README.md'), '# Remote demo repo\n')
        run('git', ['init', '-q', repo])
        run('git', ['-C', repo, 'add', 'README.md'])
        const who = ['-c', 'user.name=Atelier test', '-c', 'user.email=test@atelier.invalid']
        run('git', ['-C', repo, ...who, 'commit', '-q', '-m', 'First commit'])
        run('chown', ['-R', `${uid}:${uid}`, repo])
        return repo
      },
      loginClaude(apiBaseUrl, trusted) {
        const config = {
          hasCompletedOnboarding: true,
          customApiKeyResponses: { approved: [FAKE_API_KEY.slice(-20)], rejected: [] },
          projects: Object.fromEntries(trusted.map((d) => [d, { hasTrustDialogAccepted: true }])),
        }
        writeFileSync(join(home, '.claude.json'), JSON.stringify(config, null, 2), { mode: 0o600 })
        mkdirSync(join(home, '.claude'), { recursive: true, mode: 0o700 })
        const env = offlineClaudeEnv(apiBaseUrl)
        writeFileSync(join(home, '.claude', 'settings.json'), JSON.stringify({ env }, null, 2), {
          mode: 0o600,
        })
        run('chown', ['-R', `${uid}:${uid}`, join(home, '.claude'), join(home, '.claude.json')])
      },
      setLink(up) {
        run('ip', ['link', 'set', outside, up ? 'up' : 'down'])
      },
      async relayIntoHost(port) {
        const sock = join(root, `relay-${relays.length}.sock`)
        const here = createServer((c) => {
          const out = connect(port, '127.0.0.1')
          c.pipe(out).pipe(c)
          c.on('error', () => out.destroy())
          out.on('error', () => c.destroy())
        })
        relays.push(here)
        await new Promise<void>((r) => here.listen(sock, r))
        // Inside: a loopback listener piping each connection to the socket; it prints its port.
        const inside = [
          "const net = require('node:net')",
          'const s = net.createServer((c) => { const o = net.connect(process.argv[1]);',
          "c.pipe(o).pipe(c); c.on('error', () => o.destroy()); o.on('error', () => c.destroy()) })",
          "s.listen(0, '127.0.0.1', () => console.log(s.address().port))",
        ].join('\n')
        const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '-e', inside, sock], {
          stdio: ['ignore', 'pipe', 'inherit'],
        })
        return new Promise<number>((resolvePort, reject) => {
          child.stdout!.once('data', (b: Buffer) => resolvePort(Number(b.toString().trim())))
          child.once('exit', (code) => reject(new Error(`the relay exited (${code})`)))
        })
      },
      async rotateHostKey() {
        const old = sshd!
        const exited = new Promise((r) => old.once('exit', r))
        killNamespaceProcesses(ns)
        await exited
        hostKey = join(root, `host_key_${Date.now()}`)
        newKey(hostKey)
        await startSshd()
      },
      close: cleanup,
    }
  } catch (err) {
    await cleanup()
    throw err
  }
}
