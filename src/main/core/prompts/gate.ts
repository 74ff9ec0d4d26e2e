/** Whether a prompt for a session goes out now, waits in its queue, or cannot be taken. */
import type { Hold } from '@shared/fleet'
import type { Session } from '@shared/sessions'
import type { PromptGate } from './prompt-queue'

/**
 * Claude is busy with a turn, waits on the user inside one, or has not started taking input:
 * typed text would land in the turn, the question or a screen. Both the fine-grained lifecycle
 * states and the coarse ones are named.
 */
const BUSY: ReadonlySet<string> = new Set([
  'working',
  'waiting',
  'permission',
  'question',
  'starting',
  'screen',
])

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
