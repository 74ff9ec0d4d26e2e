/**
 * The per-session `--settings` file: Claude Code's native http hooks pointed at the app's TLS
 * hook endpoint on 127.0.0.1 (the session trusts only the app's own certificate, see
 * auth/hook-tls.ts), a command shim for SessionStart (which cannot be http), and a statusLine
 * command that reports cost, tokens and context use (status-line-command.ts). The shim posts to
 * the app's Unix socket. Events Claude need not wait for are async command hooks writing to the
 * session's spool folder (spool-hook-command.ts); they exist only from 2.1.197, so exec form
 * (2.1.139) is always there for them.
 */
import { mkdir, readFile, writeFile, chmod } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import semver from 'semver'
import { commandLine } from '../../sessions/backends/posix-shell-quote'
import { EARLY_ANSWER_HEADER, hookTlsUrl } from '../hook-routes'
import { statusLineCommand } from './status-line-command'
import { SPOOLED_EVENTS, spoolHook } from './spool-hook-command'

/** Oldest CLI with http hooks, StopFailure and agent ids (docs/hook-contract.md#minimum-version). */
export const MIN_CLAUDE_VERSION = '2.1.78'

/** First CLI that runs a command hook in exec form (`args`, no shell); older ones ignore `args`. */
export const EXEC_FORM_HOOKS_SINCE = '2.1.139'

/**
 * Seconds, for the hooks that only report. Claude Code drops the event of a hook that times out,
 * and on a loaded machine the loopback round trip alone can take longer than a short bound (with
 * 0.5 s, about one hook in ten was cut off at load 9 on two cores). These hooks ask for the early
 * answer (EARLY_ANSWER_HEADER): the app answers once it has read the event, before storing it, so
 * Claude waits for the round trip only, however long the bound. The bound is what a frozen app
 * (connections accepted, never answered) costs per hook; a stopped app costs a refused connection.
 */
export const TELEMETRY_HOOK_TIMEOUT_S = 5
/** Seconds. The shim itself gives up after 0.8 s; this only bounds a stuck interpreter start. */
export const SESSION_START_TIMEOUT_S = 5
/** Seconds: the app's default permission timeout (10 minutes). */
export const DEFAULT_PERMISSION_TIMEOUT_S = 600
/**
 * Seconds Claude Code waits on a held hook beyond the app's own permission timeout. The app's
 * timer must settle first: then it records that the wait ran out and lets Claude's own prompt
 * decide. Were Claude to give up at the same instant, the app would only see the connection drop,
 * and nothing would say the wait ran out.
 */
export const HELD_HOOK_MARGIN_S = 30

export const SESSION_ID_ENV = 'ATELIER_SESSION_ID'
export const SESSION_TOKEN_ENV = 'ATELIER_SESSION_TOKEN'
export const HOOK_SOCKET_ENV = 'ATELIER_HOOK_SOCKET'
/** Extra trust anchors of Node and Bun (Claude Code's runtime): the app's hook certificate. */
export const EXTRA_CA_ENV = 'NODE_EXTRA_CA_CERTS'
export const SESSION_HEADER = 'X-Atelier-Session'

/**
 * Each registered hook costs Claude a little on every call (it redraws its UI around the hook and
 * makes the request), so a session registers only the events the app reads
 * (docs/hook-contract.md#which-events-and-why). These arrived after 2.1.78 and are present from
 * 2.1.197 on; an unknown name opens a blocking dialog, so they are version-gated.
 */
const EVENTS_SINCE_2_1_197 = [
  // Calls a rule or hook stopped without a result of their own: shown as denied.
  'PostToolBatch',
  // Claude's text between and after tool calls, for the feed.
  'MessageDisplay',
  // An MCP server asking the user for input waits like a question; its result ends the wait.
  'Elicitation',
  'ElicitationResult',
] as const
/** Events older than 2.1.78 and so present in every supported version. */
export const CORE_HTTP_EVENTS = [
  'UserPromptSubmit',
  'PreToolUse',
  'PermissionRequest',
  'PostToolUse',
  'PostToolUseFailure',
  'Notification',
  'SubagentStart',
  'SubagentStop',
  'Stop',
  'StopFailure',
  'PreCompact',
  'PostCompact',
  'SessionEnd',
] as const
// Deliberately absent: Setup (command-only, only with --init), WorktreeCreate/WorktreeRemove
// (a hook there replaces git's own worktree handling and would break `claude --worktree`), and
// every event the app has no use for (the docs list them), since each one only costs Claude time.

