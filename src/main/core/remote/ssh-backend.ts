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
import { HEARTBEAT_TIMEOUT_MS, HostLink, type LinkState, type ProbeResult } from './host-link'
import {
  CLAIM_SPOOL_SCRIPT,
  parseClaimedSpool,
  REPORT_HOOK_SCRIPT,
  SPOOL_NAME_RE,
  type SpooledEvent,
} from './remote-hook'

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
  /** The reporting hooks' script on the host (remote-hook.ts). */
  readonly reportScript: string
  /** The session's spool file on the host, where its reporting hooks queue while the link is down. */
  spoolFile(sessionId: string): string
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
  /** Prepares the host and watches its link from now on (while something needs it). */
  watch(hostId: string): Promise<RemoteHost>
  /**
   * Whether the host's link must be watched (and its forwards made again after a drop) even
   * without sessions there: while its Claude sessions are observed.
   */
  keepUp(hostId: string, on: boolean): void
  /** Stops watching the hosts' links (app shutdown). */
  close(): void
}

export interface SshBackendOptions {
  /** The host's shared connection (HostService.connection). */
  connect(hostId: string): HostConnection
  /**
   * Stores the events a session's hooks spooled on the host while the link was down, in order,
   * each with the id its hook gave it (an event already stored under that id is not stored again).
   */
  replay?(hostId: string, spool: ClaimedSpool): Promise<void>
  /** A host's link went down or came back (host-link.ts). */
  onLinkChange?(hostId: string, state: LinkState): void
  log?(message: string, fields?: Record<string, unknown>): void
}

/** A session's spool as claimed from the host: the session it names and what it held. */
export interface ClaimedSpool {
  sessionId: string
  dropped: number
  unreadable: number
  events: SpooledEvent[]
}

/** At most this many claims of one spool per replay: writers append while it runs. */
const MAX_CLAIMS_PER_REPLAY = 20

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
    'mkdir -p "$d/tmux" "$d/sessions" "$d/bin" "$d/spool"',
    'if [ -L "$d" ] || [ ! -O "$d" ]; then echo "$d is not a folder of this user" >&2; exit 3; fi',
    'chmod 700 "$d" "$d/tmux" "$d/sessions" "$d/bin" "$d/spool"',
    `printf '%s' ${q(SERVER_CONFIG)} > "$d/tmux/tmux.conf"`,
    `printf '%s' ${q(REPORT_HOOK_SCRIPT)} > "$d/bin/hook.sh"`,
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

/**
 * The heartbeat's command: the spool files waiting in `dir` (a session's spool with events, or one
 * whose replay was cut short), one a line.
 */
function spoolListScript(dir: string): string {
  return [
    `cd -- ${quoteShellWord(dir)} 2>/dev/null || exit 0`,
    'for f in *.jsonl.replay *.jsonl; do [ -s "$f" ] && printf \'%s\\n\' "$f"; done',
    'exit 0',
  ].join('; ')
}

