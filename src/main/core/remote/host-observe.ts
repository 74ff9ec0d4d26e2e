/**
 * Observing the Claude Code sessions a user starts by hand on a host (docs/remote-hosts.md,
 * "Observed sessions on a host"). Turned on per host, it puts Atelier's global hooks into the host
 * user's ~/.claude/settings.json with the same care as on this machine (merged after the user's
 * own hooks, backed up, the file's mode kept, a symlinked file's target written, removed cleanly),
 * and keeps the host's tunnel up while it is on.
 *
 * Each hook runs a small wrapper on the host that reads the host's observer credential and the
 * tunnel's port from 0600 files there and hands the event to the hook script every remote session
 * uses (remote-hook.ts): a post through the tunnel that fails open and spools while the link is
 * down. The credential is the host's own: it can post events of sessions observed on that host
 * and nothing else, and it reaches the host on ssh's stdin, never in a command line.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, posix } from 'node:path'
import {
  eventsWithOurs,
  shellQuote,
  withOurHooks,
  withoutOurs,
  type SettingsJson,
} from '../agents/claude/global-hooks'
import { SESSION_ID_ENV, SESSION_TOKEN_ENV } from '../agents/claude/hook-settings'
import { tokensEqual } from '../http/security'
import { loadOrCreateToken } from '../util/token'
import { quoteShellWord } from './shell-quote'
import { reconnectDelayMs } from './host-link'
import { REPORT_HOOK_TIMEOUT_S } from './remote-hook'
import type { RemoteHost } from './ssh-backend'

/** Names the host's hook wrapper; a handler whose command contains it is Atelier's. */
export const OBSERVE_MARKER = 'atelier-remote-observe'
/** The spool of every observed session on a host (`<root>/spool/observed.jsonl`). */
export const OBSERVED_SPOOL_ID = 'observed'
/** How often a settings edit is made again when the file changed on the host meanwhile. */
const MAX_EDIT_ATTEMPTS = 5
/** Exit status of the write script when the file changed since it was read. */
const CHANGED_EXIT = 75

/** Where observation's files live on a host. */
export function observePaths(root: string): {
  dir: string
  token: string
  port: string
  trust: string
  wrapper: string
  spool: string
} {
  const dir = posix.join(root, 'observe')
  return {
    dir,
    token: posix.join(dir, 'token'),
    port: posix.join(dir, 'port'),
    trust: posix.join(dir, 'trust.pem'),
    wrapper: posix.join(root, 'bin', OBSERVE_MARKER),
    spool: posix.join(root, 'spool', `${OBSERVED_SPOOL_ID}.jsonl`),
  }
}

/**
 * The wrapper every observing hook runs (`/bin/sh <wrapper> <event>`, the event on stdin). A
 * session Atelier started reports itself through its own hooks, so the wrapper stays silent there.
 * Without its credential or port file (observation turned off) it stays silent too.
 */
export function observeWrapperScript(root: string): string {
  const p = observePaths(root)
  const q = quoteShellWord
  return [
    '#!/bin/sh',
    '# Atelier: observes the Claude Code sessions started on this host (docs/remote-hosts.md).',
    '# Removed when observation is turned off in Atelier (Settings > Hosts).',
    `[ -n "$${SESSION_ID_ENV}" ] && { cat > /dev/null; exit 0; }`,
    `[ -r ${q(p.token)} ] && [ -r ${q(p.port)} ] || { cat > /dev/null; exit 0; }`,
    `${SESSION_TOKEN_ENV}=$(cat -- ${q(p.token)})`,
    `${SESSION_ID_ENV}=${OBSERVED_SPOOL_ID}`,
    `export ${SESSION_TOKEN_ENV} ${SESSION_ID_ENV}`,
    `port=$(cat -- ${q(p.port)})`,
    `exec /bin/sh ${q(posix.join(root, 'bin', 'hook.sh'))} "https://127.0.0.1:$port/hooks/claude" ${q(p.trust)} ${q(p.spool)} "$1"`,
    '',
  ].join('\n')
}

/** The host user's settings with Atelier's observing hooks added (theirs kept). */
export function withObserveHooks(settings: SettingsJson, root: string): SettingsJson {
  const wrapper = observePaths(root).wrapper
  return withOurHooks(
    settings,
    (event) => `/bin/sh ${shellQuote(wrapper)} ${event}`,
    REPORT_HOOK_TIMEOUT_S,
    OBSERVE_MARKER,
  )
}

/** Reads the host user's settings file: its checksum ("none" when missing) and its text. */
const READ_SETTINGS_SCRIPT = [
  'f="$HOME/.claude/settings.json"',
  't=$(readlink -f -- "$f" 2>/dev/null); [ -n "$t" ] || t=$f',
  'if [ -e "$t" ]; then cksum < "$t" && cat -- "$t"; else echo none; fi',
].join('\n')

