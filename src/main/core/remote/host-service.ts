/**
 * Remote hosts: add, test, trust a host key, remove (docs/remote-hosts.md, "Hosts"). Every ssh
 * call goes through the process chokepoint with an argv array; one shared connection per host
 * (ControlMaster) carries the test and, later, the sessions. A host key is trusted only when the
 * user confirmed the fingerprint the host offers; a changed key is refused by ssh itself.
 */
import { createHash, randomBytes } from 'node:crypto'
import { accessSync, constants, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ApiError } from '@shared/contract/define'
import {
  MAX_HOSTS,
  REQUIRED_TOOLS,
  parseHostTarget,
  type Host,
  type HostCheck,
  type HostEntry,
} from '@shared/hosts'
import { runProcess, type RunResult } from '../process/spawn'
import { ensurePrivateDir } from '../http/hook-socket'
import { parseProbe, PROBE_SCRIPT, type ProbeReport } from './host-probe'
import { HostConnection } from './host-connection'
import { HostStore } from './host-store'
import { pickForwardedCredentials } from './forwarded-credentials'
import type { LinkState } from './host-link'
import {
  appendKnownHost,
  fingerprintOf,
  forgetKnownHost,
  knownHostsName,
  parseKeyscan,
  parseResolvedConfig,
  type HostKey,
  type ResolvedHost,
} from './known-hosts'
import { remoteShLine } from './shell-quote'
import { classifySshFailure, offeredHostKey } from './ssh-errors'
import {
  CONNECT_TIMEOUT_S,
  commandArgv,
  controlArgv,
  controlSocketPath,
  hostKeyProbeArgv,
  resolveConfigArgv,
  type SshHost,
  type SshPaths,
} from './ssh-argv'

/** A test (connect, authenticate, run the probe) gets this long before it counts as failed. */
const TEST_TIMEOUT_MS = 45_000
/** ssh -G, -O check/exit: local work only. */
const LOCAL_SSH_TIMEOUT_MS = 10_000
/** The round trip is the median of this many calls over the shared connection. */
const LATENCY_SAMPLES = 3
/**
 * A Unix socket path holds at most 104 bytes on macOS (108 on Linux) with its NUL, and ssh binds
 * `<ControlPath>.<16 random characters>` before renaming: `/cm-` + a 14-character host id + 17
 * = 35 bytes after the folder.
 */
const MAX_CONTROL_DIR_BYTES = 103 - 35

export interface HostServiceOptions {
  dataDir: string
  now?: () => number
  /** The executables; by default `ssh` and `ssh-keyscan` from PATH. */
  sshCommand?: string
  keyscanCommand?: string
  /** The names of the sessions that run (or ran) on a host: such a host cannot be removed. */
  sessionsOn?: (hostId: string) => string[]
  /** Where "Send my Claude credentials" reads the values it sends; the app's environment. */
  credentialSource?: () => NodeJS.ProcessEnv
  /**
   * Observing the sessions started by hand on a host (host-observe.ts); only the running app has
   * it (it holds the tunnel), so without it turning observation on is refused.
   */
  observation?: {
    install(id: string): Promise<void>
    uninstall(id: string, opts?: { evenUnreachable?: boolean }): Promise<void>
    state(id: string): NonNullable<HostEntry['observation']>
  }
}

interface OfferedKey {
  /** What ssh made of it: not in any known_hosts, trusted already, or differing from a trusted one. */
  state: 'unknown' | 'known' | 'changed'
  type: string
  fingerprint: string
  /** The key itself and its known_hosts name, when ssh-keyscan could read it. */
  trustable: { key: HostKey; name: string } | null
  /** Why it could not be, when not. */
  whyNot: string | null
}

