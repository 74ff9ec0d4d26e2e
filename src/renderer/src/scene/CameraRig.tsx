/**
 * Damped orbit controls plus animated camera moves (docs/workshop-style.md#cameras): a move
 * glides with an ease-in-out curve, its target along a straight line and the camera around it
 * (distance, height and bearing interpolated), so it never cuts through the floor; any drag
 * cancels it. When the pane changes shape the current view is framed again. Frames are requested
 * only while a move or the damping is in progress.
 */
import { useEffect, useRef } from 'react'
import { useFrame, useThree } from '@react-three/fiber'
import { OrbitControls } from '@react-three/drei'
import { PerspectiveCamera, Spherical, Vector3 } from 'three'
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib'
import {
  ORBIT_DAMPING,
  ORBIT_MAX_DISTANCE_UNITS,
  ORBIT_MAX_POLAR_RAD,
  ORBIT_MIN_DISTANCE_UNITS,
} from './constants'
import { cameraMotion, reframe, registerCameraRig } from './camera-actions'
import type { View } from './camera-views'
import { nowSeconds } from './sim/clock'

const MOVE_MIN_S = 0.6
const MOVE_MAX_S = 1.2

interface Move {
  start: number
  duration: number
  fromTarget: Vector3
  toTarget: Vector3
  from: Spherical
  to: Spherical
}

const easeInOutCubic = (t: number) => (t < 0.5 ? 4 * t * t * t : 1 - (-2 * t + 2) ** 3 / 2)

/** Seconds a move takes: longer for a long trip or a big change of distance. */
export function moveDuration(travel: number, fromRadius: number, toRadius: number): number {
  const zoom = Math.abs(Math.log2(Math.max(toRadius, 1) / Math.max(fromRadius, 1)))
  return Math.min(MOVE_MAX_S, Math.max(MOVE_MIN_S, 0.55 + zoom * 0.12 + travel / 500))
}

export function CameraRig() {
  const controls = useRef<OrbitControlsImpl>(null)
  const move = useRef<Move | null>(null)
  const placedOnce = useRef(false)
  const camera = useThree((s) => s.camera)
  const invalidate = useThree((s) => s.invalidate)
  const width = useThree((s) => s.size.width)
  const height = useThree((s) => s.size.height)

  useEffect(() => {
    registerCameraRig({
      fly(view: View) {
        const c = controls.current
        const fromTarget = c ? c.target.clone() : new Vector3()
        const toTarget = new Vector3(view.target.x, view.target.y, view.target.z)
        const from = new Spherical().setFromVector3(camera.position.clone().sub(fromTarget))
        const to = new Spherical().setFromVector3(
          new Vector3(view.position.x, view.position.y, view.position.z).sub(toTarget),
        )
        // Turn the short way round.
        const turn = to.theta - from.theta
        to.theta = from.theta + Math.atan2(Math.sin(turn), Math.cos(turn))
        if (c) c.maxDistance = Math.max(ORBIT_MAX_DISTANCE_UNITS, to.radius * 1.6)
        // The first view is taken at once: nothing on screen to glide from yet.
        const start = placedOnce.current ? nowSeconds() : -Infinity
        placedOnce.current = true
        cameraMotion.moving = true
        move.current = {
          start,
          duration: moveDuration(fromTarget.distanceTo(toTarget), from.radius, to.radius),
          fromTarget,
          toTarget,
          from,
          to,
        }
        invalidate()
      },
      lens() {
        const p = camera as PerspectiveCamera
        return { fovDeg: p.fov, aspect: p.aspect }
      },
    })
    return () => registerCameraRig(null)
  }, [camera, invalidate])

  useEffect(() => {
    const c = controls.current
    if (!c) return
    const cancel = () => {
      move.current = null
      cameraMotion.moving = false
    }
    c.addEventListener('start', cancel)
    return () => c.removeEventListener('start', cancel)
  }, [])

  // A new pane shape frames the current view again (after the camera's aspect is updated).
  useEffect(() => reframe(), [width, height])

  const spherical = useRef(new Spherical())
  const offset = useRef(new Vector3())
  useFrame(() => {
    const m = move.current
    const c = controls.current
    if (!m || !c) return
    const k = Math.min(1, (nowSeconds() - m.start) / m.duration)
    const e = easeInOutCubic(k)
    c.target.lerpVectors(m.fromTarget, m.toTarget, e)
    const s = spherical.current
    s.radius = m.from.radius * (m.to.radius / m.from.radius) ** e
    s.phi = m.from.phi + (m.to.phi - m.from.phi) * e
    s.theta = m.from.theta + (m.to.theta - m.from.theta) * e
    camera.position.copy(c.target).add(offset.current.setFromSpherical(s))
    if (k >= 1) {
      move.current = null
      cameraMotion.moving = false
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
