/**
 * Starts and controls managed Claude Code sessions: create (validate, optional worktree, first
 * launch with --session-id), prompt, interrupt, restart (kill, then --resume with the stored
 * flags), delete, terminal I/O, and re-adoption of tmux sessions after an app restart. Which
 * backend runs a session is decided here from its record; nothing else knows.
 */
import { createConsoleLogger, type Logger } from '../log/logger'
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { constants as osConstants } from 'node:os'
import { ApiError } from '@shared/contract/define'
import type { ParsedRequestOf } from '@shared/contract'
import type { BackendKind, Session } from '@shared/sessions'
import type { Settings } from '@shared/settings'
import type { SessionRegistry } from './registry'
import type { SessionRecord } from '../store/session-store'
import {
  UNKNOWN_EXIT_CODE,
  type BackendExit,
  type BackendProcess,
  type SessionBackend,
} from './backends/types'
import { ClaudeArgsError, storedLaunchArgs, validateExtraArgs } from '../agents/claude/launch-args'
import { claudeVersion, ClaudeNotFoundError, findClaude } from '../agents/claude/find-claude'
import {
  buildHookSettings,
  hookTrustFile,
  sessionHookEnv,
  shimCommand,
  writeHookSettings,
} from '../agents/claude/hook-settings'
import type { CanonicalEvent } from '@shared/events'
import { STOP_TURN_KEY } from '../agents/claude/turn-keys'
import { sendPrompt } from '../agents/claude/prompt-input'
import { STATUS_FILE_NAME } from '../agents/claude/status-line-command'
import { StatusFileWatcher } from './status-file'
import { HookSpoolReader } from './hook-spool'
import { bashCanSpool, SPOOL_DIR_NAME } from '../agents/claude/spool-hook-command'
import { TerminalBuffer } from './terminal-buffer'
import { transcriptExists } from '../agents/claude/transcripts'
import { createWorktree, removeWorktree } from './worktree'
import { newToken } from '../util/token'
import { systemClock, type Clock } from '../util/clock'
import { runProcess } from '../process/spawn'
import { findOnPath } from '../util/find-on-path'
import { folderTrust, recordFolderTrust, type FolderTrust } from '../agents/claude/trust'
import { LocalGitRunner } from '../git/git-runner'
import type { SshSessionBackend } from '../remote/ssh-backend'
import { prepareRemoteLaunch } from './remote-launch'
import { Semaphore } from '../git/semaphore'

export const DEFAULT_COLS = 120
export const DEFAULT_ROWS = 36
/** Claude Code drops keys typed before its input box is ready (about 0.4 s after launch). */
export const INPUT_READY_GRACE_MS = 1_200
/**
 * Claude Code says SessionStart within a second or two of launch; a session still silent after
 * this long is taken to wait on a screen in its terminal (trust, login, an update) that holds
 * every hook back until the user answers it there. A slow start that crosses it shows the screen
 * state until SessionStart arrives, then idle.
 */
export const SCREEN_SUSPECT_AFTER_MS = 5_000
/** A leftover pty process from a crashed run gets this long after SIGHUP before SIGKILL. */
export const ORPHAN_KILL_GRACE_MS = 2_000
/** Beside settings.json: the pid of a running pty session's process (see endOrphan). */
const PTY_PID_FILE = 'pty.pid'

interface Live {
  proc: BackendProcess
  backend: BackendKind
  terminal: TerminalBuffer
  startedAt: number
  firstOutputAt: number | null
  offs: (() => void)[]
}