/** `<data>/ssh`, or a private folder in the temp folder when that path is too long for sockets. */
export function controlDirFor(dataDir: string): string {
  const preferred = join(dataDir, 'ssh')
  if (Buffer.byteLength(preferred) <= MAX_CONTROL_DIR_BYTES) return preferred
  const digest = createHash('sha256').update(dataDir).digest('hex').slice(0, 12)
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0
  return join(tmpdir(), `atelier-${uid}-${digest}-ssh`)
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

export class HostService {
  private readonly store: HostStore
  private readonly paths: SshPaths
  private readonly lastChecks = new Map<string, NonNullable<HostEntry['lastCheck']>>()
  private readonly now: () => number
  private readonly ssh: string
  private readonly keyscan: string
  private readonly sessionsOn: (hostId: string) => string[]
  private readonly credentialSource: () => NodeJS.ProcessEnv
  private readonly observation: HostServiceOptions['observation']
  /** Hosts a test is connecting to or checking right now. */
  private readonly testing = new Map<string, number>()
  /** Hosts with sessions whose link is down, as their link watcher says (host-link.ts). */
  private readonly reconnecting = new Map<string, NonNullable<HostEntry['reconnect']>>()

  private readonly dataDir: string

  constructor(opts: HostServiceOptions) {
    this.dataDir = opts.dataDir
    const sshDir = join(opts.dataDir, 'ssh')
    ensurePrivateDir(sshDir)
    const controlDir = controlDirFor(opts.dataDir)
    ensurePrivateDir(controlDir)
    this.paths = { controlDir, knownHostsFile: join(sshDir, 'known_hosts') }
    this.store = new HostStore(join(opts.dataDir, 'hosts.json'))
    this.now = opts.now ?? Date.now
    this.ssh = opts.sshCommand ?? 'ssh'
    this.keyscan = opts.keyscanCommand ?? 'ssh-keyscan'
    this.sessionsOn = opts.sessionsOn ?? (() => [])
    this.credentialSource = opts.credentialSource ?? (() => process.env)
    this.observation = opts.observation
  }

  /** `<data>/ssh`, 0700: the known_hosts file and the hosts' observer credentials. */
  get privateDir(): string {
    return join(this.dataDir, 'ssh')
  }

  list(): HostEntry[] {
    return this.store.list().map((h) => this.entry(h))
  }

  /** The hosts whose observation switch is on (cheap: the hook endpoint asks on each post). */
  observedIds(): string[] {
    return this.store
      .list()
      .filter((h) => h.observe)
      .map((h) => h.id)
  }

  async add(req: {
    target: string
    label?: string
    identityFile?: string
    forwardCredentials?: boolean
  }): Promise<{ host: HostEntry; check: HostCheck }> {
    let target: string
    try {
      parseHostTarget(req.target)
      target = req.target.trim()
    } catch (err) {
      throw new ApiError('bad_request', (err as Error).message, 'target')
    }
    if (req.identityFile !== undefined) {
      try {
        accessSync(req.identityFile, constants.R_OK)
      } catch {
        throw new ApiError(
          'bad_request',
          `the identity file ${req.identityFile} does not exist or cannot be read`,
          'identityFile',
        )
      }
    }
    const hosts = this.store.list()
    if (hosts.length >= MAX_HOSTS)
      throw new ApiError('conflict', `at most ${MAX_HOSTS} hosts can be added`)
    if (hosts.some((h) => h.target === target && h.identityFile === req.identityFile))
      throw new ApiError('conflict', `${target} is already in the host list`, 'target')
    const host: Host = {
      id: `h_${randomBytes(6).toString('hex')}`,
      label: req.label ?? target,
      target,
      ...(req.identityFile ? { identityFile: req.identityFile } : {}),
      addedAt: this.now(),
      ...(req.forwardCredentials ? { forwardCredentials: true } : {}),
    }
    this.store.add(host)
    const check = await this.test(host.id)
    return { host: this.entry(this.requireHost(host.id)), check }
  }

  /**
   * Renames the host, turns "Send my Claude credentials" on or off (sessions already running
   * there keep the environment they started with; the next ones follow the switch), or turns
   * observing the sessions started by hand there on or off: the hooks are put on the host or taken
   * off it first, and the switch changes only when that worked.
   */
  async update(req: {
    id: string
    label?: string
    forwardCredentials?: boolean
    observe?: boolean
  }): Promise<HostEntry> {
    const before = this.requireHost(req.id)
    if (req.observe !== undefined && req.observe !== (before.observe === true)) {
      const observation = this.observation
      if (!observation)
        throw new ApiError(
          'unavailable',
          'observing a host needs the running app (it keeps the tunnel up): start Atelier first',
          'observe',
        )
      try {
        if (req.observe) await observation.install(req.id)
        else await observation.uninstall(req.id)
      } catch (err) {
        throw new ApiError(
          'unavailable',
          `${req.observe ? 'could not start observing' : 'could not remove the hooks from'} ${before.label}: ${(err as Error).message}`,
          'observe',
        )
      }
    }
    const host = this.store.update(req.id, {
      ...(req.observe !== undefined ? { observe: req.observe } : {}),
      ...(req.label !== undefined ? { label: req.label } : {}),
      ...(req.forwardCredentials !== undefined
        ? { forwardCredentials: req.forwardCredentials }
        : {}),
    })
    return this.entry(host ?? this.requireHost(req.id))
  }

  /**
   * What a session started on the host now gets of this machine's credentials: nothing unless
   * the user turned the host's switch on (the host's own Claude login is used then).
   */
  forwardedCredentials(id: string): Record<string, string> {
    return this.requireHost(id).forwardCredentials === true
      ? pickForwardedCredentials(this.credentialSource())
      : {}
  }

  /** Connects (or reuses the connection) and reports what the host has. */
  async test(id: string): Promise<HostCheck> {
    const host = this.requireHost(id)
    this.testing.set(id, (this.testing.get(id) ?? 0) + 1)
    let check: HostCheck
    try {
      check = await this.check(host)
    } finally {
      const left = (this.testing.get(id) ?? 1) - 1
      if (left > 0) this.testing.set(id, left)
      else this.testing.delete(id)
    }
    this.lastChecks.set(id, {
      status: check.status,
      message: check.message,
      checkedAt: this.now(),
      latencyMs: 'latencyMs' in check ? check.latencyMs : null,
    })
    return check
  }

  /**
   * Trusts the key the host offers now, if it is the one the user saw (`fingerprint`), by adding
   * it to Atelier's known_hosts; then tests the host.
   */
  async confirmKey(id: string, fingerprint: string): Promise<HostCheck> {
    const host = this.requireHost(id)
    const offered = await this.offeredKey(host)
    if (offered.fingerprint !== fingerprint)
      throw new ApiError(
        'conflict',
        `${host.target} now offers the key ${offered.fingerprint}, not the ${fingerprint} you confirmed: nothing was trusted. Test the host again and compare.`,
        'fingerprint',
      )
    // Only an unknown key is ever added: a changed one stays refused (adding it beside the old
    // one would make ssh accept it), and a known one needs nothing.
    if (offered.state !== 'unknown') return this.test(id)
    if (!offered.trustable) throw new ApiError('unavailable', offered.whyNot ?? 'key unreadable')
    appendKnownHost(this.paths.knownHostsFile, offered.trustable.name, offered.trustable.key)
    return this.test(id)
  }

  /** Commands on the host over its shared connection (started by the first one). */
  connection(id: string): HostConnection {
    return new HostConnection(this.ssh, this.paths, sshHost(this.requireHost(id)))
  }

  /**
   * Tests the host for a session about to start there: what it has (home, claude's path and
   * version), or an `unavailable` error saying why no session can run there now.
   */
  async requireReady(id: string): Promise<Extract<HostCheck, { status: 'ready' }>> {
    const host = this.requireHost(id)
    const check = await this.test(id)
    if (check.status !== 'ready')
      throw new ApiError('unavailable', `no session can start on ${host.label}: ${check.message}`)
    return check
  }

  /** Ends the host's shared connection and forgets the host (and the key trusted for it). */
  async remove(id: string): Promise<void> {
    const host = this.requireHost(id)
    // Its sessions' tmux would run on unseen there, and their hooks would lose their way home.
    const sessions = this.sessionsOn(id)
    if (sessions.length > 0)
      throw new ApiError(
        'conflict',
        `${host.label} still has ${sessions.length === 1 ? 'a session' : `${sessions.length} sessions`} (${sessions.slice(0, 5).join(', ')}): delete ${sessions.length === 1 ? 'it' : 'them'} first`,
        'id',
      )
    if (host.observe) {
      // Its hooks are taken off the host when it answers; its credential is forgotten either way.
      await this.observation?.uninstall(id, { evenUnreachable: true }).catch((err: unknown) => {
        console.warn(
          `[hosts] ${host.label} removed, but its observing hooks could not be taken off it: ${(err as Error).message}`,
        )
      })
    }
    await this.disconnect(id)
    const name = await this.knownHostsNameOf(host)
    this.store.remove(id)
    this.lastChecks.delete(id)
    if (name === null) return
    const stillUsed = await Promise.all(
      this.store.list().map(async (h) => (await this.knownHostsNameOf(h)) === name),
    )
    if (!stillUsed.includes(true)) forgetKnownHost(this.paths.knownHostsFile, name)
  }

  /** What the host's link watcher found: down (reconnecting, attempt n) or back. */
  setLink(id: string, state: LinkState): void {
    if (state.state === 'reconnecting') {
      const { attempt, since, nextTryAt, error } = state
      this.reconnecting.set(id, { attempt, since, nextTryAt, error })
    } else this.reconnecting.delete(id)
  }

  /** Ends the host's shared connection, if one runs (the next call starts a new one). */
  async disconnect(id: string): Promise<void> {
    const host = this.requireHost(id)
    if (!existsSync(controlSocketPath(this.paths, sshHost(host)))) return
    await this.runSsh(controlArgv(this.paths, sshHost(host), 'exit'), LOCAL_SSH_TIMEOUT_MS).catch(
      () => undefined,
    )
  }

  /** Ends every shared connection (app shutdown). */
  async close(): Promise<void> {
    await Promise.all(this.store.list().map((h) => this.disconnect(h.id)))
  }

  private entry(host: Host): HostEntry {
    const reconnect = this.reconnecting.get(host.id)
    return {
      ...host,
      lastCheck: this.lastChecks.get(host.id) ?? null,
      connection: reconnect ? 'reconnecting' : this.connectionOf(host),
      ...(reconnect ? { reconnect } : {}),
      sessions: this.sessionsOn(host.id).length,
      ...(host.observe && this.observation ? { observation: this.observation.state(host.id) } : {}),
      credentialsAvailable: Object.keys(pickForwardedCredentials(this.credentialSource())),
    }
  }

  /**
   * A running master is seen by its control socket (ssh removes it when the master ends), which
   * costs no ssh call: the host list can be read as often as the UI wants.
   */
  private connectionOf(host: Host): HostEntry['connection'] {
    if (this.testing.has(host.id)) return 'connecting'
    return existsSync(controlSocketPath(this.paths, sshHost(host))) ? 'connected' : 'disconnected'
  }

  private requireHost(id: string): Host {
    const host = this.store.get(id)
    if (!host) throw new ApiError('not_found', `no host with id "${id}"`, 'id')
    return host
  }

  private runSsh(argv: string[], timeoutMs: number): Promise<RunResult> {
    return runProcess(this.ssh, argv, { timeoutMs, maxOutputBytes: 1024 * 1024 })
  }

  private async check(host: Host): Promise<HostCheck> {
    const h = sshHost(host)
    let result: RunResult
    try {
      result = await this.runSsh(
        commandArgv(this.paths, h, remoteShLine(PROBE_SCRIPT)),
        TEST_TIMEOUT_MS,
      )
    } catch (err) {
      return { status: 'failed', message: `ssh could not be started: ${(err as Error).message}` }
    }
    if (result.timedOut)
      return {
        status: 'unreachable',
        message: `${host.target} did not answer within ${TEST_TIMEOUT_MS / 1000} s`,
      }
    if (result.code === 255) {
      const failure = classifySshFailure(host.target, result.stderr)
      if (failure.status !== 'host-key-unknown') return failure
      let offered: OfferedKey
      try {
        offered = await this.offeredKey(host)
      } catch (err) {
        return { status: 'failed', message: (err as Error).message }
      }
      return {
        status: 'host-key-unknown',
        message: offered.whyNot ? `${failure.message} ${offered.whyNot}` : failure.message,
        fingerprint: offered.fingerprint,
        keyType: offered.type,
        canConfirm: offered.trustable !== null,
      }
    }
    if (result.code !== 0)
      return {
        status: 'failed',
        message: `the test command failed on ${host.target} (exit ${result.code ?? result.signal}): ${result.stderr.trim().slice(-300)}`,
      }
    let probe: ProbeReport
    try {
      probe = parseProbe(result.stdout)
    } catch (err) {
      return { status: 'failed', message: (err as Error).message }
    }
    const latencyMs = await this.roundTrip(h)
    if (latencyMs === null)
      return { status: 'failed', message: `${host.target} stopped answering during the test` }
    const missing = REQUIRED_TOOLS.filter((t) => probe.tools[t].path === null)
    const found = (['tmux', 'git', 'claude'] as const)
      .map(
        (t) =>
          `${t} ${probe.tools[t].version ?? (probe.tools[t].path ? '(version unknown)' : 'missing')}`,
      )
      .join(', ')
    const facts = { home: probe.home, latencyMs, tools: probe.tools, missing }
    if (missing.length > 0)
      return {
        status: 'incomplete',
        message: `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing on ${host.target}: sessions there need tmux and claude on the PATH of a non-interactive shell (${found})`,
        ...facts,
      }
    return {
      status: 'ready',
      message: `${found}; home ${probe.home}; round trip ${latencyMs} ms`,
      ...facts,
    }
  }

  /** Median time of a do-nothing command over the shared connection, in ms (null if one failed). */
  private async roundTrip(h: SshHost): Promise<number | null> {
    const samples: number[] = []
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const started = performance.now()
      const r = await this.runSsh(commandArgv(this.paths, h, 'exit 0'), TEST_TIMEOUT_MS)
      if (r.code !== 0) return null
      samples.push(performance.now() - started)
    }
    return Math.round(median(samples) * 10) / 10
  }

  /**
   * The key the host offers, as ssh itself sees it on a connection of its own (its debug log),
   * and — read with ssh-keyscan from the address ssh resolves — the same key in full, so it can
   * be written to known_hosts. A key ssh-keyscan reads that differs from ssh's is never used.
   */
  private async offeredKey(host: Host): Promise<OfferedKey> {
    const h = sshHost(host)
    const probe = await this.runSsh(hostKeyProbeArgv(this.paths, h), TEST_TIMEOUT_MS)
    const seen = offeredHostKey(probe.stderr)
    if (!seen)
      throw new ApiError('unavailable', classifySshFailure(host.target, probe.stderr).message)
    const verdict = probe.code === 0 ? null : classifySshFailure(host.target, probe.stderr).status
    const state =
      verdict === 'host-key-unknown'
        ? 'unknown'
        : verdict === 'host-key-changed'
          ? 'changed'
          : 'known'
    const base = { state, type: seen.type, fingerprint: seen.fingerprint } as const
    const resolved = await this.resolve(host)
    if (!resolved)
      return { ...base, trustable: null, whyNot: 'ssh could not read its configuration for it.' }
    if (resolved.proxied)
      return {
        ...base,
        trustable: null,
        whyNot:
          'It is reached through a proxy, so Atelier cannot read the key itself: connect once with ssh in a terminal to trust it in ~/.ssh/known_hosts.',
      }
    const scan = await runProcess(
      this.keyscan,
      ['-T', String(CONNECT_TIMEOUT_S), '-p', String(resolved.port), '--', resolved.hostname],
      { timeoutMs: TEST_TIMEOUT_MS, maxOutputBytes: 256 * 1024 },
    ).catch(() => null)
    const key = scan
      ? parseKeyscan(scan.stdout).find((k) => fingerprintOf(k) === seen.fingerprint)
      : undefined
    if (!key)
      return {
        ...base,
        trustable: null,
        whyNot:
          'ssh-keyscan did not read the same key from the host, so it cannot be trusted from here.',
      }
    return { ...base, trustable: { key, name: knownHostsName(resolved) }, whyNot: null }
  }

  private async resolve(host: Host): Promise<ResolvedHost | null> {
    const r = await this.runSsh(
      resolveConfigArgv(this.paths, sshHost(host)),
      LOCAL_SSH_TIMEOUT_MS,
    ).catch(() => null)
    if (!r || r.code !== 0) return null
    try {
      return parseResolvedConfig(r.stdout)
    } catch {
      return null
    }
  }

  private async knownHostsNameOf(host: Host): Promise<string | null> {
    const resolved = await this.resolve(host)
    return resolved ? knownHostsName(resolved) : null
  }
}

function sshHost(host: Host): SshHost {
  return {
    id: host.id,
    target: parseHostTarget(host.target),
    ...(host.identityFile ? { identityFile: host.identityFile } : {}),
  }
}
