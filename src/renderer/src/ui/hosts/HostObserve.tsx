/**
 * A host's "Observe Claude sessions started there" switch (docs/remote-hosts.md, "Observed
 * sessions on a host"). Off by default. On, Atelier's hooks go into the host user's
 * ~/.claude/settings.json (merged, removed again when turned off) and the sessions started there
 * by hand appear here, read-only, under the host's name.
 */
import { Eye } from 'lucide-react'
import type { HostEntry } from '@shared/hosts'
import { Toggle } from '../dialogs/settings-controls'

function observeText(host: HostEntry): string {
  if (!host.observe)
    return "Claude sessions started by hand there do not show here. On, Atelier's hooks are added to the host's ~/.claude/settings.json (yours are kept)."
  const o = host.observation
  if (o?.state === 'starting')
    return `Waiting for the host to set up observing${o.error ? `: ${o.error}` : ''}.`
  return "Claude sessions started by hand there show here under the host's name (read-only). Off removes Atelier's hooks from the host."
}

export function HostObserve({
  host,
  busy,
  onChange,
}: {
  host: HostEntry
  busy: boolean
  onChange(observe: boolean): void
}) {
  return (
    <div className="host-credentials">
      <Eye size={14} aria-hidden className="host-credentials-icon" />
      <div className="host-credentials-text">
        <span>Observe Claude sessions started there</span>
        <small data-testid="host-observe-detail">{observeText(host)}</small>
      </div>
      <fieldset disabled={busy} className="host-credentials-control">
        <Toggle
          checked={host.observe === true}
          onChange={onChange}
          label={`Observe Claude sessions started on ${host.label}`}
        />
      </fieldset>
    </div>
  )
}
