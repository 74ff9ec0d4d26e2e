/**
 * Report-only hooks that Claude Code does not wait for. An http hook holds Claude's turn for its
 * round trip and costs Claude's own process CPU for the request and the "running hook" line it
 * draws (measured with `npm run bench:agent`: about as much again as the app's whole answer).
 * Claude Code runs a `command` hook with `async: true` in the background instead and goes on at
 * once, but only command hooks can be async.
 *
 * So the events whose order against the next http hook does not matter (SPOOLED_EVENTS) are
 * async command hooks: bash starts, takes the time and execs `cat`, which copies the hook's JSON
 * from stdin into a file of the session's private spool folder. The app watches that folder and
 * ingests the files in the order of their names (sessions/hook-spool.ts). No credential is
 * involved: the folder is in the session's own 0700 folder, as the status file is.
 */
import { runProcess } from '../../process/spawn'

/** The spool folder's name inside the session's folder. */
export const SPOOL_DIR_NAME = 'hook-spool'

/**
 * Events whose hooks may arrive late without changing what the app shows: PostToolBatch comes
 * after the batch's PostToolUse hooks, which Claude waited for, and only marks the calls that never
 * got one (denied by a rule or another hook). It may land after the next http hook, even after
 * the turn's Stop: a call it marks is then already closed as interrupted, and the batch changes
 * nothing. MessageDisplay is not spooled: the turn's last text would often land after its Stop.
 */
export const SPOOLED_EVENTS: ReadonlySet<string> = new Set(['PostToolBatch'])

/** Seconds: an async hook that is still running after this is stopped (a stuck disk). */
export const SPOOL_HOOK_TIMEOUT_S = 5

/**
 * Run as `bash --norc -p -c SCRIPT atelier-spool <spool folder>`. The file's name is the time
 * bash started (seconds and microseconds, `EPOCHREALTIME`, bash 5) and its process id, so names
 * sort in the order Claude started the hooks and never collide. `exec cat` streams a hook of any
 * size without a second process; bash's own `read` would copy a large payload a byte at a time.
 */
export const SPOOL_SCRIPT = [
  'exec 2>/dev/null',
  'LC_ALL=C',
  'exec cat > "$1/${EPOCHREALTIME}.$$.json"',
].join('\n')

/** A spool file's name: seconds, microseconds and the writer's pid (see SPOOL_SCRIPT). */
export const SPOOL_FILE_RE = /^(\d+)[.,](\d{6})\.(\d+)\.json$/

export interface SpoolHook {
  type: 'command'
  command: string
  args: string[]
  async: true
  timeout: number
}

/** The hook entry (exec form: no shell between Claude and bash). */
export function spoolHook(bash: string, spoolDir: string): SpoolHook {
  return {
    type: 'command',
    command: bash,
    // --norc -p: no ~/.bashrc, $BASH_ENV or exported functions (status-line-command.ts says why).
    args: ['--norc', '-p', '-c', SPOOL_SCRIPT, 'atelier-spool', spoolDir],
    async: true,
    timeout: SPOOL_HOOK_TIMEOUT_S,
  }
}

/** First bash with EPOCHREALTIME (macOS still ships 3.2 as /bin/bash). */
const MIN_BASH_MAJOR = 5
const VERSION_TIMEOUT_MS = 5_000
const bashChecks = new Map<string, Promise<boolean>>()

/** Whether this bash can name spool files (asked once per bash path and app run). */
export function bashCanSpool(bash: string): Promise<boolean> {
  let check = bashChecks.get(bash)
  if (!check) {
    check = runProcess(bash, ['--norc', '-p', '-c', 'echo "${BASH_VERSINFO[0]}"'], {
      timeoutMs: VERSION_TIMEOUT_MS,
      maxOutputBytes: 64,
    })
      .then((r) => r.code === 0 && Number(r.stdout.trim()) >= MIN_BASH_MAJOR)
      .catch(() => false)
    bashChecks.set(bash, check)
  }
  return check
}
