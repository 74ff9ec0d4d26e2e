/**
 * Click pulse and hex ripple (docs/original.md#scene): an expanding ring over 0.5 s, and a wave of up to
 * seven hex rings 45 ms apart with strength 0.6^ring. Additive, no depth writes; one instanced
 * draw call for the ripple.
 */
import { useEffect, useMemo, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import {
  AdditiveBlending,
  Color,
  DoubleSide,
  InstancedMesh,
  Matrix4,
  MeshBasicMaterial,
  type Mesh,
} from 'three'
import {
  CLICK_RING_S,
  HEX_RADIUS_UNITS,
  RIPPLE_MAX_RINGS,
  RIPPLE_RING_DELAY_S,
  RIPPLE_STRENGTH_FALLOFF,
} from '../constants'
import { hexRing, hexToWorld } from '../hex'
import { geo } from '../resources'
import { nowSeconds } from '../sim/clock'
import { clickPulses } from './click-effects'

const RIPPLE_COLOR = new Color('#4ac8e8')
const MAX_CELLS = 1 + 3 * RIPPLE_MAX_RINGS * (RIPPLE_MAX_RINGS - 1)

export function ClickEffects() {
  const ring = useRef<Mesh>(null)
  const ripple = useMemo(() => {
    const m = new InstancedMesh(
      geo.ring(HEX_RADIUS_UNITS * 0.8, HEX_RADIUS_UNITS * 0.97, 6),
      new MeshBasicMaterial({
        transparent: true,
        blending: AdditiveBlending,
        depthWrite: false,
        side: DoubleSide,
        toneMapped: false,
      }),
      MAX_CELLS,
    )
    m.count = 0
    m.frustumCulled = false
    return m
  }, [])
  const ringMat = useMemo(
    () =>
      new MeshBasicMaterial({
        color: '#8eeeff',
        transparent: true,
        blending: AdditiveBlending,
        depthWrite: false,
        side: DoubleSide,
        toneMapped: false,
      }),
    [],
  )
  useEffect(
    () => () => {
      ;(ripple.material as MeshBasicMaterial).dispose()
      ripple.dispose()
      ringMat.dispose()
    },
    [ripple, ringMat],
  )
  const m4 = useMemo(() => new Matrix4(), [])
  const c = useMemo(() => new Color(), [])

  useFrame(() => {
    const now = nowSeconds()
    const pulse = clickPulses[clickPulses.length - 1]
    let n = 0
    if (pulse) {
      const center = hexToWorld(pulse.hex)
      const t = now - pulse.start
      if (ring.current) {
        const k = t / CLICK_RING_S
        ring.current.visible = k < 1
        ring.current.position.set(center.x, 0.05, center.z)
        ring.current.scale.setScalar(1 + k * 6)
        ringMat.opacity = Math.max(0, 1 - k)
      }
      for (let k = 0; k < RIPPLE_MAX_RINGS; k++) {
        const local = (t - k * RIPPLE_RING_DELAY_S) / CLICK_RING_S
        if (local < 0 || local > 1) continue
        const strength = RIPPLE_STRENGTH_FALLOFF ** k * Math.sin(Math.PI * local)
        c.copy(RIPPLE_COLOR).multiplyScalar(strength)
        for (const h of hexRing(pulse.hex, k)) {
          const w = hexToWorld(h)
          m4.makeTranslation(w.x, 0.03, w.z)
          ripple.setMatrixAt(n, m4)
          ripple.setColorAt(n, c)
          n++
        }
      }
    } else if (ring.current) ring.current.visible = false
    ripple.count = n
    ripple.instanceMatrix.needsUpdate = true
    if (ripple.instanceColor) ripple.instanceColor.needsUpdate = true
  })

  return (
    <>
      <primitive object={ripple} name="click-ripple" />
      <mesh ref={ring} geometry={geo.ring(0.8, 1, 48)} material={ringMat} visible={false} />
    </>
  )
}
