/**
 * One watched repository (or plain / missing folder) shared by every session inside it.
 *
 * Events are debounced, then one run happens at a time: find the repository again if the
 * watcher said so, re-subscribe if the location changed, read status, and publish it if it
 * differs from the cached one. Events arriving during a run cause exactly one more run after it.
 * Nothing runs without an event or an explicit refresh, so an idle repository spawns no git.
 * While a turn runs in the repository (`setTurnRunning`), events are held until it ends
 * (at most TURN_HOLD_MAX_MS); an explicit refresh is never held.
 */
import { RunLoop } from './run-loop'
import type { GitStatus } from '@shared/git'
import type { GitRunner } from './git-runner'
import { listIgnoredDirs } from './ignored-dirs'
import { locateRepo, sameLocation, type RepoLocation } from './locate-repo'
import { GitStatusError, nonRepoStatus, readRepoStatus, sameStatus } from './read-status'
import { plansFor, type WatchSignal } from './watch-plans'
import { nearestExistingFolder, WatchSet } from './watch-set'

/** Quiet time after the last event before status is read. */
export const DEFAULT_DEBOUNCE_MS = 75
/** Under a never-ending stream of events, read status at least this often. */
export const MAX_DEBOUNCE_WAIT_MS = 1_000
/**
 * While a session in the repository runs a turn, its file changes are read when the turn ends,
 * or this long after the first change if the turn goes on: a status read (git processes, the
 * index and every file's stat) then never competes with Claude Code for the cores mid-turn.
 */
export const TURN_HOLD_MAX_MS = 5_000
/** Bound on "look again" rounds within one run when watching fails because the folder moved. */
const MAX_RELOCATE_ROUNDS = 3

export interface RepoMonitorDeps {
  git: GitRunner
  debounceMs: number
  now: () => number
  /** Called with every status that differs from the previous one. */
  onChange(status: GitStatus): void
  /** Called once per status read (benchmark figure). */
  onStatusRun(): void
  /** Longest hold of changes seen during a turn (TURN_HOLD_MAX_MS unless a test says otherwise). */
  turnHoldMaxMs: number
  /** Called when a change starts being held for a running turn (a /health figure). */
  onHeldForTurn(): void
}

export class RepoMonitor {
  private status: GitStatus | undefined
  private readonly watches: WatchSet
  private ignoredDirs: string[] = []
  private watchesCurrent = false
  private needsRelocate = false
  private ignoresStale = false
  private watchError: string | undefined

  private debounceTimer: NodeJS.Timeout | undefined
  private debounceStartedAt = 0
  private turnRunning = false
  private readonly runs = new RunLoop(
    () => this.runOnce(),
    (err) =>
      // runOnce handles git failures itself; this is a last guard so the loop never dies silently.
      this.publish({ ...this.failedStatus(), error: `git status failed: ${err.message}` }),
  )
  private closed = false

  constructor(
    /** The folder this monitor looks at: the repository root, or the plain / missing folder. */
    readonly folder: string,
    private location: RepoLocation,
    private readonly deps: RepoMonitorDeps,
  ) {
    this.watches = new WatchSet((signal) => this.onSignal(signal))
  }

  get current(): GitStatus | undefined {
    return this.status
  }

  get repoLocation(): RepoLocation {
    return this.location
  }

  /** True while at least one watcher subscription is active. */
  get watching(): boolean {
    return this.watches.count > 0
  }

  /** Subscribes and reads the first status. */
  start(): void {
    this.kick()
  }

  /** Reads status now (skipping the debounce) and resolves with the result. */
  refresh(): Promise<GitStatus | undefined> {
    return this.runs.next().then(() => this.status)
  }