/**
 * Replaces the settings file (its link's target when it is a symlink) with stdin, unless it
 * changed since it was read (`$1`, the checksum read then): a copy of the old file beside it
 * first, the new file made beside the target with the old one's mode and renamed over it.
 */
const WRITE_SETTINGS_SCRIPT = [
  'umask 077',
  'f="$HOME/.claude/settings.json"',
  't=$(readlink -f -- "$f" 2>/dev/null); [ -n "$t" ] || t=$f',
  'now=none; [ -e "$t" ] && now=$(cksum < "$t")',
  `[ "$now" = "$1" ] || { cat > /dev/null; exit ${CHANGED_EXIT}; }`,
  'mkdir -p -- "$(dirname -- "$t")" || exit 1',
  'tmp="$t.atelier-tmp-$$"',
  'cat > "$tmp" || { rm -f -- "$tmp"; exit 1; }',
  'if [ -e "$t" ]; then',
  '  cp -p -- "$t" "$t.atelier-backup-$(date +%s)" || { rm -f -- "$tmp"; exit 1; }',
  '  mode=$(stat -c %a -- "$t" 2>/dev/null || stat -f %Lp -- "$t")',
  '  chmod "$mode" "$tmp" || { rm -f -- "$tmp"; exit 1; }',
  'fi',
  'mv -f -- "$tmp" "$t"',
].join('\n')

