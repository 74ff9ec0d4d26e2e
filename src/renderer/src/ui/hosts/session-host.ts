/** The remote host a session runs on, as the card and the zone label name it. */
import type { Session } from '@shared/sessions'
import { useAppStore } from '../../store'

export interface SessionHost {
  /** The host's label; its id while the host list is not loaded. */
  label: string
  /** What the tooltip says: the label and the ssh target. */
  title: string
}

/** Null for a session on this machine. */
export function useSessionHost(session: Pick<Session, 'hostId'> | undefined): SessionHost | null {
  const hostId = session?.hostId
  const host = useAppStore((s) => (hostId ? s.hosts.find((h) => h.id === hostId) : undefined))
  if (!hostId) return null
  if (!host) return { label: hostId, title: `Runs on the remote host ${hostId}` }
  return {
    label: host.label,
    title: `Runs on ${host.label}${host.target !== host.label ? ` (${host.target})` : ''}`,
  }
}
