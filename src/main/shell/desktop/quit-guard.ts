/**
 * Quitting the app ends pty-backed sessions (their processes are children of the app) while tmux
 * sessions keep running in their tmux server. So quit asks first, but only when something would
 * actually be lost.
 */
import { z } from 'zod'
import { BackendSchema } from '@shared/sessions'

/** The fields of a `sessions.list` entry the decision needs; extra fields are ignored. */
const ListedSessionSchema = z.object({
  id: z.string(),
  name: z.string(),
  backend: BackendSchema.nullable(),
  alive: z.boolean(),
})
const SessionsListSchema = z.object({ sessions: z.array(ListedSessionSchema) })

export interface QuitImpact {
  /** Running pty sessions that quitting would end. */
  endingSessions: { id: string; name: string }[]
  /** Running tmux sessions (here or on a remote host) that keep running after quit. */
  survivingCount: number
}

/** Reads a `sessions.list` response; an unexpected shape counts as "nothing running". */
export function assessQuitImpact(sessionsListResponse: unknown): QuitImpact {
  const parsed = SessionsListSchema.safeParse(sessionsListResponse)
  if (!parsed.success) return { endingSessions: [], survivingCount: 0 }
  const running = parsed.data.sessions.filter((s) => s.alive)
  return {
    endingSessions: running
      .filter((s) => s.backend === 'pty')
      .map(({ id, name }) => ({ id, name })),
    survivingCount: running.filter((s) => s.backend === 'tmux' || s.backend === 'ssh').length,
  }
}

/** The confirmation text, or null when quitting loses nothing and needs no question. */
export function quitConfirmationMessage(
  impact: QuitImpact,
): { message: string; detail: string } | null {
  const count = impact.endingSessions.length
  if (count === 0) return null
  const names = impact.endingSessions.map((s) => `• ${s.name}`).join('\n')
  const survivors =
    impact.survivingCount > 0
      ? `\n\n${impact.survivingCount} tmux session${impact.survivingCount === 1 ? '' : 's'} will keep running.`
      : ''
  return {
    message: `Quit and end ${count} running session${count === 1 ? '' : 's'}?`,
    detail: `These terminal (pty) sessions stop when Atelier quits; you can resume them later:\n${names}${survivors}`,
  }
}
