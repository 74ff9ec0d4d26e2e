/**
 * Git status for sessions, driven by file watching (here) or by hook events (on a remote host),
 * never by polling.
 *
 * Each tracked session is mapped to a RepoMonitor keyed by its repository root (or by its folder
 * when that is not a repository), so sessions in one repository share one watcher, one cache
 * and one status run. All git processes share one concurrency cap.
 */
import { createConsoleLogger, type Logger } from '../log/logger'
import { resolve } from 'node:path'
import type { GitStatus } from '@shared/git'
import type { CanonicalEvent } from '@shared/events'
import { localPlace, type GitPlace } from './git-place'
import { LocalGitRunner } from './git-runner'
import { changesFiles, HookDrivenMonitor, locateOnHost } from './hook-driven-monitor'
import { locateRepo, locationKey } from './locate-repo'
import { readDiff, type DiffResult } from './read-diff'
import { readNewCommits, type NewCommit } from './read-commits'
import { DEFAULT_DEBOUNCE_MS, RepoMonitor, TURN_HOLD_MAX_MS } from './repo-monitor'
import { Semaphore } from './semaphore'

export const DEFAULT_MAX_CONCURRENT_GIT = 4

export interface GitServiceOptions {
  /** Git executable; default `git` from PATH. */
  gitBin?: string
  /** Quiet time after the last file event before status is read. */
  debounceMs?: number
  /** Git processes allowed at once across all repositories. */
  maxConcurrentGit?: number
  /** Longest hold of file changes seen while a session of the repository runs a turn. */
  turnHoldMaxMs?: number
  /** Clock for `updatedAt` (ms). */
  now?: () => number
  /** Where git runs for a session on a host (remote/host-git.ts); without it they get none. */
  hostPlace?: (hostId: string) => GitPlace
  log?: Logger
}

export type GitStatusListener = (sessionId: string, status: GitStatus) => void

export interface GitServiceStats {
  /** Git processes started since construction. */
  gitSpawns: number
  /** Status reads since construction (each is one `git status` plus numstat). */
  statusRuns: number
  /** Monitors with an active file watch (one per repository, however many sessions share it). */
  watchers: number
  /** Times a repository's changes were held until a running turn ended. */
  heldForTurn: number
}

interface SessionEntry {
  cwd: string
  /** The host the folder is on; absent for this machine. */
  hostId?: string
  /** Key of the monitor, once the repository has been located. */
  monitorKey?: string
  /** Settles when the session is attached to its monitor (or was dropped meanwhile). */
  attached: Promise<void>
}

/** What the service needs of a local (watching) or a remote (hook-driven) monitor. */
type Monitor = RepoMonitor | HookDrivenMonitor

export class GitService {
  private readonly git: LocalGitRunner
  private readonly local: GitPlace
  private readonly hostPlace: ((hostId: string) => GitPlace) | undefined
  private readonly debounceMs: number
  private readonly now: () => number
  private readonly sessions = new Map<string, SessionEntry>()
  private readonly monitors = new Map<string, Monitor>()
  private readonly listeners = new Set<GitStatusListener>()
  /** Sessions running a turn (bounded by the tracked sessions: untrack forgets one). */
  private readonly inTurn = new Set<string>()
  private readonly closing = new Set<Promise<void>>()
  private statusRuns = 0
  private heldForTurn = 0
  private readonly turnHoldMaxMs: number
  private closed = false

  private readonly log: Logger

  constructor(options: GitServiceOptions = {}) {
    this.log = options.log ?? createConsoleLogger()
    this.git = new LocalGitRunner(
      options.gitBin ?? 'git',
      new Semaphore(options.maxConcurrentGit ?? DEFAULT_MAX_CONCURRENT_GIT),
    )
    this.local = localPlace(this.git)
    this.hostPlace = options.hostPlace
    this.debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS
    this.turnHoldMaxMs = options.turnHoldMaxMs ?? TURN_HOLD_MAX_MS
    this.now = options.now ?? Date.now
  }

