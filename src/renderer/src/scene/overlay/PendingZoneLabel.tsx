/**
 * The label of a zone being created (world/PendingZones.tsx draws its outline and dots): crisp
 * HTML over the canvas like every other label, "Starting name…" and, once the session has not
 * answered in time, "name: not responding". Centred above the pending hex by the projector.
 */
import { memo } from 'react'
import { CircleAlert, Loader } from 'lucide-react'
import { hexToWorld } from '../hex'
import type { PendingZone } from '../scene-store'
import { useOverlayEntry } from './use-overlay-entry'

/** Height of the label above the pending hex's centre (world units). */
const PENDING_LABEL_HEIGHT_UNITS = 3.5

export const PendingZoneLabel = memo(function PendingZoneLabel({ zone }: { zone: PendingZone }) {
  const ref = useOverlayEntry<HTMLDivElement>({
    key: `pending:${zone.id}`,
    kind: 'placeholder',
    sessionId: '',
    anchor: (out) => {
      const w = hexToWorld(zone.hex)
      out.set(w.x, PENDING_LABEL_HEIGHT_UNITS, w.z)
      return true
    },
  })
  return (
    <div
      ref={ref}
      className={`pending-label${zone.timedOut ? ' timed-out' : ''}`}
      data-testid="pending-label"
    >
      {zone.timedOut ? (
        <>
          <CircleAlert size={13} strokeWidth={2.4} aria-hidden />
          {zone.name}: not responding
        </>
      ) : (
        <>
          <Loader className="pending-spin" size={13} strokeWidth={2.4} aria-hidden />
          Starting {zone.name}
          {'\u2026'}
        </>
      )}
    </div>
  )
})
