/**
 * The zone's 20-particle burst: each activity pulse throws five particles up from the pedestal,
 * falling back with a gravity of 5 units/s². One small buffer per zone, disposed with it.
 */
import { useEffect, useMemo, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import { AdditiveBlending, BufferAttribute, PointsMaterial, type Points } from 'three'
import { pointsGeometry, roundPoints } from '../round-points'
import { nowSeconds } from '../sim/clock'
import type { ZoneSim } from '../sim/zone-sim'

const POOL = 20
const PER_BURST = 5
const GRAVITY_UNITS_PER_S2 = 5
const LIFETIME_S = 1.5

export function Burst({ zone, color }: { zone: ZoneSim; color: string }) {
  const state = useRef({
    seenBurst: -Infinity,
    next: 0,
    born: new Float32Array(POOL).fill(-Infinity),
    vel: new Float32Array(POOL * 3),
  })
  const points = useRef<Points>(null)
  const geometry = useMemo(() => pointsGeometry(POOL), [])
  const material = useMemo(
    () =>
      roundPoints(
        new PointsMaterial({
          color,
          size: 0.18,
          transparent: true,
          opacity: 0.9,
          blending: AdditiveBlending,
          depthWrite: false,
        }),
      ),
    [color],
  )
  useEffect(() => () => geometry.dispose(), [geometry])
  useEffect(() => () => material.dispose(), [material])

  useFrame(() => {
    const s = state.current
    const now = nowSeconds()
    if (zone.burstAt !== s.seenBurst) {
      s.seenBurst = zone.burstAt
      for (let k = 0; k < PER_BURST; k++) {
        const i = s.next++ % POOL
        s.born[i] = now
        const a = Math.random() * Math.PI * 2
        s.vel[i * 3] = Math.cos(a) * 0.8
        s.vel[i * 3 + 1] = 2.5 + Math.random() * 1.5
        s.vel[i * 3 + 2] = Math.sin(a) * 0.8
      }
    }
    const pos = geometry.getAttribute('position') as BufferAttribute
    let alive = 0
    for (let i = 0; i < POOL; i++) {
      const t = now - s.born[i]
      if (t < 0 || t > LIFETIME_S) {
        pos.setXYZ(i, 0, -100, 0)
        continue
      }
      alive++
      pos.setXYZ(
        i,
        s.vel[i * 3] * t,
        0.4 + s.vel[i * 3 + 1] * t - 0.5 * GRAVITY_UNITS_PER_S2 * t * t,
        s.vel[i * 3 + 2] * t,
      )
    }
    pos.needsUpdate = true
    // No particle in flight: skip the draw call.
    if (points.current) points.current.visible = alive > 0
  })

  return (
    <points
      ref={points}
      geometry={geometry}
      material={material}
      frustumCulled={false}
      visible={false}
    />
  )
}
