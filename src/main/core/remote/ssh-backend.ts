/**
 * The ssh session backend (docs/remote-hosts.md, "Running a session on the host"): the session
 * runs in tmux on the remote host, on a private server whose socket is in a 0700 folder of the
 * host user's home, reached over the host's shared ssh connection. How a session runs in tmux is
 * the same as here (sessions/backends/tmux-engine.ts); this file is the remote place:
 * - every tmux call is one remote argv (`tmux -u -f <conf> -S <sock> …`), quoted once;
 * - the pane's output goes through a FIFO on the host, read by a long-running `cat` on its own
 *   channel of the shared connection and streamed back on ssh's stdout;
 * - the launch file (the environment, with the session's token) reaches the host on ssh's stdin,
 *   created 0600 in the private folder: no secret in any argv, here or there.
 */
import { posix } from 'node:path'
import { launchScript } from '../sessions/backends/pane-launcher'
import { quoteShellWord } from '../sessions/backends/posix-shell-quote'
import { SERVER_CONFIG, tmuxArgv, tmuxSessionName } from '../sessions/backends/tmux-cli'
import { createTmuxEngine, type TmuxEngine, type TmuxPlace } from '../sessions/backends/tmux-engine'
import type { SessionBackend } from '../sessions/backends/types'
import type { GitAt } from '../sessions/worktree'
import { folderQuery, pickSuggestions } from '../util/autocomplete'
import type { ChildProcess } from '../process/spawn'
import type { HostConnection } from './host-connection'

/**
 * How often the exit watcher asks a host's tmux about dead panes. Each ask is an ssh call (a
 * process here, a channel there), so it is slower than locally; the pane's output stream ending
 * triggers an ask at once.
 */
const REMOTE_EXIT_POLL_MS = 1_000
/** The host folder Atelier owns, relative to the host user's home (0700). */
export const REMOTE_ROOT_NAME = '.atelier-remote'
/** How long the output reader may take to make its FIFO before the start counts as failed. */
const READER_READY_TIMEOUT_MS = 30_000

/**
 * The SessionStart hook of a remote session (Claude Code runs only command hooks there): posts
 * the hook's input to Atelier through the reverse forward with curl, trusting only Atelier's
 * certificate. The token goes from the environment into curl's config on descriptor 3 (a
 * here-document), never into an argument. It always exits 0, so a missing curl or a dead link
 * never changes what Claude does.
 */
export const SESSION_START_SCRIPT = [
  '# Atelier: posts a remote session SessionStart hook through the tunnel ($1 url, $2 CA file).',
  'command -v curl >/dev/null 2>&1 || exit 0',
  'id=$(cat /proc/sys/kernel/random/uuid 2>/dev/null || echo "ss-$$-$(date +%s)")',
  'curl -s -o /dev/null --max-time 4 --cacert "$2" -H "content-type: application/json" \\',
  '  -H "prefer: respond-async" --data-binary @- -K /dev/fd/3 -- "$1" >/dev/null 2>&1 3<<EOF',
  'header = "authorization: Bearer $ATELIER_SESSION_TOKEN"',
  'header = "x-atelier-session: $ATELIER_SESSION_ID"',
  'header = "x-atelier-event-id: $id"',
  'EOF',
  'exit 0',
  '',
].join('\n')

/** A host prepared for sessions: its private folder and what runs there. */
export interface RemoteHost {
  readonly connection: HostConnection
  /** The host user's home, as the host's shell says. */
  readonly home: string
  /** `<home>/.atelier-remote`, 0700. */
  readonly root: string
  /** The session's private folder on the host (settings, trust bundle). */
  sessionDir(sessionId: string): string
  /** Where worktrees of sessions on this host are made. */
  readonly worktreesDir: string
  /** git and mkdir on the host (worktrees). */
  readonly gitAt: GitAt
  /** The SessionStart hook script on the host. */
  readonly sessionStartScript: string
  /** Writes a file readable by the host user only; its content travels on ssh's stdin. */
  writePrivateFile(path: string, content: string): Promise<void>
  removeSessionDir(sessionId: string): Promise<void>
  isFolder(path: string): Promise<boolean>
  /** The names of the folders in `dir` (links to folders too, hidden ones too); [] when none. */
  listFolders(dir: string): Promise<string[]>
  /** Whether Claude Code on the host has a transcript for this session id (so it can resume). */
  transcriptExists(claudeSessionId: string): Promise<boolean>
  /**
   * A loopback port on the host that the shared connection carries to `localPort` here: `wanted`
   * (the port a running session's settings name) or any.
   */
  hookPort(localPort: number, wanted?: number): Promise<number>
  /** The hook port a session's settings on the host name, or null without them. */
  sessionHookPort(sessionId: string): Promise<number | null>
  readonly engine: TmuxEngine
}

export interface SshSessionBackend extends SessionBackend {
  /** Prepares the host once per backend (its folder, tmux config, hook script). */
  host(hostId: string): Promise<RemoteHost>
}

export interface SshBackendOptions {
  /** The host's shared connection (HostService.connection). */
  connect(hostId: string): HostConnection
}

