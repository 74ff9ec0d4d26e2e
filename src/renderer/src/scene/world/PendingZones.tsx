/**
 * Loading placeholders for sessions being created (docs/original.md#scene): a hex outline pulsing at
 * 0.3 ± 0.2 opacity with three spinning, bobbing dots, and after 10 s a "not responding" note.
 */
import { useEffect, useMemo, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import { LineBasicMaterial, type Group } from 'three'
import { HEX_RADIUS_UNITS } from '../constants'
import { CanvasLabel, LABEL_FONT, drawGlowText } from '../canvas-text'
import { hexToWorld } from '../hex'
import { geo, mat } from '../resources'
import { STATUS_PALETTE } from '@shared/status-palette'
import type { PendingZone } from '../scene-store'
import { nowSeconds } from '../sim/clock'

const DOT_ORBIT_UNITS = 1.5

function Pending({ zone }: { zone: PendingZone }) {
  const dots = useRef<Group>(null)
  const material = useMemo(
    () => new LineBasicMaterial({ color: '#4ac8e8', transparent: true, opacity: 0.3 }),
    [],
  )
  const label = useMemo(() => new CanvasLabel(512, 96), [])
  const text = zone.timedOut ? `${zone.name}: not responding` : `Starting ${zone.name}\u2026`
  useEffect(() => {
    label.draw((ctx, w, h) =>
      drawGlowText(ctx, text, {
        color: zone.timedOut ? STATUS_PALETTE.error : '#4ac8e8',
        font: LABEL_FONT,
        size: 40,
        w,
        h,
      }),
    )
  }, [label, text, zone.timedOut])
  useEffect(
    () => () => {
      material.dispose()
      label.dispose()
    },
    [material, label],
  )
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
          <mesh key={i} geometry={geo.sphere(0.2, 10)} material={mat.glow('#4ac8e8')} />
        ))}
      </group>
      <sprite position={[0, 3.5, 0]} scale={[7, 1.3, 1]}>
        <spriteMaterial map={label.texture} transparent depthWrite={false} toneMapped={false} />
      </sprite>
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
