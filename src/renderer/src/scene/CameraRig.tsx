/**
 * Damped orbit controls plus animated camera moves (docs/original.md#scene): moves ease with
 * 1 − e^(−8·dt) and snap within 0.01; any manual drag cancels a move. Frames are requested only
 * while a move or the damping is in progress.
 */
import { useEffect, useRef } from 'react'
import { useFrame, useThree } from '@react-three/fiber'
import { OrbitControls } from '@react-three/drei'
import { Vector3 } from 'three'
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib'
import {
  CAMERA_LERP_RATE_PER_S,
  CAMERA_SNAP_DISTANCE_UNITS,
  ORBIT_DAMPING,
  ORBIT_MAX_DISTANCE_UNITS,
  ORBIT_MAX_POLAR_RAD,
  ORBIT_MIN_DISTANCE_UNITS,
} from './constants'
import { registerFlyer, type Vec3 } from './camera-actions'

export function CameraRig() {
  const controls = useRef<OrbitControlsImpl>(null)
  const move = useRef<{ target: Vector3; position: Vector3 } | null>(null)
  const camera = useThree((s) => s.camera)
  const invalidate = useThree((s) => s.invalidate)

  useEffect(() => {
    registerFlyer((target: Vec3, position: Vec3) => {
      move.current = {
        target: new Vector3(target.x, target.y, target.z),
        position: new Vector3(position.x, position.y, position.z),
      }
      invalidate()
    })
    return () => registerFlyer(null)
  }, [invalidate])

  useEffect(() => {
    const c = controls.current
    if (!c) return
    const cancel = () => (move.current = null)
    c.addEventListener('start', cancel)
    return () => c.removeEventListener('start', cancel)
  }, [])

  useFrame((_, dt) => {
    const m = move.current
    const c = controls.current
    if (!m || !c) return
    const k = 1 - Math.exp(-CAMERA_LERP_RATE_PER_S * Math.min(dt, 0.1))
    camera.position.lerp(m.position, k)
    c.target.lerp(m.target, k)
    if (
      camera.position.distanceTo(m.position) < CAMERA_SNAP_DISTANCE_UNITS &&
      c.target.distanceTo(m.target) < CAMERA_SNAP_DISTANCE_UNITS
    ) {
      camera.position.copy(m.position)
      c.target.copy(m.target)
      move.current = null
    }
    c.update()
    invalidate()
  })

  return (
    <OrbitControls
      ref={controls}
      makeDefault
      enableDamping
      dampingFactor={ORBIT_DAMPING}
      maxPolarAngle={ORBIT_MAX_POLAR_RAD}
      minDistance={ORBIT_MIN_DISTANCE_UNITS}
      maxDistance={ORBIT_MAX_DISTANCE_UNITS}
    />
  )
}