async function mustRun(
  conn: HostConnection,
  what: string,
  script: string,
  input?: string,
): Promise<string> {
  const r = await conn.run(script, input !== undefined ? { input } : {})
  if (r.code !== 0)
    throw new Error(
      `${what} on ${conn.host.target.destination} failed (exit ${r.code ?? r.signal}): ${r.stderr.trim().slice(-300)}`,
    )
  return r.stdout
}

/** Sets up `<home>/.atelier-remote` (0700, owned by the user, not a link) and answers the home. */
function prepareScript(): string {
  const q = quoteShellWord
  return [
    'umask 077',
    `d="$HOME"/${REMOTE_ROOT_NAME}`,
    'mkdir -p "$d/tmux" "$d/sessions" "$d/bin"',
    'if [ -L "$d" ] || [ ! -O "$d" ]; then echo "$d is not a folder of this user" >&2; exit 3; fi',
    'chmod 700 "$d" "$d/tmux" "$d/sessions" "$d/bin"',
    `printf '%s' ${q(SERVER_CONFIG)} > "$d/tmux/tmux.conf"`,
    `printf '%s' ${q(SESSION_START_SCRIPT)} > "$d/bin/session-start.sh"`,
    `printf '%s\\n' "$HOME"`,
  ].join('\n')
}

/** Reads a FIFO on the host: made fresh, its reader's pid noted, then `cat` opened read-write. */
function readerScript(fifo: string, pidFile: string): string {
  const f = quoteShellWord(fifo)
  return [
    `rm -f -- ${f}`,
    `mkfifo -m 600 -- ${f}`,
    `echo $$ > ${quoteShellWord(pidFile)}`,
    'echo ready >&2',
    // Read-write, as locally: open() never waits, and a writer coming and going is no end of file.
    `exec cat 0<> ${f}`,
  ].join(' && ')
}

function waitReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let err = ''
    const timer = setTimeout(() => {
      child.kill()
      reject(new Error(`the terminal stream did not start within ${READER_READY_TIMEOUT_MS} ms`))
    }, READER_READY_TIMEOUT_MS)
    const onErr = (b: Buffer) => {
      err += b.toString('utf8')
      if (/^ready$/m.test(err)) {
        clearTimeout(timer)
        child.stderr?.off('data', onErr)
        resolve()
      }
    }
    child.stderr?.on('data', onErr)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the terminal stream ended at once (exit ${code}): ${err.trim()}`))
    })
    child.once('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
  })
}

async function prepareHost(conn: HostConnection): Promise<RemoteHost> {
  const home = (await mustRun(conn, 'preparing the Atelier folder', prepareScript())).trim()
  if (!home.startsWith('/'))
    throw new Error(`${conn.host.target.destination} answered no home folder`)
  const root = posix.join(home, REMOTE_ROOT_NAME)
  const tmuxDir = posix.join(root, 'tmux')
  const configPath = posix.join(tmuxDir, 'tmux.conf')
  const socketPath = posix.join(tmuxDir, 'tmux.sock')
  /** Forwards the current master carries: host port → the master's pid and the port here. */
  const forwards = new Map<number, { masterPid: number; localPort: number }>()
  let pollSoon: (() => void) | null = null

  const place: TmuxPlace = {
    async run(...commands) {
      const r = await conn.runArgv('tmux', tmuxArgv(configPath, socketPath, commands))
      return { ok: r.code === 0, stdout: r.stdout, stderr: r.stderr.trim() }
    },
    async openOutput(name, onText) {
      const fifo = posix.join(tmuxDir, `${name}.out`)
      const pidFile = posix.join(tmuxDir, `${name}.reader`)
      const child = conn.open(readerScript(fifo, pidFile))
      child.stdout?.setEncoding('utf8') // keeps multi-byte characters whole across chunks
      child.stdout?.on('data', (text: string) => onText(text))
      // A stream that ends while the session is watched: the pane may have died, ask now.
      child.once('exit', () => pollSoon?.())
      await waitReady(child)
      let closed = false
      return {
        fifo,
        async close() {
          if (closed) return
          closed = true
          child.kill()
          const p = quoteShellWord(pidFile)
          await conn
            .run(`kill "$(cat ${p})" 2>/dev/null; rm -f -- ${quoteShellWord(fifo)} ${p}`)
            .catch(() => undefined)
        },
      }
    },
    async writeLaunch(name, env, file, args) {
      const path = posix.join(tmuxDir, `${name}.launch`)
      const defined = Object.fromEntries(
        Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined),
      )
      const p = quoteShellWord(path)
      // noclobber: the file is created, never written through one planted there.
      await mustRun(
        conn,
        'writing the launch file',
        `umask 077 && rm -f -- ${p} && set -C && cat > ${p}`,
        launchScript(path, defined, file, args),
      )
      return {
        command: `exec /bin/sh ${p}`,
        discard: async () => {
          await conn.run(`rm -f -- ${p}`).catch(() => undefined)
        },
      }
    },
    async signal(pid, signal) {
      const r = await conn.runArgv('kill', ['-s', signal.replace(/^SIG/, ''), String(pid)])
      return r.code === 0
    },
    exitPollMs: REMOTE_EXIT_POLL_MS,
  }
  const engine = createTmuxEngine(place)
  pollSoon = () => void engine.pollExits()

  return {
    connection: conn,
    home,
    root,
    engine,
    sessionStartScript: posix.join(root, 'bin', 'session-start.sh'),
    worktreesDir: posix.join(root, 'worktrees'),
    gitAt: {
      git: (args) => conn.runArgv('git', args),
      makeDir: async (path) => {
        const r = await conn.runArgv('mkdir', ['-p', '--', path])
        if (r.code !== 0) throw new Error(`mkdir ${path} failed on the host: ${r.stderr.trim()}`)
      },
    },
    sessionDir: (sessionId) => posix.join(root, 'sessions', tmuxSessionName(sessionId)),
    async writePrivateFile(path, content) {
      const p = quoteShellWord(path)
      const tmp = quoteShellWord(`${path}.tmp`)
      await mustRun(
        conn,
        `writing ${path}`,
        `umask 077 && mkdir -p -- ${quoteShellWord(posix.dirname(path))} && rm -f -- ${tmp} && cat > ${tmp} && mv -f -- ${tmp} ${p}`,
        content,
      )
    },
    async removeSessionDir(sessionId) {
      await conn.runArgv('rm', [
        '-rf',
        '--',
        posix.join(root, 'sessions', tmuxSessionName(sessionId)),
      ])
    },
    async isFolder(path) {
      return (await conn.runArgv('test', ['-d', path])).code === 0
    },
    async listFolders(dir) {
      // NUL-separated: a folder name may hold a newline.
      const r = await conn.run(
        `cd -- ${quoteShellWord(dir)} 2>/dev/null || exit 0; for f in * .[!.]* ..?*; do [ -d "$f" ] && printf '%s\\0' "$f"; done; exit 0`,
      )
      return r.code === 0 ? r.stdout.split('\0').filter(Boolean) : []
    },
    async transcriptExists(claudeSessionId) {
      const r = await conn.run(
        `for f in "$HOME"/.claude/projects/*/${quoteShellWord(`${claudeSessionId}.jsonl`)}; do [ -f "$f" ] && exit 0; done; exit 1`,
      )
      return r.code === 0
    },
    async hookPort(localPort, wanted) {
      let masterPid = await conn.masterPid()
      if (masterPid === null) {
        await mustRun(conn, 'connecting', 'exit 0')
        masterPid = await conn.masterPid()
      }
      if (masterPid === null) throw new Error('the shared ssh connection did not start')
      // A forward lives as long as its master: a new master (app restart, a drop) needs new ones.
      const carried = [...forwards].filter(
        ([, f]) => f.masterPid === masterPid && f.localPort === localPort,
      )
      const reuse = carried.find(([port]) => wanted === undefined || port === wanted)
      if (reuse) return reuse[0]
      const port = await conn.reverseForward(localPort, wanted ?? 0)
      forwards.set(port, { masterPid, localPort })
      return port
    },
    async sessionHookPort(sessionId) {
      const file = posix.join(root, 'sessions', tmuxSessionName(sessionId), 'settings.json')
      const r = await conn.runArgv('cat', ['--', file])
      const m = /https:\/\/127\.0\.0\.1:(\d+)\//.exec(r.stdout)
      return r.code === 0 && m ? Number(m[1]) : null
    },
  }
}

export function createSshBackend(options: SshBackendOptions): SshSessionBackend {
  const hosts = new Map<string, Promise<RemoteHost>>()
  const host = (hostId: string): Promise<RemoteHost> => {
    let prepared = hosts.get(hostId)
    if (!prepared) {
      prepared = prepareHost(options.connect(hostId))
      hosts.set(hostId, prepared)
      // A failed preparation is tried again by the next session, not remembered.
      prepared.catch(() => hosts.delete(hostId))
    }
    return prepared
  }
  return {
    kind: 'ssh',
    host,
    async spawn(spec) {
      if (!spec.hostId) throw new Error('an ssh session needs a host')
      return (await host(spec.hostId)).engine.spawn(spec)
    },
    async adopt(sessionKey, hostId) {
      if (!hostId) return null
      return (await host(hostId)).engine.adopt(sessionKey)
    },
  }
}

/** Folder suggestions on a host, by the same rules as here (util/autocomplete.ts). */
export async function remoteFolderSuggestions(
  backend: SshSessionBackend,
  hosts: { requireReady(hostId: string): Promise<unknown> },
  hostId: string,
  query: string,
  known: string[],
): Promise<string[]> {
  const host = await backend.host(hostId).catch(async (err: unknown) => {
    // Say why the host cannot be reached (its test names it) rather than ssh's bare failure.
    await hosts.requireReady(hostId)
    throw err
  })
  const q = folderQuery(query, host.home)
  const names = q ? await host.listFolders(q.dir) : []
  return pickSuggestions(
    query,
    q ? { q, entries: names.map((name) => ({ name, isFolder: () => true })) } : null,
    known,
  )
}
