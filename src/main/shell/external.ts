/**
 * THE chokepoint for handing anything to the OS: links clicked in the renderer, window.open, the
 * about dialog's "open logs", and the core's `app.openExternal` channel (the core receives this
 * function as `CoreOptions.openExternal`). Nothing else in the app calls shell.openExternal /
 * shell.openPath.
 */
import { shell } from 'electron'
import { ApiError } from '@shared/contract'
import { classifyExternalTarget } from './desktop/external-target'
import type { Logger } from '../core/log/logger'

/**
 * Validates synchronously (a refused target throws ApiError('forbidden'), which the core turns
 * into the channel's error), then lets the OS open it; an OS-level failure is only logged.
 */
export function openExternalTarget(target: string, log: Logger): void {
  const decision = classifyExternalTarget(target)
  if (decision.kind === 'rejected') {
    log.warn('openExternal refused:', JSON.stringify(target.slice(0, 200)), decision.reason)
    throw new ApiError('forbidden', `cannot open this target: ${decision.reason}`, 'target')
  }
  if (decision.kind === 'url') {
    shell.openExternal(decision.url).catch((error) => log.warn('openExternal failed:', error))
    return
  }
  void shell.openPath(decision.path).then((failure) => {
    if (failure) log.warn('openPath failed:', decision.path, failure) // '' means success
  })
}

/** For callers that only want it tried (menu items, links): refusal is logged, not thrown. */
export function tryOpenExternal(target: string, log: Logger): void {
  try {
    openExternalTarget(target, log)
  } catch {
    // already logged by the chokepoint
  }
}