export interface SessionManagerOptions {
  log?: Logger
  dataDir: string
  registry: SessionRegistry
  backends: Partial<Record<BackendKind, SessionBackend>>
  settings: () => Settings
  /** Where hooks go: the TLS port and its certificate (native http hooks), the Unix socket (shim). */
  hooks: () => HookTransport
  /** The built hook shim (SessionStart + statusLine). */
  shimPath: string
  onTerminal: (id: string, data: string) => void
  /** What the session's statusLine reported (cost, tokens, context use), as Claude sent it. */
  onStatusLine?: (id: string, raw: unknown) => void
  /**
   * A hook the session's async command hooks spooled (agents/claude/spool-hook-command.ts), as
   * Claude sent it; resolves once it is handled. Without it those events stay http hooks.
   */
  onSpooledHook?: (id: string, raw: unknown) => Promise<void>
  onStopped: (id: string) => void
  /**
   * The process ended. `expected`: the app ended it (restart, delete, shutdown); otherwise it
   * ended by itself (/exit, a crash, a kill from outside).
   */
  onExited?: (id: string, exit: ProcessExit, expected: boolean) => void
  /** A session's latest stored events, oldest first: a re-adopted process resumes its turn. */
  history?: (id: string) => Promise<CanonicalEvent[]>
  /** Starts git status for a session's folder (at launch and restore). */
  /** Follow the session's git status (`hostId`: the folder is on that host). */
  onTrack: (id: string, cwd: string, hostId?: string) => void
  /** Times the wait for SessionStart (SCREEN_SUSPECT_AFTER_MS); tests pass a fake clock. */
  clock?: Clock
  now?: () => number
  /** Sessions on remote hosts: the ssh backend and the hosts' readiness (remote/). */
  remote?: RemoteSessions
}

export interface RemoteSessions {
  backend: SshSessionBackend
  /** Tests the host: claude's path and version there, or an ApiError saying why not. */
  requireReady(hostId: string): Promise<{
    tools: { claude: { path: string | null; version: string | null } }
  }>
  /** This machine's Claude credentials for the host's sessions: {} unless its switch is on. */
  forwardedCredentials(hostId: string): Record<string, string>
}

export interface HookTransport {
  tlsPort: number
  certFile: string
  socket: string
}

export class SessionManager {
  private readonly live = new Map<string, Live>()
  /** Processes the app is ending itself: their end is expected, not a crash. */
  private readonly stopping = new WeakSet<Live>()
  private readonly snapshots = new Map<string, TerminalBuffer>()
  private readonly starting = new Set<string>()
  private readonly statusFiles: StatusFileWatcher
  private readonly spools: HookSpoolReader
  private readonly now: () => number
  private readonly clock: Clock
  /** Finds the repository a folder's trust is recorded under (see agents/claude/trust). */
  private readonly git = new LocalGitRunner('git', new Semaphore(1))

  private readonly log: Logger

  constructor(private readonly opts: SessionManagerOptions) {
    this.log = opts.log ?? createConsoleLogger()
    this.clock = opts.clock ?? systemClock
    this.now = opts.now ?? (() => this.clock.now())
    this.statusFiles = new StatusFileWatcher((id, raw) => opts.onStatusLine?.(id, raw))
    this.spools = new HookSpoolReader(
      async (id, raw) => opts.onSpooledHook?.(id, raw),
      this.log.child('spool'),
    )
  }

  private claudeBin(): string {
    try {
      return findClaude({ configured: this.opts.settings().claudeBin })
    } catch (err) {
      if (err instanceof ClaudeNotFoundError) throw new ApiError('unavailable', err.message)
      throw err
    }
  }

  private backend(kind: BackendKind): SessionBackend {
    const b = this.opts.backends[kind]
    if (!b)
      throw new ApiError(
        'unavailable',
        `the ${kind} backend is not available on this machine`,
        'backend',
      )
    return b
  }

  private record(id: string): SessionRecord {
    const r = this.opts.registry.record(id)
    if (!r) throw new ApiError('not_found', `no session with id "${id}"`, 'id')
    if (r.kind !== 'managed')
      throw new ApiError(
        'forbidden',
        `"${r.name}" is an observed session (started outside Atelier) and is read-only`,
      )
    return r
  }

  private liveOf(id: string): Live {
    const l = this.live.get(id)
    if (!l)
      throw new ApiError(
        'conflict',
        `"${this.opts.registry.record(id)?.name ?? id}" is not running; restart it first`,
      )
    return l
  }

