/** The remote host a session runs on, as the card and the zone label name it. */
import type { Session } from '@shared/sessions'
import { useAppStore } from '../../store'

export interface SessionHost {
  /** The host's label; its id while the host list is not loaded. */
  label: string
  /** What the tooltip says: the label and the ssh target (and the lost link, while it is). */
  title: string
  /**
   * The host stopped answering and the app is reaching it again (the session runs on there,
   * unseen): the attempt that is next. Null while the host answers.
   */
  reconnecting: { attempt: number } | null
}

/** The word cards and zone labels show for a session whose host's link is down. */
export const RECONNECTING_LABEL = 'Reconnecting'

/** Null for a session on this machine. */
export function useSessionHost(
  session: (Pick<Session, 'hostId'> & Partial<Pick<Session, 'kind'>>) | undefined,
): SessionHost | null {
  const hostId = session?.hostId
  const host = useAppStore((s) => (hostId ? s.hosts.find((h) => h.id === hostId) : undefined))
  if (!hostId) return null
  // An observed session there was started by hand on the host; Atelier only watches it.
  const verb = session?.kind === 'observed' ? 'Started by hand on' : 'Runs on'
  if (!host)
    return { label: hostId, title: `${verb} the remote host ${hostId}`, reconnecting: null }
  const runsOn = `${verb} ${host.label}${host.target !== host.label ? ` (${host.target})` : ''}`
  const reconnect = host.connection === 'reconnecting' ? host.reconnect : undefined
  if (host.connection === 'reconnecting')
    return {
      label: host.label,
      title: `${runsOn}. The link is down: reconnecting${reconnect ? `, attempt ${reconnect.attempt}` : ''}. Claude keeps running there; its events arrive when the link is back.`,
      reconnecting: { attempt: reconnect?.attempt ?? 1 },
    }
  return { label: host.label, title: runsOn, reconnecting: null }
}
