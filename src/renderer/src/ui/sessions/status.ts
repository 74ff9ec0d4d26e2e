/** How a session's status reads on its card (docs/original.md#session-cards, with the app's richer model). */
import type { PendingRequest } from '@shared/permissions'
import type { Session } from '@shared/sessions'
import { SESSION_STATE_LABEL } from '@shared/lifecycle'
import { baseName } from '@shared/text'
import { timeAgo } from '../common/format'

/** One word or two per lifecycle state (docs/session-lifecycle.md); scenario tests read these. */
export const STATUS_LABEL: Record<Session['status'], string> = SESSION_STATE_LABEL

/** How the process ended: "exit 0", "exit 1", "SIGKILL". */
function exitText(exit: Session['exit']): string {
  if (!exit) return ''
  return exit.signal ? ` (${exit.signal})` : exit.code !== null ? ` (exit ${exit.code})` : ''
}

/** The card's detail line, most urgent fact first. */
export function detailLine(
  session: Session,
  pending: PendingRequest | undefined,
  now = Date.now(),
): string {
  let what: string
  if (pending)
    what =
      pending.kind === 'question'
        ? 'Has a question for you'
        : `Waiting for permission: ${pending.toolName}`
  else
    switch (session.status) {
      case 'starting':
        what = 'Starting Claude Code'
        break
      case 'screen':
        what = 'Waiting on a screen in its terminal'
        break
      case 'permission':
        what = 'Waiting for permission in its terminal'
        break
      case 'question':
        what = 'Has a question for you'
        break
      case 'interrupted':
        what = 'Interrupted'
        break
      case 'finished':
        what = 'Finished'
        break
      case 'failed':
        what = `Failed${session.failure ? `: ${session.failure.details || session.failure.error}` : ''}`
        break
      case 'offline':
        what =
          (session.kind === 'managed' ? 'Offline · restart to resume' : 'Offline') +
          exitText(session.exit)
        break
      case 'working':
        what = session.currentTool ? `Using ${session.currentTool}` : 'Thinking'
        break
      case 'idle':
        what = baseName(session.cwd)
        break
    }
  return `${what} · ${timeAgo(session.lastActivity, now)}`
}

/** Last prompt on the card, cut to one short line (original: 35 characters; cards are wider). */
export const LAST_PROMPT_CHARS = 70
