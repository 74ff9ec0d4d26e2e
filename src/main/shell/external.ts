/**
 * THE chokepoint for handing anything to the OS: links clicked in the renderer, window.open, the
 * about dialog's "open logs", the `app.openExternal` channel. Nothing else in the shell calls
 * shell.openExternal / shell.openPath.
 */
import { shell } from 'electron'
import { z } from 'zod'
import { ApiError } from '../../shared/contract'
import { classifyExternalTarget } from '../core/desktop/external-target'
import type { Logger } from '../core/desktop/log-file'

const OpenExternalRequestSchema = z.object({ target: z.string() }).strict()

export async function openExternalTarget(target: string, log: Logger): Promise<void> {
  const decision = classifyExternalTarget(target)
  if (decision.kind === 'rejected') {
    log.warn('openExternal refused:', JSON.stringify(target.slice(0, 200)), decision.reason)
    throw new ApiError('forbidden', `cannot open this target: ${decision.reason}`, 'target')
  }
  if (decision.kind === 'url') {
    await shell.openExternal(decision.url)
    return
  }
  const failure = await shell.openPath(decision.path) // resolves to '' on success
  if (failure) throw new ApiError('unavailable', `could not open folder: ${failure}`, 'target')
}

/** The `app.openExternal` channel, answered by the shell (the core has no OS to open things with). */
export function openExternalHandler(log: Logger) {
  return async (payload: unknown): Promise<{ ok: true }> => {
    const parsed = OpenExternalRequestSchema.safeParse(payload)
    if (!parsed.success) throw new ApiError('bad_request', 'target: expected a string', 'target')
    await openExternalTarget(parsed.data.target, log)
    return { ok: true }
  }
}
