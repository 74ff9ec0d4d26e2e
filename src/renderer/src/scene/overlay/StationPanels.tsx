/**
 * Station panels (P): for the focused zone (or the selected one), one card per station with the
 * calls open there (started, not ended: running or held for permission) above its last actions,
 * three rows at most, laid out by the projector in columns beside the zone so they never overlap,
 * each joined to its station by a thin line.
 */
import { memo, useLayoutEffect, useRef } from 'react'
import { Check, CircleDashed, X } from 'lucide-react'
import { PANEL_HISTORY, STATION_MODEL_SCALE } from '../constants'
import { useZoneValue } from '../sim/zone-subscriptions'
import { workshopSim } from '../sim/world-sim'
import { openCallsAt } from '../sim/zone-sim'
import { STATIONS, STATION_IDS, type StationId } from '../stations/station-table'
import { placedZones } from '../zone-registry'
import { connectorLayer } from './overlay-registry'
import { useOverlayEntry } from './use-overlay-entry'

const PANEL_STATIONS = STATION_IDS.filter((s) => s !== 'center')

const StationPanel = memo(function StationPanel({
  sessionId,
  station,
}: {
  sessionId: string
  station: StationId
}) {
  const spec = STATIONS[station]
  const version = useZoneValue(sessionId, (z) => z.panelsVersion, 0)
  const ref = useOverlayEntry<HTMLDivElement>({
    key: `panel:${sessionId}:${station}`,
    kind: 'panel',
    sessionId,
    anchor: (out) => {
      const z = placedZones.get(sessionId)
      if (!z) return false
      out.set(
        z.x + spec.position[0],
        z.elevation + spec.height * STATION_MODEL_SCALE * 0.6,
        z.z + spec.position[1],
      )
      return true
    },
  })
  void version
  const zone = workshopSim.zones.get(sessionId)
  const open = zone ? openCallsAt(zone, station).slice(0, PANEL_HISTORY) : []
  const done = (zone?.panels.get(station) ?? []).slice(0, PANEL_HISTORY - open.length)
  return (
    <div
      ref={ref}
      className="station-panel"
      data-testid="station-panel"
      data-station={station}
      style={{ ['--station-color' as string]: spec.color }}
    >
      <div className="station-panel-title">
        <span className="station-dot" aria-hidden />
        {spec.label}
      </div>
      {open.length + done.length === 0 && (
        <div className="station-panel-empty">No activity yet</div>
      )}
      {open.map((text, i) => (
        <div key={`open${i}`} className="station-panel-row open" title="Started, not ended yet">
          <CircleDashed size={11} aria-hidden />
          <span>{text}</span>
        </div>
      ))}
      {done.map((e, i) => (
        <div key={`done${i}`} className={`station-panel-row ${e.success ? 'ok' : 'err'}`}>
          {e.success ? <Check size={11} aria-hidden /> : <X size={11} aria-hidden />}
          <span>{e.text}</span>
        </div>
      ))}
    </div>
  )
})

export function StationPanels({ sessionId }: { sessionId: string }) {
  const svg = useRef<SVGSVGElement>(null)
  useLayoutEffect(() => {
    connectorLayer.el = svg.current
    return () => {
      connectorLayer.el = null
    }
  }, [])
  return (
    <>
      <svg ref={svg} className="panel-connectors" aria-hidden />
      {PANEL_STATIONS.map((st) => (
        <StationPanel key={st} sessionId={sessionId} station={st} />
      ))}
    </>
  )
}
