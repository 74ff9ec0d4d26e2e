/**
 * One session's zone: the floor (tint, border, status band and pattern in one material), the
 * nine stations, the robot, its subagents at the portal, pills and the particle burst. Its name,
 * git and station labels are HTML laid over the canvas (overlay/). The status look, the attention
 * pulse, the enter/exit animations and the raise on painted hexes run in useFrame.
 */
import '../instancing/part-element'
import { memo, useEffect, useMemo, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import type { Group } from 'three'
import type { SessionStatus } from '@shared/sessions'
import { hueColor } from '../../theme/session-palette'
import {
  ATTENTION_PULSE_S,
  ROBOT_DETAIL_DISTANCE_UNITS,
  STATION_DETAIL_DISTANCE_UNITS,
  STATIONS_APPEAR_AT,
  ZONE_ENTER_S,
  ZONE_EXIT_S,
  ZONE_RAISE_S,
} from '../constants'
import { requestFramesFor } from '../frame-demand'
import { SCENE_PALETTES, useSceneTheme } from '../scene-theme'
import { Robot } from '../robot/Robot'
import { nowSeconds } from '../sim/clock'
import { workshopSim } from '../sim/world-sim'
import { useZoneValue } from '../sim/zone-subscriptions'
import type { ZoneSim } from '../sim/zone-sim'
import { STATION_IDS } from '../stations/station-table'
import { Station } from '../stations/Station'
import { STATUS_STYLES, visualStatus } from '../status-style'
import { Burst } from './Burst'
import { FloorMaterial, floorGeometryShared } from './floor-material'
import { floorLook } from './floor-look'
import { Pills } from './Pills'
import { pulseLevel, pulseSince } from './status-pulse'

export interface ZoneProps {
  sessionId: string
  status: SessionStatus
  /** Session colour slot (theme/session-palette.ts). */
  hue: number
  x: number
  z: number
  elevation: number
  /** Set when the session is gone: the zone shrinks away, then the parent unmounts it. */
  exitingSince: number | null
  /** Fully built from the first frame, at any distance (the shader warm-up). */
  instant?: boolean
}

const easeOutCubic = (t: number) => 1 - (1 - t) ** 3
const easeInCubic = (t: number) => t * t * t

/** React renders the subagent list only when its membership changes. */
function useSubagents(zone: ZoneSim) {
  const version = useZoneValue(zone.sessionId, (z) => z.subagentsVersion, 0)
  return useMemo(() => {
    void version
    return [...zone.subagents.values()]
  }, [zone, version])
}

/** Memoised: a sessions push re-renders only the zones whose props changed. */
export const Zone = memo(function Zone({
  sessionId,
  status,
  hue,
  x,
  z,
  elevation,
  exitingSince,
  instant = false,
}: ZoneProps) {
  const zone = workshopSim.zone(sessionId)
  const subagents = useSubagents(zone)
  const theme = useSceneTheme()
  const palette = SCENE_PALETTES[theme]
  const color = hueColor(hue, theme)
  const look = visualStatus({ status })
  const root = useRef<Group>(null)
  const scaler = useRef<Group>(null)
  const stations = useRef<Group>(null)
  const actors = useRef<Group>(null)
  const mountedAt = useRef(instant ? -Infinity : nowSeconds())
  const lift = useRef({ from: elevation, to: elevation, start: 0 })
  /** The look the zone shows and since when (-Infinity: the one it mounted with). */
  const entered = useRef({ look, since: -Infinity })

  const floorMat = useMemo(() => new FloorMaterial(), [])
  useEffect(() => () => floorMat.dispose(), [floorMat])
  useEffect(() => {
    if (floorMat.apply(floorLook(look, theme, color, palette))) requestFramesFor(0.05)
  }, [floorMat, look, theme, color, palette])
  useEffect(() => {
    requestFramesFor(ZONE_ENTER_S)
  }, [])
  useEffect(() => {
    if (entered.current.look === look) return
    entered.current = { look, since: nowSeconds() }
    if (STATUS_STYLES[look].pulse) requestFramesFor(ATTENTION_PULSE_S)
  }, [look])
  useEffect(() => {
    if (exitingSince !== null) requestFramesFor(ZONE_EXIT_S)
  }, [exitingSince])
  useEffect(() => {
    const l = lift.current
    if (l.to === elevation) return
    l.from = root.current?.position.y ?? l.to
    l.to = elevation
    l.start = nowSeconds()
    requestFramesFor(ZONE_RAISE_S)
  }, [elevation])

  useFrame(({ camera }) => {
    const now = nowSeconds()
    const distance = camera.position.distanceTo(root.current?.position ?? camera.position)
    const stationsNear = instant || distance < STATION_DETAIL_DISTANCE_UNITS
    if (actors.current) actors.current.visible = instant || distance < ROBOT_DETAIL_DISTANCE_UNITS
    // Enter / exit scale.
    let s: number
    if (exitingSince !== null) {
      s = 1 - easeInCubic(Math.min(1, (now - exitingSince) / ZONE_EXIT_S))
      if (stations.current) stations.current.visible = stationsNear
    } else {
      const k = Math.min(1, (now - mountedAt.current) / ZONE_ENTER_S)
      s = 0.01 + 0.99 * easeOutCubic(k)
      if (stations.current) stations.current.visible = k >= STATIONS_APPEAR_AT && stationsNear
    }
    scaler.current?.scale.setScalar(Math.max(0.001, s))
    // Raise on painted hexes: 150 ms ease-out.
    const l = lift.current
    const lk = Math.min(1, (now - l.start) / ZONE_RAISE_S)
    if (root.current) root.current.position.y = l.from + (l.to - l.from) * easeOutCubic(lk)
    floorMat.floor.uPulse.value = pulseLevel(
      STATUS_STYLES[look].pulse,
      pulseSince(entered.current.since, zone.attention?.since),
      now,
    )
  })

  return (
    <group
      ref={root}
      name={`zone:${sessionId}`}
      position={[x, elevation, z]}
      userData={{ sessionId, status, look }}
    >
      <group ref={scaler}>
        <mesh
          geometry={floorGeometryShared()}
          material={floorMat}
          position={[0, 0.02, 0]}
          receiveShadow
          userData={{ sessionId }}
        />
        <group ref={stations} visible={false}>
          {STATION_IDS.map((st) => (
            <Station key={st} sessionId={sessionId} station={st} zone={zone} sessionColor={color} />
          ))}
        </group>
        <group ref={actors}>
          <Robot name={`robot:${sessionId}`} color={color} sim={zone.robot} />
          {subagents.map((sub) => (
            <Robot
              key={sub.id}
              name={`subagent:${sub.id}`}
              color={sub.color}
              sim={sub.robot}
              mini
            />
          ))}
        </group>
        <Pills zone={zone} />
        <Burst zone={zone} color={color} />
      </group>
    </group>
  )
})