  async create(req: ParsedRequestOf<'sessions.create'>): Promise<Session> {
    if (req.host !== undefined) await this.assertRemoteFolder(req.host, req)
    else assertFolder(req.cwd)
    try {
      validateExtraArgs(req.args ?? [])
    } catch (err) {
      if (err instanceof ClaudeArgsError) throw new ApiError('bad_request', err.message, 'args')
      throw err
    }
    const settings = this.opts.settings()
    const backendKind = req.host !== undefined ? 'ssh' : (req.backend ?? settings.defaultBackend)
    this.backend(backendKind)
    if (req.host === undefined) this.claudeBin()
    if (req.zone) this.opts.registry.assertZoneFree(req.zone)
    // Recorded before anything is made, so a config it may not touch leaves nothing behind. A
    // worktree's trust is its main repository's, the same entry as the folder asked about.
    if (req.trustFolder) await this.recordTrust(req.cwd)
    const id = randomUUID()
    const remoteHost =
      req.host !== undefined ? await this.remoteSessions().backend.host(req.host) : null
    const worktree = req.worktree
      ? await createWorktree(
          req.cwd,
          remoteHost?.worktreesDir ?? join(this.opts.dataDir, 'worktrees'),
          req.name,
          id.slice(0, 8),
          remoteHost?.gitAt,
        )
      : null
    const now = this.now()
    const record: SessionRecord = {
      id,
      name: req.name,
      cwd: worktree?.path ?? req.cwd,
      kind: 'managed',
      backend: backendKind,
      ...(req.host !== undefined ? { hostId: req.host } : {}),
      claudeSessionId: randomUUID(),
      launched: false,
      permissionMode: req.permissionMode ?? settings.defaultPermissionMode,
      ...(req.model ? { model: req.model } : {}),
      args: req.args ?? [],
      worktree,
      createdAt: now,
      lastActivity: now,
      zone: req.zone ?? null,
      order: this.opts.registry.nextOrder(),
      token: newToken(),
      usage: {},
    }
    this.opts.registry.put(record, 'offline')
    this.opts.onTrack(id, record.cwd, record.hostId)
    try {
      await this.launch(record)
    } catch (err) {
      // Keep the session (its settings are valid) but report why it could not start.
      throw err instanceof ApiError
        ? err
        : new ApiError(
            'internal',
            `could not start "${record.name}": ${err instanceof Error ? err.message : err}`,
          )
    }
    return this.opts.registry.get(id)!
  }

  /**
   * A session on a host: the folder must exist there; recording Claude's folder trust is this
   * machine's only for now.
   */
  private async assertRemoteFolder(
    hostId: string,
    req: ParsedRequestOf<'sessions.create'>,
  ): Promise<void> {
    if (req.trustFolder)
      throw new ApiError(
        'bad_request',
        "Claude Code's trust of a folder on a remote host is recorded there, not by Atelier yet",
        'trustFolder',
      )
    const remote = this.remoteSessions()
    await remote.requireReady(hostId)
    const host = await remote.backend.host(hostId)
    if (!(await host.isFolder(req.cwd)))
      throw new ApiError(
        'bad_request',
        `folder ${req.cwd} does not exist on the host (or is not a folder)`,
        'cwd',
      )
  }

  private remoteSessions(): RemoteSessions {
    if (!this.opts.remote)
      throw new ApiError('unavailable', 'sessions on remote hosts are not available', 'host')
    return this.opts.remote
  }

  /** Whether Claude Code will start in `cwd` without asking whether to trust it. */
  async folderTrust(cwd: string): Promise<FolderTrust> {
    assertFolder(cwd)
    return folderTrust(cwd, { git: this.git })
  }