/** Edits the host user's ~/.claude/settings.json; `edit` answers null when nothing is to change. */
async function editRemoteSettings(
  host: RemoteHost,
  edit: (current: SettingsJson) => SettingsJson | null,
): Promise<void> {
  const conn = host.connection
  for (let attempt = 1; ; attempt++) {
    const read = await conn.run(READ_SETTINGS_SCRIPT)
    if (read.code !== 0) throw new Error(`reading ~/.claude/settings.json failed: ${read.stderr}`)
    const nl = read.stdout.indexOf('\n')
    const sum = (nl < 0 ? read.stdout : read.stdout.slice(0, nl)).trim()
    const text = nl < 0 ? '' : read.stdout.slice(nl + 1)
    let current: SettingsJson = {}
    if (sum !== 'none' && text.trim() !== '') {
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch (err) {
        throw new Error(
          `~/.claude/settings.json on ${conn.host.target.destination} is not valid JSON (${(err as Error).message}); fix it first, nothing was changed`,
          { cause: err },
        )
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error(
          `~/.claude/settings.json on ${conn.host.target.destination} must hold a JSON object`,
        )
      current = parsed as SettingsJson
    }
    const next = edit(current)
    if (next === null) return
    // The new content goes on stdin (the file may hold the user's keys): never an argument.
    const write = await conn.runArgv(
      '/bin/sh',
      ['-c', WRITE_SETTINGS_SCRIPT, 'atelier-settings', sum],
      {
        input: `${JSON.stringify(next, null, 2)}\n`,
      },
    )
    if (write.code === 0) return
    if (write.code !== CHANGED_EXIT || attempt >= MAX_EDIT_ATTEMPTS)
      throw new Error(
        `writing ~/.claude/settings.json on ${conn.host.target.destination} failed (exit ${write.code ?? write.signal}): ${write.stderr.trim().slice(-300)}`,
      )
  }
}

export interface HostObservationDeps {
  /** `<data>/ssh`: where each observed host's credential is kept (0600). */
  credentialDir: string
  /** The host prepared for Atelier (its folder, hook script) over its shared connection. */
  host(hostId: string): Promise<RemoteHost>
  /** Keeps the host's link watched (and its forwards made again) while observation is on. */
  keepUp(hostId: string, on: boolean): void
  /** The app's TLS hook port and certificate, once they listen. */
  transport(): { tlsPort: number; certFile: string }
  /** The hosts whose observation is on (the stored switch). */
  observedHosts(): string[]
  log(message: string, fields?: Record<string, unknown>): void
  random?: () => number
}

/** Observation per host: installs, keeps and removes the hooks, and knows each host's credential. */
export class HostObservation {
  /** Hosts being set up (or retried) and why the last try failed. */
  private readonly starting = new Map<string, { error?: string; timer?: NodeJS.Timeout }>()
  private readonly active = new Set<string>()
  private readonly tokens = new Map<string, string>()
  private closed = false

  constructor(private readonly deps: HostObservationDeps) {}

  private tokenFile(hostId: string): string {
    return join(this.deps.credentialDir, `observer-${hostId}`)
  }

  /** The host whose observer credential this is, or null. */
  hostForToken(token: string): string | null {
    for (const hostId of this.deps.observedHosts()) {
      let known = this.tokens.get(hostId)
      if (known === undefined) {
        const file = this.tokenFile(hostId)
        if (!existsSync(file)) continue
        known = readFileSync(file, 'utf8').trim()
        this.tokens.set(hostId, known)
      }
      if (tokensEqual(token, known)) return hostId
    }
    return null
  }

  /** What the host list says of a host whose observation is on. */
  state(hostId: string): { state: 'active' | 'starting'; error?: string } {
    if (this.active.has(hostId)) return { state: 'active' }
    const s = this.starting.get(hostId)
    return s?.error ? { state: 'starting', error: s.error } : { state: 'starting' }
  }

  /**
   * Puts the hooks, the wrapper, the credential, the certificate and the tunnel's port on the
   * host, and keeps its link up. Throws (saying why) when the host cannot be reached or written.
   */
  async install(hostId: string): Promise<void> {
    this.deps.keepUp(hostId, true)
    try {
      const host = await this.deps.host(hostId)
      const p = observePaths(host.root)
      const { tlsPort, certFile } = this.deps.transport()
      const token = loadOrCreateToken(this.deps.credentialDir, `observer-${hostId}`)
      this.tokens.set(hostId, token)
      // The port the host's files name already is asked for again (a restart, a new master).
      const named = await host.connection.runArgv('cat', ['--', p.port])
      const wanted = named.code === 0 ? Number(named.stdout.trim()) : NaN
      let port: number
      try {
        port = await host.hookPort(
          tlsPort,
          Number.isInteger(wanted) && wanted > 0 ? wanted : undefined,
        )
      } catch (err) {
        if (!(Number.isInteger(wanted) && wanted > 0)) throw err
        port = await host.hookPort(tlsPort)
      }
      await host.writePrivateFile(p.token, `${token}\n`)
      await host.writePrivateFile(p.trust, await readFile(certFile, 'utf8'))
      await host.writePrivateFile(p.port, `${port}\n`)
      await host.writePrivateFile(p.wrapper, observeWrapperScript(host.root))
      await editRemoteSettings(host, (current) => {
        // Already there, last (an earlier install): the file is not touched.
        const next = withObserveHooks(current, host.root)
        return JSON.stringify(next) === JSON.stringify(current) ? null : next
      })
      this.active.add(hostId)
      this.stopRetry(hostId)
    } catch (err) {
      this.active.delete(hostId)
      // Turning it on failed: nothing to keep up. (At a restart it stays on and is retried.)
      if (!this.deps.observedHosts().includes(hostId)) this.deps.keepUp(hostId, false)
      throw err
    }
  }

  /**
   * Removes Atelier's hooks from the host user's settings and its observation files there, then
   * forgets the host's credential (a hook still posting with it is refused) and stops keeping the
   * link up. Throws when the host could not be reached or written: the hooks are then still
   * there and, unless `evenUnreachable` (the host is being removed), observation stays as it was.
   */
  async uninstall(hostId: string, opts: { evenUnreachable?: boolean } = {}): Promise<void> {
    try {
      const host = await this.deps.host(hostId)
      const p = observePaths(host.root)
      await editRemoteSettings(host, (current) =>
        eventsWithOurs(current, OBSERVE_MARKER).length === 0
          ? null
          : withoutOurs(current, OBSERVE_MARKER),
      )
      const r = await host.connection.runArgv('rm', ['-rf', '--', p.dir, p.wrapper])
      if (r.code !== 0) throw new Error(`removing ${p.dir} failed: ${r.stderr.trim()}`)
    } catch (err) {
      if (opts.evenUnreachable) this.forget(hostId)
      throw err
    }
    this.forget(hostId)
  }

  private forget(hostId: string): void {
    this.stopRetry(hostId)
    this.active.delete(hostId)
    this.deps.keepUp(hostId, false)
    this.tokens.delete(hostId)
    rmSync(this.tokenFile(hostId), { force: true })
  }

  /**
   * At the app's start: each observed host is set up again in the background (its tunnel on the
   * port its files name, the certificate and wrapper of this run); a host that does not answer is
   * tried again with backoff until it does or observation is turned off.
   */
  restore(): void {
    for (const hostId of this.deps.observedHosts()) this.retry(hostId, 1, 0)
  }

  private retry(hostId: string, attempt: number, delayMs: number): void {
    if (this.closed) return
    const entry = this.starting.get(hostId) ?? {}
    this.starting.set(hostId, entry)
    entry.timer = setTimeout(() => {
      if (!this.deps.observedHosts().includes(hostId)) return void this.starting.delete(hostId)
      this.install(hostId).then(
        () => this.deps.log('observing the host', { hostId }),
        (err: unknown) => {
          const error = err instanceof Error ? err.message : String(err)
          if (attempt === 1)
            this.deps.log('could not set up observation on the host', { hostId, error })
          const still = this.starting.get(hostId)
          if (!still) return
          still.error = error
          this.retry(
            hostId,
            attempt + 1,
            reconnectDelayMs(attempt, this.deps.random ?? Math.random),
          )
        },
      )
    }, delayMs)
    entry.timer.unref?.()
  }

  private stopRetry(hostId: string): void {
    const s = this.starting.get(hostId)
    if (s?.timer) clearTimeout(s.timer)
    this.starting.delete(hostId)
  }

  close(): void {
    this.closed = true
    for (const id of [...this.starting.keys()]) this.stopRetry(id)
  }
}