  /**
   * Whether a session in this repository is running a turn. Changes seen meanwhile are read once
   * it ends (after the usual quiet time), or turnHoldMaxMs after the first of them.
   */
  setTurnRunning(running: boolean): void {
    if (this.turnRunning === running) return
    this.turnRunning = running
    if (running || !this.debounceTimer || this.closed) return
    this.startDebounce(Date.now(), this.deps.debounceMs)
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.debounceTimer) clearTimeout(this.debounceTimer)
    this.debounceTimer = undefined
    await this.runs.close()
    await this.watches.clear()
  }

  private onSignal(signal: WatchSignal): void {
    if (this.closed) return
    if (signal.relocate) this.needsRelocate = true
    if (signal.ignoresChanged) this.ignoresStale = true
    const now = Date.now()
    if (this.turnRunning) {
      // Held for the turn: the first change starts the one timer, later ones wait on it.
      if (!this.debounceTimer) {
        this.startDebounce(now, this.deps.turnHoldMaxMs)
        this.deps.onHeldForTurn()
      }
      return
    }
    if (this.debounceTimer && now - this.debounceStartedAt >= MAX_DEBOUNCE_WAIT_MS) {
      return // the pending timer fires soon enough
    }
    this.startDebounce(this.debounceTimer ? this.debounceStartedAt : now, this.deps.debounceMs)
  }

  /** (Re)starts the one debounce timer; `startedAt` is when the events it waits for began. */
  private startDebounce(startedAt: number, delayMs: number): void {
    if (this.debounceTimer) clearTimeout(this.debounceTimer)
    this.debounceStartedAt = startedAt
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = undefined
      this.kick()
    }, delayMs)
  }

  private kick(): void {
    this.runs.kick()
  }

  private async runOnce(): Promise<void> {
    for (let round = 0; round < MAX_RELOCATE_ROUNDS && !this.closed; round++) {
      if (this.needsRelocate) {
        this.needsRelocate = false
        const location = await locateRepo(this.deps.git, this.folder)
        if (!sameLocation(location, this.location)) {
          this.location = location
          this.watchesCurrent = false
        }
      }
      if (this.watchesCurrent && !(this.ignoresStale && this.location.kind === 'repo')) break
      const watchedOk = await this.rewatch()
      if (watchedOk) break
      // Watching failed: most likely the folder went away between looking and subscribing.
      this.needsRelocate = true
    }
    if (this.closed) return
    if (this.location.kind !== 'repo') {
      this.publish(this.withWatchError(nonRepoStatus(this.location, this.deps.now)))
      return
    }
    this.deps.onStatusRun()
    try {
      const status = await readRepoStatus(this.deps.git, this.location, this.status, this.deps.now)
      this.publish(this.withWatchError(status))
    } catch (err) {
      if (!(err instanceof GitStatusError)) throw err
      // The repository may have been removed under us; look again on the next run.
      this.needsRelocate = true
      this.publish({ ...this.failedStatus(), error: err.message })
    }
  }

  /** Subscribes for the current location. Returns false if some watch could not be set up. */
  private async rewatch(): Promise<boolean> {
    this.ignoresStale = false
    const location = this.location
    const ignoredDirs =
      location.kind === 'repo' ? await listIgnoredDirs(this.deps.git, location.root) : []
    const ancestor =
      location.kind === 'missing' ? await nearestExistingFolder(location.folder) : this.folder
    if (
      this.watchesCurrent &&
      ignoredDirs.length === this.ignoredDirs.length &&
      ignoredDirs.every((dir, i) => dir === this.ignoredDirs[i])
    ) {
      return true // a .gitignore edit that did not change which folders are ignored
    }
    this.ignoredDirs = ignoredDirs
    if (this.closed) return true
    const failures = await this.watches.replace(plansFor(location, ignoredDirs, ancestor))
    if (this.closed) {
      await this.watches.clear()
      return true
    }
    this.watchesCurrent = true
    this.watchError =
      failures.length > 0
        ? `cannot watch ${failures.map((f) => `${f.label} (${f.message})`).join(', ')}`
        : undefined
    return failures.length === 0
  }

  private withWatchError(status: GitStatus): GitStatus {
    if (!this.watchError) return status
    return {
      ...status,
      error: status.error ? `${status.error}; ${this.watchError}` : this.watchError,
    }
  }

  /** The last good status kept on screen, or a blank repository status. */
  private failedStatus(): GitStatus {
    const base =
      this.status ?? nonRepoStatus({ kind: 'not-repo', folder: this.folder }, this.deps.now)
    return { ...base, updatedAt: this.deps.now() }
  }

  private publish(status: GitStatus): void {
    const changed = !this.status || !sameStatus(this.status, status)
    this.status = status
    if (changed && !this.closed) this.deps.onChange(status)
  }
}