  /** Only with the user's consent, given in the New Session dialog (sessions.create trustFolder). */
  private async recordTrust(cwd: string): Promise<void> {
    try {
      if (await recordFolderTrust(cwd, { git: this.git }))
        this.log.info(`recorded Claude Code's trust for ${cwd}, as the user agreed`)
    } catch (err) {
      throw new ApiError(
        'bad_request',
        `could not record the trust for ${cwd}: ${err instanceof Error ? err.message : err}`,
        'trustFolder',
      )
    }
  }

  private async launch(record: SessionRecord): Promise<void> {
    if (this.live.has(record.id) || this.starting.has(record.id)) {
      // Two processes on one Claude session id would fork the conversation.
      throw new ApiError('conflict', `"${record.name}" is already running`)
    }
    this.starting.add(record.id)
    try {
      if (record.hostId) {
        await this.launchRemote(record, record.hostId)
        return
      }
      const bin = this.claudeBin()
      const version = await claudeVersion(bin).catch(() => '0.0.0')
      const sessionDir = join(this.opts.dataDir, 'sessions', record.id)
      const settingsFile = join(sessionDir, 'settings.json')
      const isElectron = Boolean(process.versions.electron)
      const hooks = this.opts.hooks()
      // A fresh hook credential for every launch: one from an earlier run is never reused.
      const token = newToken()
      this.opts.registry.update(record.id, { token })
      // Without bash there is no statusLine (no cost or context figures); the session still runs.
      const bash = findOnPath('bash')
      const spoolDir = join(sessionDir, SPOOL_DIR_NAME)
      const spool =
        bash && this.opts.onSpooledHook && (await bashCanSpool(bash))
          ? { bash, dir: spoolDir }
          : undefined
      await writeHookSettings(
        settingsFile,
        buildHookSettings({
          port: hooks.tlsPort,
          claudeVersion: version,
          shim: shimCommand(process.execPath, this.opts.shimPath, isElectron),
          permissionTimeoutS: Math.round(this.opts.settings().permissionTimeoutMinutes * 60),
          ...(bash ? { statusLine: { bash, statusFile: join(sessionDir, STATUS_FILE_NAME) } } : {}),
          ...(spool ? { spool } : {}),
        }),
      )
      this.statusFiles.watch(record.id, sessionDir)
      // Also without a spool this launch: hooks an earlier launch left there are still read.
      if (this.opts.onSpooledHook) this.spools.watch(record.id, spoolDir)
      const resume = transcriptExists(record.claudeSessionId!)
      const args = storedLaunchArgs(record, settingsFile, resume)
      const backend = this.backend(record.backend ?? 'pty')
      const proc = await backend.spawn({
        sessionKey: record.id,
        file: bin,
        args,
        cwd: record.cwd,
        env: sessionHookEnv(
          record.id,
          token,
          hooks.socket,
          await hookTrustFile(sessionDir, hooks.certFile, process.env.NODE_EXTRA_CA_CERTS),
        ),
        cols: DEFAULT_COLS,
        rows: DEFAULT_ROWS,
      })
      // Starting until Claude Code says SessionStart (docs/session-lifecycle.md), never idle.
      this.opts.registry.dispatch(record.id, { type: 'process.spawned', ts: this.now() })
      this.attach(record.id, proc, record.backend ?? 'pty')
      this.watchForScreen(record.id)
      if ((record.backend ?? 'pty') === 'pty' && proc.pid !== undefined) {
        writeFileSync(
          this.pidFile(record.id),
          `${JSON.stringify({ pid: proc.pid, claudeSessionId: record.claudeSessionId })}\n`,
        )
      }
      this.opts.registry.update(record.id, { launched: true })
    } finally {
      this.starting.delete(record.id)
    }
  }