async function prepareHost(
  conn: HostConnection,
  options: SshBackendOptions,
  keptUp: () => boolean,
): Promise<{ host: RemoteHost; link: HostLink }> {
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
      // ssh's own failures exit 255: the host was not reached, tmux said nothing.
      const unreachable = r.timedOut || r.code === 255
      return { ok: r.code === 0, stdout: r.stdout, stderr: r.stderr.trim(), unreachable }
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
  const spoolDir = posix.join(root, 'spool')
  const hostId = conn.host.id
  const log = options.log ?? (() => {})

  /** Claims the session's spool until nothing is left in it, handing each claim to the app. */
  const replaySpool = async (name: string): Promise<void> => {
    const m = SPOOL_NAME_RE.exec(name.replace(/\.replay$/, ''))
    if (!m) return
    const sessionId = m[1]!
    const file = posix.join(spoolDir, `${sessionId}.jsonl`)
    for (let i = 0; i < MAX_CLAIMS_PER_REPLAY; i++) {
      const r = await conn.runArgv('/bin/sh', ['-c', CLAIM_SPOOL_SCRIPT, 'atelier-claim', file])
      if (r.code !== 0 || r.truncated)
        throw new Error(`reading the hook spool of ${sessionId} failed: ${r.stderr.trim()}`)
      const claimed = parseClaimedSpool(r.stdout)
      if (claimed.events.length === 0 && claimed.dropped === 0 && claimed.unreadable === 0) return
      await options.replay?.(hostId, { sessionId, ...claimed })
      // Stored (or refused for good): the claim is done with. A replay cut before this line is
      // read again next time, and the ids make the second store a no-op.
      await mustRun(
        conn,
        'removing a replayed spool',
        `rm -f -- ${quoteShellWord(`${file}.replay`)}`,
      )
    }
  }

  const link = new HostLink({
    active: () => engine.watching() > 0 || keptUp(),
    async probe(): Promise<ProbeResult> {
      const r = await conn.run(spoolListScript(spoolDir), { timeoutMs: HEARTBEAT_TIMEOUT_MS })
      if (r.timedOut)
        return { ok: false, error: `no answer within ${HEARTBEAT_TIMEOUT_MS / 1000} s` }
      if (r.code !== 0)
        return { ok: false, error: r.stderr.trim().split('\n').pop() || `exit ${r.code}` }
      return { ok: true, spools: r.stdout.split('\n').filter(Boolean) }
    },
    async recover() {
      // A new master carries no forward: each hook port the sessions' settings name, again.
      for (const [port, f] of [...forwards]) await hookPort(f.localPort, port)
      const failed = await engine.reattach()
      if (failed.length > 0) log('terminal streams not re-attached', { sessions: failed })
    },
    replay: replaySpool,
    onChange: (state) => options.onLinkChange?.(hostId, state),
    log,
  })
  pollSoon = () => {
    void engine.pollExits()
    link.checkNow()
  }

  async function hookPort(localPort: number, wanted?: number): Promise<number> {
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
  }

  const host: RemoteHost = {
    connection: conn,
    home,
    root,
    engine,
    reportScript: posix.join(root, 'bin', 'hook.sh'),
    spoolFile: (sessionId) => posix.join(root, 'spool', `${sessionId}.jsonl`),
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
    hookPort,
    async sessionHookPort(sessionId) {
      const file = posix.join(root, 'sessions', tmuxSessionName(sessionId), 'settings.json')
      const r = await conn.runArgv('cat', ['--', file])
      const m = /https:\/\/127\.0\.0\.1:(\d+)\//.exec(r.stdout)
      return r.code === 0 && m ? Number(m[1]) : null
    },
  }
  return { host, link }
}

export function createSshBackend(options: SshBackendOptions): SshSessionBackend {
  const hosts = new Map<string, Promise<{ host: RemoteHost; link: HostLink }>>()
  const kept = new Set<string>()
  let closed = false
  const prepared = (hostId: string) => {
    let p = hosts.get(hostId)
    if (!p) {
      p = prepareHost(options.connect(hostId), options, () => kept.has(hostId))
      hosts.set(hostId, p)
      // A failed preparation is tried again by the next session, not remembered.
      p.catch(() => hosts.delete(hostId))
    }
    return p
  }
  const host = async (hostId: string): Promise<RemoteHost> => (await prepared(hostId)).host
  /** The host's link is watched from its first session on. */
  const watched = async (hostId: string) => {
    const p = await prepared(hostId)
    if (!closed) p.link.start()
    return p.host
  }
  return {
    kind: 'ssh',
    host,
    watch: watched,
    keepUp(hostId, on) {
      if (on) kept.add(hostId)
      else kept.delete(hostId)
    },
    async spawn(spec) {
      if (!spec.hostId) throw new Error('an ssh session needs a host')
      return (await watched(spec.hostId)).engine.spawn(spec)
    },
    async adopt(sessionKey, hostId) {
      if (!hostId) return null
      return (await watched(hostId)).engine.adopt(sessionKey)
    },
    close() {
      closed = true
      for (const p of hosts.values()) void p.then((h) => h.link.stop()).catch(() => {})
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
