/**
 * Where a new session runs: this machine or one of the saved remote hosts, each named with its
 * health so a host that is down or refusing is seen before the session is started there.
 */
import type { HostEntry } from '@shared/hosts'
import { Field } from '../dialogs/Dialog'
import { HostHealthIcon, hostHealth } from './host-health'
import './hosts.css'

const THIS_MACHINE = ''

function selectedHint(host: HostEntry | null) {
  if (!host) return 'Sessions here run in the built-in terminal or tmux.'
  const health = hostHealth(host)
  const why =
    health.tone === 'ok'
      ? health.latencyMs !== null
        ? `round trip ${health.latencyMs} ms`
        : null
      : health.tone === 'idle'
        ? 'Atelier connects and tests it when the session starts'
        : health.tone === 'busy'
          ? null
          : `${host.lastCheck?.message ?? ''} (Settings › Hosts)`.trim()
  return (
    <span className={`host-health ${health.tone}`}>
      <HostHealthIcon host={host} size={12} />
      <span>
        {health.text}
        {why && `: ${why}`}
      </span>
    </span>
  )
}

export function HostPicker({
  id,
  hosts,
  value,
  onChange,
  error,
}: {
  id: string
  hosts: readonly HostEntry[]
  /** A host's id, or null for this machine. */
  value: string | null
  onChange(hostId: string | null): void
  error?: string | null
}) {
  const host = hosts.find((h) => h.id === value) ?? null
  return (
    <Field label="Runs on" htmlFor={id} error={error} hint={selectedHint(host)}>
      <select
        id={id}
        value={host?.id ?? THIS_MACHINE}
        onChange={(e) => onChange(e.target.value === THIS_MACHINE ? null : e.target.value)}
      >
        <option value={THIS_MACHINE}>This machine</option>
        {hosts.map((h) => (
          <option key={h.id} value={h.id}>
            {h.label} — {hostHealth(h).text}
          </option>
        ))}
      </select>
    </Field>
  )
}
