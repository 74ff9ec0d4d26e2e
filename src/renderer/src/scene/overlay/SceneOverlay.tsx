/**
 * The HTML laid over the workshop canvas (docs/workshop-style.md#labels-and-type): the
 * vignette, zone labels, pending zones' labels, station labels, station panels and the first-run
 * invitation. React
 * decides what exists; OverlayProjector (inside the canvas) positions it every rendered frame.
 */
import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../store'
import { SCENE_PALETTES, useSceneTheme } from '../scene-theme'
import { useSceneStore } from '../scene-store'
import { useZoneValue } from '../sim/zone-subscriptions'
import { STATUS_TONES } from '../status-style'
import { STATION_IDS, type StationId } from '../stations/station-table'
import { StationLabel } from './StationLabel'
import { StationPanels } from './StationPanels'
import { FirstRun } from './FirstRun'
import { PendingZoneLabel } from './PendingZoneLabel'
import { ZoneLabel } from './ZoneLabel'
import './overlay.css'

/** Status tone colours as CSS custom properties, from the one table in status-style.ts. */
const TONE_CSS = (['dark', 'light'] as const)
  .map(
    (theme) =>
      `.scene-overlay[data-theme='${theme}'] { ${Object.entries(STATUS_TONES)
        .map(([tone, c]) => `--tone-${tone}: ${c[theme]};`)
        .join(' ')} }`,
  )
  .join('\n')

/** The station a zone's robot is busy at, when it has something to say there. */
function BusyStation({ sessionId, hovered }: { sessionId: string; hovered: StationId | null }) {
  const station = useZoneValue(
    sessionId,
    (z) => (z.contexts.has(z.robot.station) ? z.robot.station : null),
    null,
  )
  // A hovered station shows its full label, context included.
  if (!station || station === hovered) return null
  return <StationLabel sessionId={sessionId} station={station} mode="context" />
}

export function SceneOverlay() {
  const theme = useSceneTheme()
  const zones = useSceneStore((s) => s.zones)
  const pendingZones = useSceneStore((s) => s.pendingZones)
  const { cameraMode, focused, hovered, panelsVisible } = useSceneStore(
    useShallow((s) => ({
      cameraMode: s.cameraMode,
      focused: s.focusedSessionId,
      hovered: s.hoveredStation,
      panelsVisible: s.panelsVisible,
    })),
  )
  const selected = useAppStore((s) => s.selectedSessionId)
  const loaded = useAppStore((s) => s.settings !== null)
  const empty = useAppStore((s) => s.sessions.length === 0)
  const closeUp = cameraMode !== 'overview' && focused !== null ? focused : null
  const built = useMemo(() => new Set(zones.map((z) => z.sessionId)), [zones])
  const panelZone = panelsVisible ? (closeUp ?? selected) : null

  return (
    <div className="scene-overlay" data-theme={theme} data-testid="scene-overlay">
      <style>{TONE_CSS}</style>
      <div className="scene-vignette" style={{ background: SCENE_PALETTES[theme].vignette }} />
      {zones.map((z) => (
        <ZoneLabel key={z.sessionId} zone={z} />
      ))}
      {/* Station panels, when shown, name the stations themselves. */}
      {closeUp &&
        built.has(closeUp) &&
        panelZone !== closeUp &&
        STATION_IDS.filter((s) => s !== 'center').map((st) => (
          <StationLabel key={`${closeUp}:${st}`} sessionId={closeUp} station={st} mode="name" />
        ))}
      {/* Busy-station tags of every zone in the overview; a close-up names its own stations. */}
      {closeUp === null &&
        zones.map((z) => (
          <BusyStation
            key={`busy:${z.sessionId}`}
            sessionId={z.sessionId}
            hovered={hovered?.sessionId === z.sessionId ? hovered.station : null}
          />
        ))}
      {hovered && hovered.sessionId !== closeUp && built.has(hovered.sessionId) && (
        <StationLabel
          key={`hover:${hovered.sessionId}:${hovered.station}`}
          sessionId={hovered.sessionId}
          station={hovered.station}
          mode="name"
        />
      )}
      {panelZone && built.has(panelZone) && <StationPanels sessionId={panelZone} />}
      {pendingZones.map((z) => (
        <PendingZoneLabel key={z.id} zone={z} />
      ))}
      {loaded && empty && pendingZones.length === 0 && <FirstRun />}
    </div>
  )
}
