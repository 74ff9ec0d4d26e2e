/** What the fleet controls do: change a session's policy, edit and reorder queued prompts. */
import type { SessionPolicy } from '@shared/fleet'
import { core } from '../../transport'
import { attempt } from '../commands'

export function setPolicy(sessionId: string, patch: Partial<SessionPolicy>): Promise<unknown> {
  return attempt('Could not change the session', () =>
    core().invoke('fleet.setPolicy', { sessionId, ...patch }),
  )
}

export function editQueued(id: string, text: string): Promise<unknown> {
  return attempt('Could not change the queued prompt', () =>
    core().invoke('prompts.edit', { id, text }),
  )
}

export function moveQueued(id: string, index: number): Promise<unknown> {
  return attempt('Could not move the queued prompt', () =>
    core().invoke('prompts.move', { id, index }),
  )
}

export function removeQueued(id: string): Promise<unknown> {
  return attempt('Could not remove the queued prompt', () =>
    core().invoke('prompts.remove', { id }),
  )
}
