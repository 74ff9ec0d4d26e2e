/** Whether a prompt for a session goes out now, waits in its queue, or cannot be taken. */
import type { Hold } from '@shared/fleet'
import type { Session } from '@shared/sessions'
import { BUSY_STATES } from '@shared/lifecycle'
import type { PromptGate } from './prompt-queue'

export function promptGate(session: Session | undefined, hold: Hold | null): PromptGate {
  if (!session) return { kind: 'refuse', message: 'no such session' }
  if (session.kind === 'observed')
    return {
      kind: 'refuse',
      message: `"${session.name}" was not started by Atelier: type into its own terminal`,
    }
  if (!session.alive)
    return { kind: 'refuse', message: `"${session.name}" is not running: restart it first` }
  if (hold || BUSY_STATES.has(session.status)) return { kind: 'queue' }
  return { kind: 'send' }
}