/**
 * The http hook events for an installed CLI version: the core events, plus the newer ones from
 * 2.1.197 (checked by hand with 2.1.197 and 2.1.332).
 */
export function httpHookEvents(version: string): string[] {
  const v = semver.coerce(version)
  if (!v) throw new Error(`Not a Claude Code version: "${version}"`)
  if (semver.lt(v, MIN_CLAUDE_VERSION)) {
    throw new Error(
      `Claude Code ${v.version} is too old: Atelier needs ${MIN_CLAUDE_VERSION} or later`,
    )
  }
  if (semver.gte(v, '2.1.197')) return [...CORE_HTTP_EVENTS, ...EVENTS_SINCE_2_1_197]
  return [...CORE_HTTP_EVENTS]
}

/** How to run the hook shim without a shell. */
export interface ShimCommand {
  command: string
  args: string[]
}

/**
 * The shim runs under the app's own Node: with Electron, `ELECTRON_RUN_AS_NODE=1` is set for the
 * shim alone (through `env`) rather than in Claude's environment, where it would break any
 * Electron app a Bash tool call starts.
 */
export function shimCommand(
  nodeExecutable: string,
  shimPath: string,
  isElectron: boolean,
): ShimCommand {
  return isElectron
    ? { command: '/usr/bin/env', args: ['ELECTRON_RUN_AS_NODE=1', nodeExecutable, shimPath] }
    : { command: nodeExecutable, args: [shimPath] }
}

export interface HookSettingsOptions {
  /** The app's TLS hook port on 127.0.0.1. */
  port: number
  claudeVersion: string
  shim: ShimCommand
  /** How long a permission request or a question may wait for an answer from the app. */
  permissionTimeoutS?: number
  /** bash and the session's status file; without them the session gets no statusLine. */
  statusLine?: { bash: string; statusFile: string }
  /**
   * bash (5 or later) and the session's spool folder: the events Claude need not wait for become
   * async command hooks writing there (spool-hook-command.ts); without them they stay http hooks.
   */
  spool?: { bash: string; dir: string }
  /**
   * The command every hook runs instead of an http hook, SessionStart included (`shim` is then
   * unused): a remote session's fail-open, spooling script (remote/remote-hook.ts). `timeoutS`
   * bounds the hooks that report; one that decides gets the permission timeout, as over http.
   */
  report?: { command(event: string, role: HookRole, waitS: number): ShimCommand; timeoutS: number }
}

interface HttpHook {
  type: 'http'
  url: string
  timeout: number
  headers: Record<string, string>
  allowedEnvVars: string[]
}

/** A hook the app answers with a decision (held) or one that only reports (answered early). */
export type HookRole = 'decides' | 'reports'

function httpHook(url: string, role: HookRole, longTimeoutS: number): HttpHook {
  return {
    type: 'http',
    url,
    timeout: role === 'decides' ? longTimeoutS + HELD_HOOK_MARGIN_S : TELEMETRY_HOOK_TIMEOUT_S,
    // Claude interpolates only the variables listed in allowedEnvVars; the values never touch disk.
    headers: {
      Authorization: `Bearer $${SESSION_TOKEN_ENV}`,
      [SESSION_HEADER]: `$${SESSION_ID_ENV}`,
      ...(role === 'reports' ? { [EARLY_ANSWER_HEADER.name]: EARLY_ANSWER_HEADER.value } : {}),
    },
    allowedEnvVars: [SESSION_TOKEN_ENV, SESSION_ID_ENV],
  }
}

/** Matches every tool except AskUserQuestion (a JS regex, since it is not a plain name list). */
const ALL_TOOLS_BUT_QUESTIONS = '^(?!AskUserQuestion$).*'

/**
 * The shim as a command hook. A CLI that predates exec form ignores `args` and runs `command`
 * alone — the shim's `/usr/bin/env` would then print the whole environment into Claude's context
 * — so older CLIs get one shell line with every word single-quoted instead.
 */
