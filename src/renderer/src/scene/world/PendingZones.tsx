/**
 * Loading placeholders for sessions being created (docs/original.md#scene): a hex outline pulsing at
 * 0.3 ± 0.2 opacity with three spinning, bobbing dots, red once the session has not answered in
 * 10 s. The label ("Starting name…", "not responding") is HTML over the canvas
 * (overlay/PendingZoneLabel.tsx).
 */
import { useEffect, useMemo, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import { LineBasicMaterial, type Group } from 'three'
import { HEX_RADIUS_UNITS } from '../constants'
import { hexToWorld } from '../hex'
import { geo, mat } from '../resources'
import { STATUS_PALETTE } from '@shared/status-palette'
import type { PendingZone } from '../scene-store'
import { nowSeconds } from '../sim/clock'

const DOT_ORBIT_UNITS = 1.5
const PENDING_COLOR = '#4ac8e8'

function Pending({ zone }: { zone: PendingZone }) {
  const dots = useRef<Group>(null)
  const material = useMemo(
    () => new LineBasicMaterial({ color: PENDING_COLOR, transparent: true, opacity: 0.3 }),
    [],
  )
  useEffect(() => {
    material.color.set(zone.timedOut ? STATUS_PALETTE.error : PENDING_COLOR)
  }, [material, zone.timedOut])
  useEffect(() => () => material.dispose(), [material])
  useFrame(({ invalidate }) => {
    const t = nowSeconds()
    material.opacity = 0.3 + 0.2 * Math.sin(t * 3)
    dots.current?.children.forEach((d, i) => {
      const a = t * 2 + (i * Math.PI * 2) / 3
      d.position.set(
        Math.cos(a) * DOT_ORBIT_UNITS,
        1 + Math.sin(t * 4 + i) * 0.3,
        Math.sin(a) * DOT_ORBIT_UNITS,
      )
    })
    invalidate()
  })
  const w = hexToWorld(zone.hex)
  return (
    <group name={`pending:${zone.id}`} position={[w.x, 0.05, w.z]}>
      <lineLoop geometry={geo.hexOutline(HEX_RADIUS_UNITS * 0.98)} material={material} />
      <group ref={dots}>
        {[0, 1, 2].map((i) => (
          <mesh key={i} geometry={geo.sphere(0.2, 10)} material={mat.glow(PENDING_COLOR)} />
        ))}
      </group>
    </group>
  )
}

export function PendingZones({ zones }: { zones: readonly PendingZone[] }) {
  return (
    <group name="pending-zones">
      {zones.map((z) => (
        <Pending key={z.id} zone={z} />
      ))}
    </group>
  )
}
