/**
 * The robot model (docs/original.md#robot): head with visor, frame, LED eyes and mouth, ear speakers,
 * antenna; body with chest panel, chest light, belt and glow lines; 3-part arms; stubby legs; a
 * rotating status ring; thought bubbles. Geometry and materials are shared (resources.ts); the
 * pose is applied every frame from the simulation by poseRobot, never through React state. Parts
 * are PartSlots: all robots' copies of a part are drawn in one instanced call.
 */
import '../instancing/part-element'
import { useEffect, useMemo, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import type { Group, Object3D } from 'three'
import type { PartSlot } from '../instancing/part-slot'
import { ROBOT_STATE_COLORS, SUBAGENT_SCALE } from '../constants'
import { geo, mat } from '../resources'
import { nowSeconds } from '../sim/clock'
import type { RobotSim, RobotState } from '../sim/robot-sim'
import { registerActor } from '../overlay/overlay-registry'
import { EYE_X, poseRobot, type RobotParts } from './robot-pose'

const DARK = '#0f172a'
const FRAME = '#22d3ee'
const CHEST_LIGHT = '#a78bfa'

export function stateMaterials(): Record<RobotState, ReturnType<typeof mat.glow>> {
  return {
    idle: mat.glow(ROBOT_STATE_COLORS.idle),
    walking: mat.glow(ROBOT_STATE_COLORS.walking),
    working: mat.glow(ROBOT_STATE_COLORS.working),
    thinking: mat.glow(ROBOT_STATE_COLORS.thinking),
  }
}

interface Props {
  name: string
  color: string
  /** Read every frame; the object is mutated by the simulation. */
  sim: RobotSim
  mini?: boolean
}

export function Robot({ name, color, sim, mini = false }: Props) {
  const root = useRef<Group>(null)
  const body = useRef<Group>(null)
  const head = useRef<Group>(null)
  const antenna = useRef<Group>(null)
  const leftArm = useRef<Group>(null)
  const rightArm = useRef<Group>(null)
  const leftLeg = useRef<Group>(null)
  const rightLeg = useRef<Group>(null)
  const ring = useRef<PartSlot>(null)
  const bubbles = useRef<Group>(null)
  const eyeL = useRef<PartSlot>(null)
  const eyeR = useRef<PartSlot>(null)
  const mouth = useRef<PartSlot>(null)
  const tip = useRef<PartSlot>(null)
  const parts = useRef<RobotParts | null>(null)
  const lit = useMemo(stateMaterials, [])
  const bodyMat = mat.standard(color, { metalness: 0.35, roughness: 0.45 })
  const darkMat = mat.standard(DARK, { metalness: 0.5, roughness: 0.3 })
  const frameMat = mat.glow(FRAME)
  // Labels are laid out around the robot's box (overlay/); bubbles widen it.
  useEffect(
    () =>
      registerActor({
        object: root.current!,
        mini,
        bubbles: () => bubbles.current?.visible ?? false,
      }),
    [mini],
  )

  useFrame(() => {
    if (!parts.current) {
      const need = [
        root,
        body,
        head,
        antenna,
        leftArm,
        rightArm,
        leftLeg,
        rightLeg,
        ring,
        bubbles,
        eyeL,
        eyeR,
        mouth,
        tip,
      ]
      if (need.some((r) => !r.current)) return
      parts.current = {
        root: root.current!,
        body: body.current!,
        head: head.current!,
        antenna: antenna.current!,
        leftArm: leftArm.current!,
        rightArm: rightArm.current!,
        leftLeg: leftLeg.current!,
        rightLeg: rightLeg.current!,
        eyes: [eyeL.current!, eyeR.current!],
        stateLit: [ring.current!, eyeL.current!, eyeR.current!, mouth.current!, tip.current!],
        ring: ring.current!,
        bubbles: bubbles.current!,
        bubbleParts: bubbles.current!.children as Object3D[],
      }
    }
    poseRobot(parts.current, sim, nowSeconds(), lit)
  })

  const arm = (side: 1 | -1, ref: typeof leftArm) => (
    <group ref={ref} position={[0.42 * side, 1.02, 0]}>
      <partSlot geometry={geo.sphere(0.09, 10)} material={darkMat} castShadow />
      <partSlot
        geometry={geo.cylinder(0.065, 0.06, 0.26, 8)}
        material={bodyMat}
        position={[0, -0.16, 0]}
        castShadow
      />
      <partSlot geometry={geo.sphere(0.06, 8)} material={darkMat} position={[0, -0.3, 0]} />
      <partSlot
        geometry={geo.cylinder(0.06, 0.055, 0.2, 8)}
        material={bodyMat}
        position={[0, -0.42, 0]}
        castShadow
      />
      <partSlot geometry={geo.sphere(0.08, 10)} material={darkMat} position={[0, -0.55, 0]} />
    </group>
  )
  const leg = (side: 1 | -1, ref: typeof leftLeg) => (
    <group ref={ref} position={[0.15 * side, 0.38, 0]}>
      <partSlot
        geometry={geo.cylinder(0.08, 0.08, 0.24, 8)}
        material={darkMat}
        position={[0, -0.12, 0]}
        castShadow
      />
      <partSlot
        geometry={geo.box(0.18, 0.08, 0.26)}
        material={bodyMat}
        position={[0, -0.26, 0.04]}
        castShadow
      />
    </group>
  )

  return (
    <group ref={root} name={name} scale={mini ? SUBAGENT_SCALE : 1} userData={{ robot: true }}>
      <partSlot
        ref={ring}
        geometry={geo.ring(0.55, 0.65, 6)}
        material={lit.idle}
        position={[0, 0.02, 0]}
      />
      <group ref={body}>
        {leg(1, leftLeg)}
        {leg(-1, rightLeg)}
        <partSlot
          geometry={geo.cylinder(0.34, 0.3, 0.62, 16)}
          material={bodyMat}
          position={[0, 0.75, 0]}
          castShadow
        />
        <partSlot
          geometry={geo.cylinder(0.355, 0.355, 0.07, 16)}
          material={darkMat}
          position={[0, 0.5, 0]}
        />
        <partSlot
          geometry={geo.box(0.3, 0.22, 0.05)}
          material={darkMat}
          position={[0, 0.82, 0.31]}
        />
        <partSlot
          geometry={geo.sphere(0.05, 8)}
          material={mat.glow(CHEST_LIGHT)}
          position={[0, 0.82, 0.34]}
        />
        <partSlot
          geometry={geo.box(0.02, 0.4, 0.02)}
          material={frameMat}
          position={[0.2, 0.75, 0.26]}
        />
        <partSlot
          geometry={geo.box(0.02, 0.4, 0.02)}
          material={frameMat}
          position={[-0.2, 0.75, 0.26]}
        />
        {arm(1, leftArm)}
        {arm(-1, rightArm)}
        <group ref={head} position={[0, 1.35, 0]}>
          <partSlot geometry={geo.sphere(0.38, 20)} material={bodyMat} castShadow />
          <partSlot
            geometry={geo.sphere(0.33, 16)}
            material={darkMat}
            position={[0, 0.02, 0.12]}
            scale={[1, 0.72, 0.8]}
          />
          <partSlot
            geometry={geo.torus(0.3, 0.022, 24)}
            material={frameMat}
            position={[0, 0.02, 0.2]}
            scale={[1, 0.75, 1]}
          />
          <partSlot
            ref={eyeL}
            geometry={geo.box(0.1, 0.12, 0.02)}
            material={lit.idle}
            position={[-EYE_X, 0.05, 0.38]}
          />
          <partSlot
            ref={eyeR}
            geometry={geo.box(0.1, 0.12, 0.02)}
            material={lit.idle}
            position={[EYE_X, 0.05, 0.38]}
          />
          <partSlot
            ref={mouth}
            geometry={geo.torus(0.07, 0.012, 12)}
            material={lit.idle}
            position={[0, -0.1, 0.36]}
            rotation={[0, 0, Math.PI]}
            scale={[1, 0.5, 1]}
          />
          <partSlot
            geometry={geo.cylinder(0.08, 0.08, 0.06, 12)}
            material={darkMat}
            position={[0.38, 0, 0]}
            rotation={[0, 0, Math.PI / 2]}
          />
          <partSlot
            geometry={geo.cylinder(0.08, 0.08, 0.06, 12)}
            material={darkMat}
            position={[-0.38, 0, 0]}
            rotation={[0, 0, Math.PI / 2]}
          />
          <group ref={antenna} position={[0, 0.36, 0]}>
            <partSlot
              geometry={geo.cylinder(0.018, 0.018, 0.3, 6)}
              material={darkMat}
              position={[0, 0.15, 0]}
            />
            <partSlot
              ref={tip}
              geometry={geo.sphere(0.06, 10)}
              material={lit.idle}
              position={[0, 0.32, 0]}
            />
          </group>
        </group>
      </group>
      <group ref={bubbles} position={[0.55, 2.0, 0]} visible={false}>
        <partSlot
          geometry={geo.cylinder(0.08, 0.08, 0.03, 6)}
          material={mat.glow('#e2e8f0', 0.8)}
          rotation={[Math.PI / 2, 0, 0]}
        />
        <partSlot
          geometry={geo.cylinder(0.13, 0.13, 0.03, 6)}
          material={mat.glow('#e2e8f0', 0.8)}
          position={[0.12, 0.28, 0]}
          rotation={[Math.PI / 2, 0, 0]}
        />
        <partSlot
          geometry={geo.cylinder(0.22, 0.22, 0.03, 6)}
          material={mat.glow('#e2e8f0', 0.8)}
          position={[0.3, 0.56, 0]}
          rotation={[Math.PI / 2, 0, 0]}
        />
      </group>
    </group>
  )
}
