/** How a session's status reads on its card (docs/original.md#session-cards, with the app's richer model). */
import type { PendingRequest } from '@shared/permissions'
import type { Session } from '@shared/sessions'
import { baseName, timeAgo } from '../common/format'

export const STATUS_LABEL: Record<Session['status'], string> = {
  idle: 'Idle',
  working: 'Working',
  waiting: 'Waiting for you',
  attention: 'Finished',
  offline: 'Offline',
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
  else if (session.status === 'attention') what = 'Finished · needs a look'
  else if (session.status === 'offline')
    what = session.kind === 'managed' ? 'Offline · restart to resume' : 'Offline'
  else if (session.currentTool) what = `Using ${session.currentTool}`
  else if (session.status === 'working') what = 'Thinking'
  else what = baseName(session.cwd)
  return `${what} · ${timeAgo(session.lastActivity, now)}`
}

/** Last prompt on the card, cut to one short line (original: 35 characters; cards are wider). */
export const LAST_PROMPT_CHARS = 70