function shimHookCommand(
  shim: ShimCommand,
  claudeVersion: string,
): { command: string; args?: string[] } {
  const v = semver.coerce(claudeVersion)
  return v && semver.gte(v, EXEC_FORM_HOOKS_SINCE)
    ? { command: shim.command, args: shim.args }
    : { command: commandLine(shim.command, shim.args) }
}

export function buildHookSettings(options: HookSettingsOptions): Record<string, unknown> {
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) {
    throw new Error(`Invalid hook port: ${options.port}`)
  }
  const url = hookTlsUrl(options.port, 'claude')
  const longTimeoutS = options.permissionTimeoutS ?? DEFAULT_PERMISSION_TIMEOUT_S
  const report = options.report
  const hook = (event: string, role: HookRole) => {
    if (!report) return httpHook(url, role, longTimeoutS)
    const timeout = role === 'decides' ? longTimeoutS + HELD_HOOK_MARGIN_S : report.timeoutS
    return {
      type: 'command',
      // The script's own wait ends a little before Claude's, so it can still exit cleanly.
      ...shimHookCommand(
        report.command(event, role, Math.max(1, timeout - 5)),
        options.claudeVersion,
      ),
      timeout,
    }
  }
  const reportHook = (event: string) => hook(event, 'reports')
  const hooks: Record<string, unknown[]> = {
    SessionStart: [
      {
        hooks: [
          report
            ? reportHook('SessionStart')
            : {
                type: 'command',
                ...shimHookCommand(options.shim, options.claudeVersion),
                timeout: SESSION_START_TIMEOUT_S,
              },
        ],
      },
    ],
  }
  for (const event of httpHookEvents(options.claudeVersion)) {
    if (event === 'PermissionRequest') {
      // Held open by the app until the user decides in its UI.
      hooks[event] = [{ hooks: [hook(event, 'decides')] }]
    } else if (event === 'PreToolUse') {
      // A question is answered from the app through PreToolUse, so that one call may wait.
      hooks[event] = [
        { matcher: 'AskUserQuestion', hooks: [hook(event, 'decides')] },
        { matcher: ALL_TOOLS_BUT_QUESTIONS, hooks: [reportHook(event)] },
      ]
    } else if (options.spool && SPOOLED_EVENTS.has(event)) {
      hooks[event] = [{ hooks: [spoolHook(options.spool.bash, options.spool.dir)] }]
    } else {
      hooks[event] = [{ hooks: [reportHook(event)] }]
    }
  }
  const statusLine = options.statusLine
  return {
    hooks,
    ...(statusLine
      ? {
          statusLine: {
            type: 'command',
            command: statusLineCommand(statusLine.bash, statusLine.statusFile),
            padding: 0,
          },
        }
      : {}),
  }
}

/** The environment a managed session needs for its hooks. */
export function sessionHookEnv(
  sessionId: string,
  token: string,
  hookSocket: string,
  trustFile: string,
): Record<string, string> {
  return {
    [SESSION_ID_ENV]: sessionId,
    [SESSION_TOKEN_ENV]: token,
    [HOOK_SOCKET_ENV]: hookSocket,
    [EXTRA_CA_ENV]: trustFile,
  }
}

/**
 * The file for the session's NODE_EXTRA_CA_CERTS: the hook certificate, plus the certificates
 * the user already added that way (a company proxy's), which must keep working for Claude Code.
 */
export async function hookTrustFile(
  sessionDir: string,
  certFile: string,
  inherited: string | undefined,
): Promise<string> {
  if (!inherited) return certFile
  const theirs = await readFile(inherited, 'utf8').catch(() => '')
  if (!theirs.trim()) return certFile
  const bundle = join(sessionDir, 'trust.pem')
  await mkdir(sessionDir, { recursive: true, mode: 0o700 })
  await writeFile(bundle, `${theirs.trimEnd()}\n${await readFile(certFile, 'utf8')}`, {
    mode: 0o600,
  })
  return bundle
}

/** Writes the settings file readable by the owner only (it names the endpoint, not the token). */
export async function writeHookSettings(
  file: string,
  settings: Record<string, unknown>,
): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 })
  await writeFile(file, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 })
  await chmod(file, 0o600) // writeFile's mode applies only when it creates the file
}
