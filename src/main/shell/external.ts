/**
 * THE chokepoint for handing anything to the OS: links clicked in the renderer, window.open, the
 * about dialog's "open logs", and the core's `app.openExternal` channel (the core receives this
 * function as `CoreOptions.openExternal`). Nothing else in the app calls shell.openExternal or
 * shell.showItemInFolder, and nothing calls shell.openPath: a path is revealed, never opened
 * (see external-target.ts).
 */
import { shell } from 'electron'
import { ApiError } from '@shared/contract'
import { classifyExternalTarget } from './desktop/external-target'
import type { Logger } from '../core/log/logger'

/**
 * Validates synchronously (a refused target throws ApiError('forbidden'), which the core turns
 * into the channel's error), then hands a URL to the browser or reveals a path in the file
 * manager; an OS-level failure is only logged.
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
  shell.showItemInFolder(decision.path)
}

/** For callers that only want it tried (menu items, links): refusal is logged, not thrown. */
export function tryOpenExternal(target: string, log: Logger): void {
  try {
    openExternalTarget(target, log)
  } catch {
    // already logged by the chokepoint
  }
}