  /** A session on a remote host: tmux there, hooks home through the shared connection. */
  private async launchRemote(record: SessionRecord, hostId: string): Promise<void> {
    const remote = this.remoteSessions()
    const check = await remote.requireReady(hostId)
    const claude = check.tools.claude
    if (!claude.path) throw new ApiError('unavailable', 'claude is missing on the host', 'host')
    const host = await remote.backend.host(hostId)
    // A fresh hook credential for every launch: one from an earlier run is never reused.
    const token = newToken()
    this.opts.registry.update(record.id, { token })
    const launch = await prepareRemoteLaunch({
      host,
      claude: { path: claude.path, version: claude.version ?? '0.0.0' },
      record,
      token,
      hooks: this.opts.hooks(),
      permissionTimeoutS: Math.round(this.opts.settings().permissionTimeoutMinutes * 60),
      credentials: remote.forwardedCredentials(hostId),
    })
    const proc = await remote.backend.spawn({
      sessionKey: record.id,
      hostId,
      ...launch,
      cwd: record.cwd,
      cols: DEFAULT_COLS,
      rows: DEFAULT_ROWS,
    })
    this.opts.registry.dispatch(record.id, { type: 'process.spawned', ts: this.now() })
    this.attach(record.id, proc, 'ssh')
    this.watchForScreen(record.id)
    this.opts.registry.update(record.id, { launched: true })
  }

  /**
   * No SessionStart within SCREEN_SUSPECT_AFTER_MS: the session is shown waiting on a screen in
   * its terminal. The lifecycle moves only a session still starting, so a SessionStart that came
   * first wins, and one that comes later makes the session idle.
   */
  private watchForScreen(id: string): void {
    const live = this.live.get(id)
    if (!live) return
    const cancel = this.clock.at(this.now() + SCREEN_SUSPECT_AFTER_MS, () => {
      if (this.live.get(id) === live)
        this.opts.registry.dispatch(id, { type: 'process.screen', ts: this.now() })
    })
    live.offs.push(cancel)
  }

  private attach(id: string, proc: BackendProcess, backend: BackendKind): void {
    const terminal = new TerminalBuffer((data) => this.opts.onTerminal(id, data))
    this.snapshots.get(id)?.dispose()
    this.snapshots.set(id, terminal)
    const live: Live = {
      proc,
      backend,
      terminal,
      startedAt: this.now(),
      firstOutputAt: null,
      offs: [],
    }
    this.live.set(id, live)
    live.offs.push(
      proc.onData((data) => {
        live.firstOutputAt ??= this.now()
        terminal.push(data)
      }),
      proc.onEnd((exit) => {
        if (backend === 'pty') rmSync(this.pidFile(id), { force: true })
        terminal.dispose()
        for (const off of live.offs) off()
        if (this.live.get(id) === live) this.live.delete(id)
        const expected = this.stopping.delete(live)
        this.opts.registry.setAlive(id, false, exitOf(exit))
        this.opts.onStopped(id)
        this.opts.onExited?.(id, exitOf(exit), expected)
      }),
    )
    this.opts.registry.setAlive(id, true)
  }

  async prompt(id: string, text: string): Promise<void> {
    this.record(id)
    const l = this.liveOf(id)
    const readyAt = Math.max(l.startedAt, l.firstOutputAt ?? l.startedAt) + INPUT_READY_GRACE_MS
    const wait = readyAt - this.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    try {
      await sendPrompt((d) => l.proc.write(d), text)
    } catch (err) {
      throw new ApiError('bad_request', err instanceof Error ? err.message : String(err), 'text')
    }
  }

  /** Types the key that stops Claude's running turn (the session goes on). */
  interrupt(id: string): void {
    this.record(id)
    this.liveOf(id).proc.write(STOP_TURN_KEY)
  }

  async restart(id: string): Promise<Session> {
    const record = this.record(id)
    const l = this.live.get(id)
    if (l) await this.stop(id, l)
    await this.launch(this.opts.registry.record(id) ?? record)
    return this.opts.registry.get(id)!
  }

