/**
 * A host's "Send my Claude credentials" switch (docs/remote-hosts.md, "Credentials stay put").
 * Off by default: sessions there use the host's own Claude login. The line under it says, by
 * name, what turning it on sends and how, so the user decides knowing both.
 */
import { KeySquare } from 'lucide-react'
import type { HostEntry } from '@shared/hosts'
import { Toggle } from '../dialogs/settings-controls'

function whatIsSent(host: HostEntry): string {
  const names = host.credentialsAvailable
  if (!host.forwardCredentials)
    return names.length === 0
      ? "Sessions there use the host's own Claude login."
      : `Sessions there use the host's own Claude login. On, new sessions there get ${names.join(', ')} from this machine.`
  return names.length === 0
    ? 'On, but this machine has no Claude key or cloud credentials in its environment: nothing is sent.'
    : `New sessions there get ${names.join(', ')} from this machine, in their launch file over ssh (never in a command line). Credential files are not copied.`
}

export function HostCredentials({
  host,
  busy,
  onChange,
}: {
  host: HostEntry
  busy: boolean
  onChange(forward: boolean): void
}) {
  const on = host.forwardCredentials === true
  return (
    <div className="host-credentials">
      <KeySquare size={14} aria-hidden className="host-credentials-icon" />
      <div className="host-credentials-text">
        <span>Send my Claude credentials</span>
        <small data-testid="host-credentials-detail">{whatIsSent(host)}</small>
      </div>
      <fieldset disabled={busy} className="host-credentials-control">
        <Toggle
          checked={on}
          onChange={onChange}
          label={`Send my Claude credentials to ${host.label}`}
        />
      </fieldset>
    </div>
  )
}