  /**
   * Starts following the repository containing `cwd` for this session (or joins its monitor):
   * watched here, read on the session's hook events when `hostId` names a remote host.
   */
  track(sessionId: string, cwd: string, hostId?: string): void {
    if (this.closed) throw new Error('GitService is closed')
    if (hostId !== undefined && !this.hostPlace) return // no remote git in this service
    const folder = resolve(cwd)
    const existing = this.sessions.get(sessionId)
    if (existing?.cwd === folder && existing.hostId === hostId) return
    const inTurn = this.inTurn.has(sessionId)
    if (existing) this.untrack(sessionId)
    const entry: SessionEntry = {
      cwd: folder,
      ...(hostId !== undefined ? { hostId } : {}),
      attached: Promise.resolve(),
    }
    this.sessions.set(sessionId, entry)
    if (inTurn) this.inTurn.add(sessionId)
    entry.attached = this.attach(sessionId, entry)
  }

  /** Whether the session is tracked (a cheap check for the event path). */
  tracks(sessionId: string): boolean {
    return this.sessions.has(sessionId)
  }

  /** Stops tracking; the last session of a repository stops its watcher. */
  untrack(sessionId: string): void {
    this.inTurn.delete(sessionId)
    const entry = this.sessions.get(sessionId)
    if (!entry) return
    this.sessions.delete(sessionId)
    if (entry.monitorKey === undefined) return
    this.releaseMonitorIfUnused(entry.monitorKey)
    this.updateTurnRunning(entry.monitorKey)
  }

  /**
   * Whether the session is running a turn: while any session of a repository is, that
   * repository's file changes are read when the turn ends (RepoMonitor.setTurnRunning).
   */
  setTurnRunning(sessionId: string, running: boolean): void {
    if (running === this.inTurn.has(sessionId)) return
    const entry = this.sessions.get(sessionId)
    if (!entry) return // not tracked: nothing of it is watched
    if (running) this.inTurn.add(sessionId)
    else this.inTurn.delete(sessionId)
    if (entry.monitorKey !== undefined) this.updateTurnRunning(entry.monitorKey)
  }

  private updateTurnRunning(key: string): void {
    const monitor = this.monitors.get(key)
    if (!monitor) return
    let running = false
    for (const id of this.inTurn) if (this.sessions.get(id)?.monitorKey === key) running = true
    monitor.setTurnRunning(running)
  }

  /**
   * Hook events of tracked sessions: on a host, an event that can follow a change of files reads
   * that repository's status (coalesced per repository). Local repositories are watched instead.
   */
  noteEvents(events: readonly CanonicalEvent[]): void {
    const poked = new Set<HookDrivenMonitor>()
    for (const event of events) {
      const entry = this.sessions.get(event.sessionId)
      if (entry?.hostId === undefined || entry.monitorKey === undefined) continue
      if (!changesFiles(event as { type: string; tool?: string })) continue
      const monitor = this.monitors.get(entry.monitorKey)
      if (monitor instanceof HookDrivenMonitor && !poked.has(monitor)) {
        poked.add(monitor)
        monitor.poke()
      }
    }
  }

  /** Cached status; never starts a process. */
  get(sessionId: string): GitStatus | undefined {
    const key = this.sessions.get(sessionId)?.monitorKey
    return key === undefined ? undefined : this.monitors.get(key)?.current
  }

  /** Reads status now, bypassing the debounce. */
  async refresh(sessionId: string): Promise<GitStatus> {
    const monitor = await this.monitorOf(sessionId)
    const status = await monitor.refresh()
    if (!status) throw new Error(`git status unavailable for session ${sessionId}`)
    return status
  }

  /** Unified diff of one file of the session's repository (path relative to the repository root). */
  async diff(sessionId: string, path: string, staged = false): Promise<DiffResult> {
    const monitor = await this.monitorOf(sessionId)
    const location = monitor.repoLocation
    if (location.kind !== 'repo') throw new Error('not a git repository')
    const place = monitor instanceof HookDrivenMonitor ? monitor.place : this.local
    return readDiff(place, location.root, path, staged, monitor.current)
  }

  /**
   * Commits `head` has that `previous` has not, in the repository of a session (the commit
   * recorder's read); run where that repository is.
   */
  readNewCommits(
    sessionId: string,
    root: string,
    previous: string,
    head: string,
  ): Promise<NewCommit[]> {
    const hostId = this.sessions.get(sessionId)?.hostId
    const git = hostId !== undefined && this.hostPlace ? this.hostPlace(hostId).git : this.git
    return readNewCommits(git, root, previous, head)
  }

