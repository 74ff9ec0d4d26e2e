/** Builds the argv of a managed Claude Code session. */
import { z } from 'zod'
import { PermissionModeSchema, type PermissionMode } from '@shared/sessions'
import { parseCliArgs } from './cli-options'

export const ClaudeLaunchSchema = z.object({
  /** The Claude session id the app chose; a UUID. */
  claudeSessionId: z.uuid(),
  /** First launch creates the session (`--session-id`); every later one resumes it. */
  resume: z.boolean(),
  permissionMode: PermissionModeSchema,
  model: z.string().min(1).max(200).optional(),
  settingsFile: z.string().min(1),
  extraArgs: z.array(z.string()).default([]),
})
export type ClaudeLaunch = z.input<typeof ClaudeLaunchSchema>

export class ClaudeArgsError extends Error {}

/**
 * Options an extra argument may not carry, by canonical long name. Some the app owns (a repeat
 * would fork, mislabel or unhook the session); the others widen what Claude may do without
 * asking while the app shows the session's permission mode — those are set in the app instead
 * (the permission mode, or an "Always" rule).
 */
const REFUSED_OPTIONS: Record<string, string> = {
  'session-id': 'the app assigns the session id',
  resume: 'the app resumes the session itself',
  continue: 'the app resumes the session itself',
  'from-pr': 'the app resumes the session itself',
  teleport: 'the app resumes the session itself',
  'fork-session': 'a fork would get a session id the app does not know',
  settings: 'the app passes its own hook settings',
  'setting-sources': 'it could drop the app’s hook settings',
  bare: 'it disables the hooks the app relies on',
  'safe-mode': 'it disables the hooks the app relies on',
  model: 'choose the model in the session settings',
  print: 'sessions are interactive',
  background: 'the session runs in the app’s terminal',
  cloud: 'the session runs in the app’s terminal',
  desktop: 'the session runs in the app’s terminal',
  help: 'it exits at once',
  version: 'it exits at once',
  'permission-mode': 'choose the permission mode in the session settings',
  'dangerously-skip-permissions': 'choose the bypassPermissions permission mode instead',
  'allow-dangerously-skip-permissions':
    'it lets the session switch itself to bypassPermissions; choose that mode in the app instead',
  allowedTools:
    'it pre-approves tools the app would not show as allowed; use "Always" on a request instead',
  'add-dir': 'it lets Claude use more folders without asking',
  'permission-prompts': 'the app answers the permission prompts',
  'permission-prompt-tool': 'the app answers the permission prompts',
  'plugin-dir': 'a plugin’s hooks can approve tool calls the app would ask about',
  'plugin-url': 'a plugin’s hooks can approve tool calls the app would ask about',
  'remote-control': 'it lets another device drive the session',
  agents:
    'an inline subagent can run in its own permission mode (bypassPermissions) or approve tool calls through its hooks',
}

export function validateExtraArgs(args: readonly string[]): void {
  for (const arg of args) {
    // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
    if (/[\0-\x1f\x7f]/.test(arg))
      throw new ClaudeArgsError(`Extra argument ${JSON.stringify(arg)} contains control characters`)
  }
  for (const parsed of parseCliArgs(args)) {
    if (parsed.kind === 'unknown')
      throw new ClaudeArgsError(
        `Extra argument "${parsed.spelled}" is not a Claude Code option Atelier knows, so it cannot tell what it would change`,
      )
    if (parsed.kind !== 'option') continue
    const why = REFUSED_OPTIONS[parsed.option.name]
    if (why)
      throw new ClaudeArgsError(
        `Extra argument "${parsed.option.spelled}" (--${parsed.option.name}) is not allowed: ${why}`,
      )
  }
}

/**
 * `--session-id|--resume <uuid> --permission-mode <mode> [--model m] --settings <file> …extra`.
 * The permission mode is always explicit: interactive 2.1.332 otherwise starts in `auto`.
 */
export function buildClaudeArgs(launch: ClaudeLaunch): string[] {
  const parsed = ClaudeLaunchSchema.parse(launch)
  validateExtraArgs(parsed.extraArgs)
  const mode: PermissionMode = parsed.permissionMode
  return [
    parsed.resume ? '--resume' : '--session-id',
    parsed.claudeSessionId,
    '--permission-mode',
    mode,
    ...(parsed.model ? ['--model', parsed.model] : []),
    '--settings',
    parsed.settingsFile,
    ...parsed.extraArgs,
  ]
}

/** What a stored session says about its launch (the session record's fields of that name). */
export interface StoredLaunch {
  claudeSessionId?: string
  permissionMode: PermissionMode
  model?: string
  args: string[]
}

/**
 * The arguments that start or resume a stored session, wherever it runs (this machine or a
 * host). `resume`: its transcript exists, so Claude must resume rather than create it.
 */
export function storedLaunchArgs(
  record: StoredLaunch,
  settingsFile: string,
  resume: boolean,
): string[] {
  if (!record.claudeSessionId) throw new ClaudeArgsError('The session has no Claude session id')
  return buildClaudeArgs({
    claudeSessionId: record.claudeSessionId,
    resume,
    permissionMode: record.permissionMode,
    ...(record.model ? { model: record.model } : {}),
    settingsFile,
    extraArgs: record.args,
  })
}