  private async stop(id: string, l: Live): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      const off = l.proc.onEnd(() => {
        off()
        resolve()
      })
    })
    this.stopping.add(l)
    await l.proc.kill()
    await exited
    this.live.delete(id)
  }

  async delete(id: string, removeWorktreeToo: boolean): Promise<void> {
    const record = this.opts.registry.record(id)
    if (!record) throw new ApiError('not_found', `no session with id "${id}"`, 'id')
    const l = this.live.get(id)
    if (l) await this.stop(id, l)
    if (removeWorktreeToo && record.worktree) {
      const at =
        record.hostId !== undefined
          ? (await this.remoteSessions().backend.host(record.hostId)).gitAt
          : undefined
      await removeWorktree(record.worktree.path, at)
    }
    // An observed session on a host has no folder of Atelier's there.
    if (record.hostId && record.kind === 'managed' && this.opts.remote)
      await this.opts.remote.backend
        .host(record.hostId)
        .then((h) => h.removeSessionDir(id))
        .catch((err: unknown) => this.log.error(`could not tidy ${record.name} on its host`, err))
    this.snapshots.get(id)?.dispose()
    this.snapshots.delete(id)
    this.statusFiles.unwatch(id)
    this.spools.unwatch(id)
    this.opts.onStopped(id)
    this.opts.registry.remove(id)
    rmSync(join(this.opts.dataDir, 'sessions', id), { recursive: true, force: true })
  }

  write(id: string, data: string): void {
    this.record(id)
    this.liveOf(id).proc.write(data)
  }

  resize(id: string, cols: number, rows: number): void {
    this.record(id)
    this.live.get(id)?.proc.resize(cols, rows)
  }

  snapshot(id: string): string {
    return this.snapshots.get(id)?.snapshot() ?? ''
  }

  running(): { id: string; backend: BackendKind }[] {
    return [...this.live.entries()].map(([id, l]) => ({ id, backend: l.backend }))
  }

  /** At start: tmux sessions that outlived the last run are re-adopted; pty ones show offline. */
  async restore(): Promise<void> {
    for (const s of this.opts.registry.list()) {
      if (s.kind !== 'managed') continue
      if (s.backend === 'ssh') {
        this.opts.onTrack(s.id, s.cwd, s.hostId)
        // In the background: a host that does not answer must not hold up the app's start.
        void this.adoptRemote(s.id, s.name, s.hostId).catch((err: unknown) =>
          this.log.error(`could not re-adopt "${s.name}" on its host`, err),
        )
        continue
      }
      this.opts.onTrack(s.id, s.cwd)
      if (s.backend !== 'tmux') {
        await this.endOrphan(s.id, s.claudeSessionId)
        continue
      }
      const backend = this.opts.backends.tmux
      if (!backend) continue
      try {
        const proc = await backend.adopt(s.id)
        if (proc) {
          // Claude went on while the app was away: a turn it was in may still run.
          const history = await this.opts.history?.(s.id)
          if (history) this.opts.registry.resumeFromHistory(s.id, history)
          this.attach(s.id, proc, 'tmux')
          this.statusFiles.watch(s.id, join(this.opts.dataDir, 'sessions', s.id))
          if (this.opts.onSpooledHook)
            this.spools.watch(s.id, join(this.opts.dataDir, 'sessions', s.id, SPOOL_DIR_NAME))
        }
      } catch (err) {
        this.log.error(`could not re-adopt tmux session for "${s.name}"`, err)
      }
    }
  }

  /**
   * A remote session that outlived the last run: its tmux pane is re-attached, and the hook port
   * its settings name is forwarded again to this run's hook endpoint (the port, the certificate
   * and the session's token are the ones it started with). Until it is, it shows offline.
   */
  private async adoptRemote(id: string, name: string, hostId: string | undefined): Promise<void> {
    const remote = this.opts.remote
    if (!remote || !hostId) return
    const host = await remote.backend.host(hostId)
    const port = await host.sessionHookPort(id)
    if (port !== null) await host.hookPort(this.opts.hooks().tlsPort, port)
    const proc = await remote.backend.adopt(id, hostId)
    if (!proc) return
    if (this.live.has(id) || !this.opts.registry.record(id)) {
      // Started again or deleted while this ran: the newer state wins.
      await proc.release?.()
      return
    }
    const history = await this.opts.history?.(id)
    if (history) this.opts.registry.resumeFromHistory(id, history)
    this.attach(id, proc, 'ssh')
    this.log.info(`re-adopted "${name}" on its host`)
  }

  private pidFile(id: string): string {
    return join(this.opts.dataDir, 'sessions', id, PTY_PID_FILE)
  }

  /**
   * Ends a pty session's Claude process left over from a run that crashed. A pty process is meant
   * to die with the app (its terminal hangs up), but on Linux node-pty's master fd is not
   * close-on-exec, so every child the app starts later (the tmux server, the next pty session)
   * inherits it and keeps the terminal open: after a SIGKILL of the app the old Claude went on
   * running, still posting hooks to this session, and "resume" would have started a second
   * process on the same Claude session id (a forked conversation). The pid is checked against
   * the process's command line, so a reused pid is never signalled.
   */
  private async endOrphan(id: string, claudeSessionId: string | undefined): Promise<void> {
    const file = this.pidFile(id)
    if (!existsSync(file)) return
    try {
      const { pid } = JSON.parse(readFileSync(file, 'utf8')) as { pid: number }
      const ours = async () =>
        Number.isInteger(pid) &&
        !!claudeSessionId &&
        (await commandLineOf(pid)).includes(claudeSessionId)
      if (await ours()) {
        process.kill(pid, 'SIGHUP')
        // Wall-clock time on purpose: an injected test clock must not stall this loop.
        const deadline = Date.now() + ORPHAN_KILL_GRACE_MS
        while ((await ours()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
        if (await ours()) process.kill(pid, 'SIGKILL')
      }
    } catch (err) {
      this.log.error(`could not end the leftover process of session ${id}`, err)
    }
    rmSync(file, { force: true })
  }

  /** App shutdown: pty sessions end with the app; tmux sessions keep running. */
  async close(): Promise<void> {
    this.statusFiles.close()
    this.spools.close()
    const stops: Promise<void>[] = []
    for (const [id, l] of this.live) {
      if (l.backend === 'pty') stops.push(this.stop(id, l).catch(() => {}))
      else {
        for (const off of l.offs) off()
        // The remote stream is an ssh channel of its own: closed, so the host's connection can end.
        if (l.backend === 'ssh') stops.push(Promise.resolve(l.proc.release?.()).catch(() => {}))
      }
    }
    await Promise.all(stops)
    this.live.clear()
  }
}

function assertFolder(cwd: string): void {
  let stat
  try {
    stat = statSync(cwd)
  } catch {
    throw new ApiError('bad_request', `folder ${cwd} does not exist`, 'cwd')
  }
  if (!stat.isDirectory()) throw new ApiError('bad_request', `${cwd} is not a folder`, 'cwd')
}

/** A live process's command line ('' when it is gone or a zombie); /proc on Linux, ps elsewhere. */
async function commandLineOf(pid: number): Promise<string> {
  try {
    if (existsSync('/proc/self/cmdline'))
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
    const r = await runProcess('ps', ['-o', 'command=', '-p', String(pid)])
    return r.stdout
  } catch {
    return ''
  }
}

/** How a process ended: its exit code, or the name of the signal that ended it. */
export type ProcessExit = NonNullable<Session['exit']>

/** How the process ended, as the session shows it: the exit code, or the signal's name. */
function exitOf(exit: BackendExit): ProcessExit {
  // tmux could not say how it ended: neither a code nor a signal, rather than a made-up code.
  if (exit.signal === undefined && exit.exitCode === UNKNOWN_EXIT_CODE)
    return { code: null, signal: null }
  if (exit.signal === undefined) return { code: exit.exitCode, signal: null }
  const name = Object.entries(osConstants.signals).find(([, n]) => n === exit.signal)?.[0]
  return { code: null, signal: name ?? `signal ${exit.signal}` }
}