  /** Called per session of a repository whenever that repository's status changes. */
  onStatus(listener: GitStatusListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  stats(): GitServiceStats {
    let watchers = 0
    for (const monitor of this.monitors.values()) if (monitor.watching) watchers++
    return {
      gitSpawns: this.git.spawnCount,
      statusRuns: this.statusRuns,
      watchers,
      heldForTurn: this.heldForTurn,
    }
  }

  async close(): Promise<void> {
    this.closed = true
    this.sessions.clear()
    for (const key of [...this.monitors.keys()]) this.releaseMonitorIfUnused(key)
    await Promise.all([...this.closing])
  }

  private async attach(sessionId: string, entry: SessionEntry): Promise<void> {
    if (entry.hostId !== undefined) return this.attachOnHost(sessionId, entry, entry.hostId)
    const location = await locateRepo(this.git, entry.cwd)
    const key = await locationKey(location)
    // The session may have been untracked or re-tracked while git was running.
    if (this.closed || this.sessions.get(sessionId) !== entry) return
    entry.monitorKey = key
    const existing = this.monitors.get(key)
    if (existing) {
      // A late joiner gets the shared cached status right away, as if it had just changed.
      const status = existing.current
      if (status) queueMicrotask(() => this.emitTo(sessionId, entry, status))
      this.updateTurnRunning(key)
      return
    }
    const monitor = new RepoMonitor(key, location, {
      git: this.git,
      debounceMs: this.debounceMs,
      now: this.now,
      onChange: (status) => this.emitToMonitorSessions(key, status),
      onStatusRun: () => this.statusRuns++,
      turnHoldMaxMs: this.turnHoldMaxMs,
      onHeldForTurn: () => this.heldForTurn++,
    })
    this.monitors.set(key, monitor)
    this.updateTurnRunning(key)
    monitor.start()
  }

  private async attachOnHost(
    sessionId: string,
    entry: SessionEntry,
    hostId: string,
  ): Promise<void> {
    const place = this.hostPlace!(hostId)
    const location = await locateOnHost(place, entry.cwd).catch(
      (err: unknown) =>
        ({
          kind: 'not-repo',
          folder: entry.cwd,
          reason: `git on the host failed: ${(err as Error).message}`,
        }) as const,
    )
    if (this.closed || this.sessions.get(sessionId) !== entry) return
    const folder = location.kind === 'repo' ? location.root : entry.cwd
    // Hosts have their own file systems: the same path on two hosts is two repositories.
    const key = `host:${hostId}:${folder}`
    entry.monitorKey = key
    const existing = this.monitors.get(key)
    if (existing) {
      const status = existing.current
      if (status) queueMicrotask(() => this.emitTo(sessionId, entry, status))
      return
    }
    const monitor = new HookDrivenMonitor(folder, location, {
      place,
      now: this.now,
      onChange: (status) => this.emitToMonitorSessions(key, status),
      onStatusRun: () => this.statusRuns++,
    })
    this.monitors.set(key, monitor)
    monitor.start()
  }

  private async monitorOf(sessionId: string): Promise<Monitor> {
    const entry = this.sessions.get(sessionId)
    if (!entry) throw new Error(`unknown session ${sessionId}`)
    await entry.attached
    const monitor = entry.monitorKey === undefined ? undefined : this.monitors.get(entry.monitorKey)
    if (!monitor || this.sessions.get(sessionId) !== entry) {
      throw new Error(`session ${sessionId} is no longer tracked`)
    }
    return monitor
  }

  private releaseMonitorIfUnused(key: string): void {
    for (const entry of this.sessions.values()) if (entry.monitorKey === key) return
    const monitor = this.monitors.get(key)
    if (!monitor) return
    this.monitors.delete(key)
    const closing = monitor.close().finally(() => this.closing.delete(closing))
    this.closing.add(closing)
  }

  private emitToMonitorSessions(key: string, status: GitStatus): void {
    for (const [sessionId, entry] of this.sessions) {
      if (entry.monitorKey === key) this.emitTo(sessionId, entry, status)
    }
  }

  private emitTo(sessionId: string, entry: SessionEntry, status: GitStatus): void {
    if (this.sessions.get(sessionId) !== entry) return
    for (const listener of this.listeners) {
      try {
        listener(sessionId, status)
      } catch (err) {
        // One faulty subscriber must not starve the others or break the monitor's run loop.
        this.log.error('status listener failed:', err)
      }
    }
  }
}
