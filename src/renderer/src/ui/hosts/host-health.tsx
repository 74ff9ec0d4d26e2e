/**
 * One host's health in a few words (New Session's host picker, Settings › Hosts): its shared
 * connection now and what its last test found, the failure first since it is what stops a
 * session from starting there.
 */
import {
  CircleAlert,
  CircleCheck,
  CircleDashed,
  KeyRound,
  LoaderCircle,
  RefreshCw,
  ShieldAlert,
  Unplug,
} from 'lucide-react'
import type { HostCheckStatus, HostEntry } from '@shared/hosts'

export const CHECK_STATUS_TEXT: Record<HostCheckStatus, string> = {
  ready: 'Ready',
  incomplete: 'Missing tools',
  'host-key-unknown': 'Unknown host key',
  'host-key-changed': 'Host key changed',
  'auth-failed': 'Login refused',
  unreachable: 'Unreachable',
  failed: 'Failed',
}

/** ok: a session can start now; idle: it will connect when used; warn/err: it will not start. */
export type HostTone = 'ok' | 'idle' | 'busy' | 'warn' | 'err'

export interface HostHealth {
  tone: HostTone
  /** A few words: "Connected", "Not connected", "Unreachable"… */
  text: string
  /** The last test's round trip, when it reached the host. */
  latencyMs: number | null
}

export function hostHealth(host: HostEntry): HostHealth {
  const last = host.lastCheck
  const latencyMs = last?.latencyMs ?? null
  if (host.connection === 'connecting') return { tone: 'busy', text: 'Connecting…', latencyMs }
  // Sessions run there and the link is down: what matters now is that the app is on it.
  if (host.connection === 'reconnecting')
    return {
      tone: 'warn',
      text: `Reconnecting${host.reconnect ? ` (attempt ${host.reconnect.attempt})` : ''}`,
      latencyMs,
    }
  if (last && last.status !== 'ready') {
    const tone = last.status === 'incomplete' ? 'warn' : 'err'
    return { tone, text: CHECK_STATUS_TEXT[last.status], latencyMs }
  }
  if (host.connection === 'connected') return { tone: 'ok', text: 'Connected', latencyMs }
  return { tone: 'idle', text: 'Not connected', latencyMs }
}

export function HostHealthIcon({ host, size = 14 }: { host: HostEntry; size?: number }) {
  const props = { size, 'aria-hidden': true, className: 'host-health-icon' }
  const status = host.lastCheck?.status
  if (host.connection === 'connecting') return <LoaderCircle {...props} />
  if (host.connection === 'reconnecting') return <RefreshCw {...props} />
  if (status === 'host-key-unknown') return <KeyRound {...props} />
  if (status === 'host-key-changed') return <ShieldAlert {...props} />
  if (status === 'unreachable') return <Unplug {...props} />
  if (status && status !== 'ready') return <CircleAlert {...props} />
  if (host.connection === 'connected') return <CircleCheck {...props} />
  return <CircleDashed {...props} />
}
