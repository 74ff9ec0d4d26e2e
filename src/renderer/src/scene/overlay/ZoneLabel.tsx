/**
 * A zone's label over the canvas: hotkey, name and status chip, and under them the git label
 * `branch +a/−r` (long branch names shortened, the full one on hover). Clicking it focuses the
 * zone. Positioned by the projector at the back of the zone; on a small zone the projector makes
 * it compact (COMPACT_LABEL_ZONE_PX), and the tooltip then carries what it leaves out.
 */
import { memo } from 'react'
import {
  Activity,
  CircleCheck,
  CirclePause,
  CircleX,
  GitBranch,
  Loader,
  MessageCircleQuestion,
  RefreshCw,
  Server,
  ShieldAlert,
  SquareTerminal,
  Unplug,
  type LucideIcon,
} from 'lucide-react'
import { gitLabel } from '@shared/git-label'
import { useAppStore } from '../../store'
import { focusZone } from '../camera-actions'
import { ZONE_LABEL_ANCHOR } from '../constants'
import { STATUS_STYLES, visualStatus, type ChipIcon } from '../status-style'
import { placedZones, type PlacedZone } from '../zone-registry'
import { shortBranch } from './branch-name'
import { useOverlayEntry } from './use-overlay-entry'
import { RECONNECTING_LABEL, useSessionHost } from '../../ui/hosts/session-host'

export const CHIP_ICONS: Record<ChipIcon, LucideIcon> = {
  Loader,
  SquareTerminal,
  Activity,
  ShieldAlert,
  MessageCircleQuestion,
  CirclePause,
  CircleCheck,
  CircleX,
  Unplug,
}

/** The text a zone label shows for its name line (also what tests and the debug hook read). */
export function zoneLabelText(name: string, hotkey: number | null): string {
  return hotkey ? `${hotkey}  ${name}` : name
}

export const ZoneLabel = memo(function ZoneLabel({ zone }: { zone: PlacedZone }) {
  const id = zone.sessionId
  const session = useAppStore((s) => s.sessions.find((x) => x.id === id))
  const git = gitLabel(useAppStore((s) => s.git[id]))
  const host = useSessionHost(session)
  const ref = useOverlayEntry<HTMLDivElement>({
    key: `zone:${id}`,
    kind: 'zone',
    sessionId: id,
    anchor: (out) => {
      const z = placedZones.get(id)
      if (!z) return false
      out.set(
        z.x + ZONE_LABEL_ANCHOR[0],
        z.elevation + ZONE_LABEL_ANCHOR[1],
        z.z + ZONE_LABEL_ANCHOR[2],
      )
      return true
    },
  })
  if (!session) return null
  const look = visualStatus(session)
  const chip = STATUS_STYLES[look].chip
  const Icon = chip ? CHIP_ICONS[chip.icon] : null
  const branch = git ? shortBranch(git.branch) : ''
  const gitTitle = git
    ? `${git.branch}${git.clean ? ' — clean' : ` — ${git.added} added, ${git.removed} removed`}`
    : ''
  return (
    <div
      ref={ref}
      className="zone-label"
      data-testid="zone-label"
      data-session={id}
      data-status={look}
      data-link={host?.reconnecting ? 'reconnecting' : undefined}
      data-text={zoneLabelText(session.name, zone.hotkey)}
      title={[session.name, host?.title, chip?.text, gitTitle].filter(Boolean).join(' · ')}
      style={{ ['--zone-color' as string]: `var(--session-${zone.hue})` }}
      onClick={() => focusZone(id)}
    >
      <div className="zone-label-main">
        {zone.hotkey !== null && <span className="zone-key">{zone.hotkey}</span>}
        <span className="zone-name">{session.name}</span>
        {chip && Icon && (
          <span
            className={`zone-chip tone-${chip.tone}${STATUS_STYLES[look].pulse ? ' asks' : ''}`}
          >
            <Icon size={12} strokeWidth={2.4} aria-hidden />
            <span className="zone-chip-text">{chip.text}</span>
          </span>
        )}
      </div>
      {(host || git) && (
        <div className="zone-sub">
          {host && (
            <div
              className={`zone-host${host.reconnecting ? ' reconnecting' : ''}`}
              title={host.title}
              data-testid="host-badge"
            >
              {host.reconnecting ? (
                <RefreshCw size={11} strokeWidth={2.4} aria-hidden />
              ) : (
                <Server size={11} strokeWidth={2.4} aria-hidden />
              )}
              <span className="zone-host-name">
                {host.reconnecting
                  ? `${host.label} · ${RECONNECTING_LABEL.toLowerCase()}`
                  : host.label}
              </span>
            </div>
          )}
          {git && (
            <div className={`zone-git git-${git.size}`} title={gitTitle} data-testid="zone-git">
              <GitBranch size={11} strokeWidth={2.4} aria-hidden />
              <span className="zone-git-branch">{branch}</span>
              {git.clean ? (
                <span className="zone-git-count">{'\u2713'}</span>
              ) : (
                <span className="zone-git-count">
                  +{git.added}/{'\u2212'}
                  {git.removed}
                </span>
              )}
            </div>
          )}
        </div>
      )}
    </div>
  )
})
