/**
 * A station's label over the canvas: its name and, while a tool runs there, what the tool works
 * on (file, command, pattern…). In close-up every station of the focused zone has one; at
 * overview distance only the hovered station and each zone's busy station (once the zone is big
 * enough on screen to hold it). Positioned by the projector beside the model, never over a robot.
 */
import { memo } from 'react'
import { COMPACT_LABEL_ZONE_PX, STATION_MODEL_SCALE } from '../constants'
import { useZoneValue } from '../sim/zone-subscriptions'
import { STATIONS, type StationId } from '../stations/station-table'
import { placedZones } from '../zone-registry'
import { useOverlayEntry } from './use-overlay-entry'

/** Busy-station tags need a zone big enough on screen for its full label (radius, px). */
export const CONTEXT_TAG_MIN_ZONE_PX = COMPACT_LABEL_ZONE_PX

export type StationLabelMode = 'name' | 'context'

export const StationLabel = memo(function StationLabel({
  sessionId,
  station,
  mode,
}: {
  sessionId: string
  station: StationId
  mode: StationLabelMode
}) {
  const spec = STATIONS[station]
  const context = useZoneValue(sessionId, (z) => z.contexts.get(station) ?? '', '')
  const ref = useOverlayEntry<HTMLDivElement>({
    key: `station:${sessionId}:${station}:${mode}`,
    kind: 'station',
    sessionId,
    minZonePx: mode === 'context' ? CONTEXT_TAG_MIN_ZONE_PX : 0,
    anchor: (out) => {
      const z = placedZones.get(sessionId)
      if (!z) return false
      out.set(z.x + spec.position[0], z.elevation + 0.1, z.z + spec.position[1])
      return true
    },
    top: (out) => {
      const z = placedZones.get(sessionId)
      if (!z) return false
      out.set(
        z.x + spec.position[0],
        z.elevation + spec.height * STATION_MODEL_SCALE,
        z.z + spec.position[1],
      )
      return true
    },
  })
  if (mode === 'context' && !context) return null
  return (
    <div
      ref={ref}
      className={`station-label${context ? ' busy' : ''}`}
      data-testid="station-label"
      data-station={station}
      data-session={sessionId}
      style={{ ['--station-color' as string]: spec.color }}
    >
      <span className="station-dot" aria-hidden />
      <span className="station-name">{spec.label}</span>
      {context && <span className="station-context">{context}</span>}
    </div>
  )
})
