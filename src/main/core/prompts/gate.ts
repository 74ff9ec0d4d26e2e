/** Whether a prompt for a session goes out now, waits in its queue, or cannot be taken. */
import type { Hold } from '@shared/fleet'
import type { Session, SessionStatus } from '@shared/sessions'
import type { PromptGate } from './prompt-queue'

/** Claude is busy with a turn or waits on the user inside one: typed text would land in it. */
const BUSY: ReadonlySet<SessionStatus> = new Set<SessionStatus>(['working', 'waiting'])

export function promptGate(session: Session | undefined, hold: Hold | null): PromptGate {
  if (!session) return { kind: 'refuse', message: 'no such session' }
  if (session.kind === 'observed')
    return {
      kind: 'refuse',
      message: `"${session.name}" was not started by Atelier: type into its own terminal`,
    }
  if (!session.alive)
    return { kind: 'refuse', message: `"${session.name}" is not running: restart it first` }
  if (hold || BUSY.has(session.status)) return { kind: 'queue' }
  return { kind: 'send' }
}
