/**
 * One station in a zone: its plinth and model, facing the zone centre, and the glow ring on the
 * floor that pulses when a tool starts there (the ring's per-instance opacity, so the rings of all
 * zones still draw in one call). The centre is the dais the robot stands on. Station names,
 * contexts and panels are HTML over the canvas (overlay/).
 */
import '../instancing/part-element'
import { useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import type { Group } from 'three'
import type { PartSlot } from '../instancing/part-slot'
import {
  STATION_BOB_UNITS,
  STATION_MODEL_SCALE,
  STATION_PULSE_OPACITY,
  STATION_RING_OPACITY,
} from '../constants'
import { geo, mat } from '../resources'
import { nowSeconds } from '../sim/clock'
import { stationGlow, type ZoneSim } from '../sim/zone-sim'
import { STATIONS, type StationId } from './station-table'
import { CenterDais, Plinth, STATION_MODELS } from './station-models'

interface Props {
  sessionId: string
  station: StationId
  zone: ZoneSim
  /** The session's colour (the centre dais is trimmed with it). */
  sessionColor: string
}

export function Station({ sessionId, station, zone, sessionColor }: Props) {
  const spec = STATIONS[station]
  const [x, z] = spec.position
  const bob = useRef<Group>(null)
  const ring = useRef<PartSlot>(null)
  const facing = Math.atan2(-x, -z)

  useFrame(() => {
    const now = nowSeconds()
    const glow = stationGlow(zone, station, now)
    // The models stand still unless a tool is running there (a lift while the glow pulses).
    if (bob.current) bob.current.position.y = glow * STATION_BOB_UNITS * 2
    if (ring.current) ring.current.opacity = STATION_RING_OPACITY + glow * STATION_PULSE_OPACITY
  })

  const name = `station:${sessionId}:${station}`
  if (station === 'center')
    return (
      <group name={name} userData={{ station }}>
        <CenterDais sessionColor={sessionColor} />
      </group>
    )
  const Model = STATION_MODELS[station]
  return (
    <group name={name} position={[x, 0.02, z]} userData={{ station }}>
      <group ref={bob} rotation={[0, facing, 0]} scale={STATION_MODEL_SCALE}>
        <Plinth tint={spec.color} />
        <Model tint={spec.color} />
      </group>
      <partSlot
        ref={ring}
        geometry={geo.ring(0.9, 1, 32)}
        material={mat.pulse(spec.color)}
        position={[0, 0.01, 0]}
        scale={[1.25 * STATION_MODEL_SCALE, 1, 1.25 * STATION_MODEL_SCALE]}
      />
    </group>
  )
}
