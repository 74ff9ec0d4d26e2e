/**
 * Git for sessions on a host (docs/remote-hosts.md, "Git on the host"): the status and diff
 * readers of core/git run unchanged; only where git runs differs. Each git call is one remote
 * argv (`env … nice git -C <folder> …`, quoted once by remoteArgvLine) on the host's shared ssh
 * connection, so it costs a round trip, not a handshake. Every command of a host passes one
 * semaphore, and every answer is size-capped like a local one.
 */
import { posix } from 'node:path'
import type { RunResult } from '../process/spawn'
import { OPERATION_MARKERS } from '../git/detect-operation'
import type { GitPlace } from '../git/git-place'
import { GIT_ENV, GIT_NICENESS, type GitRunner, type GitRunOptions } from '../git/git-runner'
import { checkRepoPathText, isInside, RepoPathError } from '../git/repo-path'
import { Semaphore } from '../git/semaphore'
import { REMOTE_CALL_TIMEOUT_MS } from './host-connection'

/** Git commands at once on one host: a status read starts up to three, a diff one or two. */
export const MAX_CONCURRENT_GIT_PER_HOST = 3
const CHECK_MAX_OUTPUT_BYTES = 64 * 1024

/** What a host's connection offers (HostConnection.runArgv). */
export interface HostCommands {
  runArgv(
    file: string,
    args: readonly string[],
    opts: { timeoutMs?: number; maxOutputBytes?: number },
  ): Promise<RunResult>
}

const ENV_WORDS = Object.entries(GIT_ENV).map(([k, v]) => `${k}=${v}`)

/** Prints the first operation marker present in the git dir ($1). */
const OPERATION_SCRIPT = [
  'cd -- "$1" 2>/dev/null || exit 0',
  'shift',
  'for m in "$@"; do if [ -e "$m" ]; then printf %s "$m"; exit 0; fi; done',
].join('\n')

/** Prints the real root ($1) and the real nearest existing folder above $2, NUL-separated. */
const REAL_FOLDERS_SCRIPT = [
  'r=$(cd -P -- "$1" && pwd) || exit 1',
  'p=$2',
  'while [ ! -d "$p" ]; do p=$(dirname -- "$p"); done',
  'q=$(cd -P -- "$p" && pwd) || exit 1',
  'printf \'%s\\0%s\' "$r" "$q"',
].join('\n')

const REGULAR_FILE_SCRIPT = 'cd -- "$1" && [ -f "$2" ] && [ ! -L "$2" ]'

export class HostGitRunner implements GitRunner {
  private spawned = 0

  constructor(
    private readonly host: HostCommands,
    private readonly limit: Semaphore,
  ) {}

  get spawnCount(): number {
    return this.spawned
  }

  run(args: readonly string[], opts: GitRunOptions): Promise<RunResult> {
    return this.limit.use(() => {
      this.spawned++
      return this.host.runArgv(
        'env',
        [
          ...ENV_WORDS,
          'nice',
          '-n',
          String(GIT_NICENESS),
          'git',
          '-C',
          opts.cwd,
          '--no-optional-locks',
          ...args,
        ],
        { timeoutMs: opts.timeoutMs, maxOutputBytes: opts.maxOutputBytes },
      )
    })
  }
}

/** A host as a place for the git readers; `limit` bounds every command they send it. */
export function hostGitPlace(
  host: HostCommands,
  limit = new Semaphore(MAX_CONCURRENT_GIT_PER_HOST),
): GitPlace {
  const sh = (script: string, args: string[]) =>
    limit.use(() =>
      host.runArgv('sh', ['-c', script, 'sh', ...args], {
        timeoutMs: REMOTE_CALL_TIMEOUT_MS,
        maxOutputBytes: CHECK_MAX_OUTPUT_BYTES,
      }),
    )
  return {
    git: new HostGitRunner(host, limit),
    async operationOf(gitDir) {
      const r = await sh(OPERATION_SCRIPT, [gitDir, ...OPERATION_MARKERS.map(([file]) => file)])
      return OPERATION_MARKERS.find(([file]) => file === r.stdout)?.[1] ?? null
    },
    async resolvePath(root, requested) {
      const { absolute, rel } = checkRepoPathText(root, requested)
      // No escape through a symlinked folder, checked on the host's real folders.
      const r = await sh(REAL_FOLDERS_SCRIPT, [root, posix.dirname(absolute)])
      const [realRoot, realParent] = r.stdout.split('\0')
      if (r.code !== 0 || !realRoot || !realParent)
        throw new Error(`cannot check ${requested} on the host: ${r.stderr.trim()}`)
      if (!isInside(realRoot, realParent))
        throw new RepoPathError('path leaves the repository through a symlink')
      return rel
    },
    async isRegularFile(root, rel) {
      return (await sh(REGULAR_FILE_SCRIPT, [root, rel])).code === 0
    },
  }
}

/** One place per host, made on first use, so a host's commands share one bound. */
export class HostGitPlaces {
  private readonly places = new Map<string, GitPlace>()

  constructor(private readonly connect: (hostId: string) => HostCommands) {}

  place(hostId: string): GitPlace {
    let place = this.places.get(hostId)
    if (!place) {
      place = hostGitPlace(this.connect(hostId))
      this.places.set(hostId, place)
    }
    return place
  }
}
