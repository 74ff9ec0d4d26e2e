/** Builds the argv of a managed Claude Code session. */
import { z } from 'zod'
import { PermissionModeSchema, type PermissionMode } from '@shared/sessions'

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

/** Flags the app owns: a user argument repeating one would fork, mislabel or unhook the session. */
const RESERVED_FLAGS: Record<string, string> = {
  '--session-id': 'the app assigns the session id',
  '--resume': 'the app resumes the session itself',
  '-r': 'the app resumes the session itself',
  '--continue': 'the app resumes the session itself',
  '-c': 'the app resumes the session itself',
  '--fork-session': 'a fork would get a session id the app does not know',
  '--settings': 'the app passes its own hook settings',
  '--setting-sources': 'it could drop the app’s hook settings',
  '--permission-mode': 'choose the permission mode in the session settings',
  '--dangerously-skip-permissions': 'choose the bypassPermissions permission mode instead',
  '--model': 'choose the model in the session settings',
  '--print': 'sessions are interactive',
  '-p': 'sessions are interactive',
  '--bare': 'it disables the hooks the app relies on',
  '--safe-mode': 'it disables the hooks the app relies on',
}

export function validateExtraArgs(args: readonly string[]): void {
  for (const arg of args) {
    // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
    if (/[\0-\x1f\x7f]/.test(arg))
      throw new ClaudeArgsError(`Extra argument ${JSON.stringify(arg)} contains control characters`)
    const flag = arg.startsWith('--') ? arg.split('=')[0] : arg
    const why = RESERVED_FLAGS[flag]
    if (why) throw new ClaudeArgsError(`Extra argument "${arg}" is not allowed: ${why}`)
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
