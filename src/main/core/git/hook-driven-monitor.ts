/**
 * One repository on a remote host, shared by every session of that host inside it.
 *
 * No file watcher reaches a host, and polling would cost an ssh round trip per repository every
 * few seconds, so status is read only when something says files may have changed: a session's
 * hook event (a Write, Edit, NotebookEdit or Bash result, the end of a turn; see
 * `changesFiles`), the first track, or an explicit refresh. Reads are coalesced: one run at a
 * time, and any number of pokes during a run cause exactly one more run after it. Idle, it runs
 * nothing.
 */
import { RunLoop } from './run-loop'
import type { GitStatus } from '@shared/git'
import type { GitPlace } from './git-place'
import { locateRepo, sameLocation, type RepoLocation } from './locate-repo'
import { GitStatusError, nonRepoStatus, readRepoStatus, sameStatus } from './read-status'

export interface HookDrivenMonitorDeps {
  place: GitPlace
  now: () => number
  /** Called with every status that differs from the previous one. */
  onChange(status: GitStatus): void
  /** Called once per status read. */
  onStatusRun(): void
}

/** On a host git says whether the folder exists (one round trip fewer). */
const presentAsFarAsKnown = async (): Promise<boolean> => true

export async function locateOnHost(place: GitPlace, folder: string): Promise<RepoLocation> {
  return locateRepo(place.git, folder, presentAsFarAsKnown)
}

export class HookDrivenMonitor {
  private status: GitStatus | undefined
  private needsRelocate = false
  private readonly runs = new RunLoop(
    () => this.runOnce(),
    (err) =>
      // A lost connection rejects; keep the last status on screen with the reason.
      this.publish({ ...this.failedStatus(), error: `git status failed: ${err.message}` }),
  )
  private closed = false

  constructor(
    /** The repository root, or the folder when it is not a repository. */
    readonly folder: string,
    private location: RepoLocation,
    private readonly deps: HookDrivenMonitorDeps,
  ) {}

  get current(): GitStatus | undefined {
    return this.status
  }

  get repoLocation(): RepoLocation {
    return this.location
  }

  get place(): GitPlace {
    return this.deps.place
  }

  /** Nothing is watched on a host. */
  readonly watching = false

  start(): void {
    this.kick()
  }

  /** Files may have changed: read status (now, or once more after the run in flight). */
  poke(): void {
    this.kick()
  }

  refresh(): Promise<GitStatus | undefined> {
    return this.runs.next().then(() => this.status)
  }

  /** Turns hold nothing here: reads follow the turn's own tool results, one at a time. */
  setTurnRunning(_running: boolean): void {}

  async close(): Promise<void> {
    this.closed = true
    await this.runs.close()
  }

  private kick(): void {
    this.runs.kick()
  }

  private async runOnce(): Promise<void> {
    if (this.needsRelocate) {
      this.needsRelocate = false
      const location = await locateOnHost(this.deps.place, this.folder)
      if (!sameLocation(location, this.location)) this.location = location
    }
    if (this.closed) return
    if (this.location.kind !== 'repo') {
      // A folder that is not a repository yet may become one (`git init` in a Bash call).
      this.needsRelocate = true
      this.publish(nonRepoStatus(this.location, this.deps.now))
      return
    }
    this.deps.onStatusRun()
    try {
      const status = await readRepoStatus(
        this.deps.place.git,
        this.location,
        this.status,
        this.deps.now,
        (gitDir) => this.deps.place.operationOf(gitDir),
      )
      this.publish(status)
    } catch (err) {
      if (!(err instanceof GitStatusError)) throw err
      this.needsRelocate = true
      this.publish({ ...this.failedStatus(), error: err.message })
    }
  }

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

/** Tools whose result can mean changed files (Bash can do anything). */
const FILE_CHANGING_TOOLS = new Set(['Write', 'Edit', 'MultiEdit', 'NotebookEdit', 'Bash'])

/** Whether a hook event can follow a change of files: such a tool's result, or a turn's end. */
export function changesFiles(event: { type: string; tool?: string }): boolean {
  if (event.type === 'stop' || event.type === 'stop.failure') return true
  return (
    event.type === 'tool.end' && event.tool !== undefined && FILE_CHANGING_TOOLS.has(event.tool)
  )
}
