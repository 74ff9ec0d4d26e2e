/**
 * Poses a robot for one frame from its simulation state: walk cycle, idle life, the working
 * animation of its station, thinking, and behaviours (idle picks and reactions). Pure function of
 * (state, time) over a set of three.js parts, so it runs in useFrame without React.
 */
import type { Group, Material, Object3D } from 'three'
import type { PartSlot } from '../instancing/part-slot'
import { BLINK_INTERVAL_S, BLINK_S, STATUS_RING_RAD_PER_S } from '../constants'
import type { IdleBehavior } from '../mapping'
import type { RobotSim, RobotState } from '../sim/robot-sim'
import { STATIONS, type WorkAnimation } from '../stations/station-table'

export interface RobotParts {
  root: Group
  body: Group
  head: Group
  antenna: Group
  leftArm: Group
  rightArm: Group
  leftLeg: Group
  rightLeg: Group
  eyes: PartSlot[]
  /** Parts lit in the state colour: ring, antenna tip, eyes, mouth. */
  stateLit: PartSlot[]
  ring: PartSlot
  bubbles: Group
  bubbleParts: Object3D[]
}

export const PEDESTAL_RADIUS_UNITS = 1.2
export const PEDESTAL_HEIGHT_UNITS = 0.2
export const FLOOR_TOP_UNITS = 0.1

const TAU = Math.PI * 2
export const EYE_X = 0.11

function reset(p: RobotParts): void {
  p.body.position.set(0, 0, 0)
  p.body.rotation.set(0, 0, 0)
  p.body.scale.set(1, 1, 1)
  p.head.rotation.set(0, 0, 0)
  p.head.position.y = 1.35
  p.antenna.rotation.set(0, 0, 0)
  p.leftArm.rotation.set(0, 0, 0.12)
  p.rightArm.rotation.set(0, 0, -0.12)
  p.leftLeg.rotation.set(0, 0, 0)
  p.rightLeg.rotation.set(0, 0, 0)
  p.eyes.forEach((e, i) => {
    e.scale.set(1, 1, 1)
    e.position.x = i === 0 ? -EYE_X : EYE_X
  })
}

function walk(p: RobotParts, t: number): void {
  const phase = t * 10
  p.body.position.y = Math.abs(Math.sin(phase)) * 0.06
  p.head.rotation.x = Math.sin(phase * 2) * 0.04
  p.leftArm.rotation.x = Math.sin(phase) * 0.6
  p.rightArm.rotation.x = -Math.sin(phase) * 0.6
  p.leftLeg.rotation.x = -Math.sin(phase) * 0.5
  p.rightLeg.rotation.x = Math.sin(phase) * 0.5
  p.antenna.rotation.x = Math.sin(phase * 2) * 0.15
  for (const e of p.eyes) e.scale.set(1.15, 1.15, 1)
}

function idle(p: RobotParts, t: number): void {
  p.head.position.y = 1.35 + Math.sin(t * 1.6) * 0.02
  p.antenna.rotation.z = Math.sin(t * 1.1) * 0.08
  if (t % BLINK_INTERVAL_S < BLINK_S) for (const e of p.eyes) e.scale.y = 0.3
}

function think(p: RobotParts, t: number): void {
  p.head.rotation.z = 0.2
  p.head.rotation.y = Math.sin(t * 0.9) * 0.35
  p.rightArm.rotation.set(-2.2, 0, -0.3)
  p.antenna.rotation.z = Math.sin(t * 3) * 0.25
  p.antenna.rotation.x = Math.cos(t * 2.3) * 0.15
  for (const e of p.eyes) e.position.x = Math.sign(e.position.x) * EYE_X + Math.sin(t * 1.3) * 0.02
}

const WORK: Record<WorkAnimation, (p: RobotParts, t: number) => void> = {
  genericWorking: (p, t) => {
    p.leftArm.rotation.x = -0.6 + Math.sin(t * 4) * 0.3
    p.rightArm.rotation.x = -0.6 - Math.sin(t * 4) * 0.3
    p.head.rotation.x = Math.sin(t * 2) * 0.08
  },
  readingBook: (p, t) => {
    p.leftArm.rotation.set(-1.1, 0, 0.35)
    p.rightArm.rotation.set(-1.1 + (Math.sin(t * 1.2) > 0.9 ? 0.4 : 0), 0, -0.35)
    p.head.rotation.x = 0.3
    p.head.rotation.y = Math.sin(t * 0.8) * 0.12
  },
  writing: (p, t) => {
    p.rightArm.rotation.set(-1.0 + Math.sin(t * 9) * 0.08, Math.cos(t * 9) * 0.12, -0.2)
    p.leftArm.rotation.set(-0.7, 0, 0.25)
    p.head.rotation.x = 0.35
  },
  tinkering: (p, t) => {
    const hit = Math.abs(Math.sin(t * 6))
    p.rightArm.rotation.set(-0.6 - hit * 1.2, 0, -0.2)
    p.leftArm.rotation.set(-0.9, 0, 0.3)
    p.head.rotation.x = 0.25
    p.body.position.y = hit * 0.02
  },
  typing: (p, t) => {
    p.leftArm.rotation.set(-1.2 + Math.sin(t * 16) * 0.1, 0, 0.2)
    p.rightArm.rotation.set(-1.2 + Math.sin(t * 16 + 1.7) * 0.1, 0, -0.2)
    p.head.rotation.x = 0.1
  },
  scanning: (p, t) => {
    p.head.rotation.y = Math.sin(t * 1.8) * 0.6
    p.rightArm.rotation.set(-1.4, Math.sin(t * 1.8) * 0.4, -0.2)
    p.body.rotation.y = Math.sin(t * 1.8) * 0.15
  },
  receiving: (p, t) => {
    p.head.rotation.x = -0.3
    p.antenna.rotation.z = Math.sin(t * 14) * 0.2
    p.leftArm.rotation.set(0, 0, 0.9 + Math.sin(t * 3) * 0.1)
    p.rightArm.rotation.set(0, 0, -0.9 - Math.sin(t * 3) * 0.1)
  },
  channeling: (p, t) => {
    p.leftArm.rotation.set(-1.5, 0, 0.3 + Math.sin(t * 2) * 0.1)
    p.rightArm.rotation.set(-1.5, 0, -0.3 - Math.sin(t * 2) * 0.1)
    p.body.rotation.z = Math.sin(t * 1.5) * 0.06
    p.body.position.y = 0.05 + Math.sin(t * 2) * 0.04
  },
  checkingTasks: (p, t) => {
    const row = Math.floor(t * 1.5) % 4
    p.rightArm.rotation.set(-1.6 + row * 0.15, 0, -0.1)
    p.head.rotation.x = -0.1 + row * 0.06
    p.leftArm.rotation.set(-0.3, 0, 0.2)
  },
}

const BEHAVIORS: Record<IdleBehavior, (p: RobotParts, k: number, env: number) => void> = {
  lookAround: (p, k) => void (p.head.rotation.y = Math.sin(k * TAU) * 0.8),
  curiousTilt: (p, _k, env) => {
    p.head.rotation.z = env * 0.35
    p.head.rotation.x = -env * 0.1
  },
  happyBounce: (p, k, env) => {
    p.body.position.y = Math.abs(Math.sin(k * 3 * Math.PI)) * 0.35
    p.leftArm.rotation.z = 0.12 + env * 1.2
    p.rightArm.rotation.z = -0.12 - env * 1.2
  },
  stretch: (p, _k, env) => {
    p.leftArm.rotation.z = 0.12 + env * 2.7
    p.rightArm.rotation.z = -0.12 - env * 2.7
    p.body.scale.y = 1 + env * 0.08
  },
  wave: (p, k, env) => {
    p.rightArm.rotation.z = -0.12 - env * 2.6
    p.rightArm.rotation.x = Math.sin(k * 8 * Math.PI) * 0.3 * env
    p.head.rotation.z = env * 0.1
  },
  doubleBlink: (p, k) => {
    if ((k > 0.1 && k < 0.25) || (k > 0.5 && k < 0.65)) for (const e of p.eyes) e.scale.y = 0.3
  },
  antennaTwitch: (p, k, env) =>
    void (p.antenna.rotation.z = Math.sin(k * 10 * Math.PI) * 0.4 * env),
  headShake: (p, k, env) => void (p.head.rotation.y = Math.sin(k * 6 * Math.PI) * 0.5 * env),
  peek: (p, _k, env) => {
    p.body.rotation.z = 0.3 * env
    p.head.rotation.z = 0.2 * env
  },
  sleepyNod: (p, k, env) => {
    p.head.rotation.x = env * 0.4 * (0.6 + 0.4 * Math.sin(k * 4 * Math.PI))
    for (const e of p.eyes) e.scale.y = 1 - env * 0.6
  },
  grooveDance: (p, k) => {
    p.body.rotation.z = Math.sin(k * 8 * Math.PI) * 0.15
    p.body.position.y = Math.abs(Math.sin(k * 8 * Math.PI)) * 0.08
    p.leftArm.rotation.x = Math.sin(k * 8 * Math.PI) * 0.8
    p.rightArm.rotation.x = -Math.sin(k * 8 * Math.PI) * 0.8
  },
  discoFever: (p, k) => {
    const up = Math.floor(k * 8) % 2 === 0
    p.rightArm.rotation.z = up ? -2.6 : -0.4
    p.leftArm.rotation.z = up ? 0.4 : 2.6
    p.body.rotation.y = k * TAU
    p.body.position.y = Math.abs(Math.sin(k * 8 * Math.PI)) * 0.06
  },
  robotDance: (p, k) => {
    const step = Math.floor(k * 8)
    p.leftArm.rotation.x = step % 2 ? -1.57 : 0
    p.rightArm.rotation.x = step % 2 ? 0 : -1.57
    p.head.rotation.y = ((step % 3) - 1) * 0.4
    p.body.rotation.y = ((step % 4) - 1.5) * 0.15
  },
  headBanger: (p, k, env) => {
    p.head.rotation.x = Math.sin(k * 12 * Math.PI) * 0.35 * env
    p.rightArm.rotation.z = -0.12 - env * 2.4
  },
  shuffleDance: (p, k) => {
    p.body.position.x = Math.sin(k * 6 * Math.PI) * 0.15
    p.leftLeg.rotation.x = Math.sin(k * 12 * Math.PI) * 0.4
    p.rightLeg.rotation.x = -Math.sin(k * 12 * Math.PI) * 0.4
  },
  twistDance: (p, k) => {
    p.body.rotation.y = Math.sin(k * 8 * Math.PI) * 0.4
    p.leftLeg.rotation.z = -Math.sin(k * 8 * Math.PI) * 0.1
    p.rightLeg.rotation.z = -Math.sin(k * 8 * Math.PI) * 0.1
    p.leftArm.rotation.z = 0.8
    p.rightArm.rotation.z = -0.8
  },
  victoryDance: (p, k) => {
    const pump = Math.abs(Math.sin(k * 8 * Math.PI))
    p.leftArm.rotation.z = 2.4 + pump * 0.4
    p.rightArm.rotation.z = -2.4 - pump * 0.4
    p.body.position.y = pump * 0.3
    p.body.rotation.y = k * TAU * 2
  },
}

/** Height of the feet: the centre pedestal lifts the robot standing on it. */
export function groundHeight(x: number, z: number): number {
  const d = Math.hypot(x, z)
  const t = Math.min(1, Math.max(0, (PEDESTAL_RADIUS_UNITS + 0.2 - d) / 0.4))
  return FLOOR_TOP_UNITS + t * PEDESTAL_HEIGHT_UNITS
}

export function poseRobot(
  p: RobotParts,
  r: RobotSim,
  now: number,
  stateMaterials: Record<RobotState, Material>,
): void {
  reset(p)
  p.root.position.set(r.x, groundHeight(r.x, r.z), r.z)
  p.root.rotation.y = r.facing
  const t = now - r.stateSince
  switch (r.state) {
    case 'walking':
      walk(p, t)
      break
    case 'working':
      WORK[STATIONS[r.station].work](p, now)
      break
    case 'thinking':
      think(p, now)
      break
    case 'idle':
      idle(p, now)
      break
  }
  if (r.behavior) {
    const k = Math.min(1, (now - r.behavior.start) / r.behavior.duration)
    BEHAVIORS[r.behavior.name](p, k, Math.sin(Math.PI * k))
  }
  const lit = stateMaterials[r.state]
  for (const m of p.stateLit) if (m.material !== lit) m.material = lit
  p.ring.rotation.y = now * STATUS_RING_RAD_PER_S
  const bubbles = r.state === 'thinking' ? 1 : r.state === 'working' ? 0.5 : 0
  p.bubbles.visible = bubbles > 0
  if (bubbles > 0) {
    p.bubbles.scale.setScalar(bubbles)
    p.bubbleParts.forEach((b, i) => (b.position.y = i * 0.28 + Math.sin(now * 2 + i) * 0.04))
  }
}

export const BEHAVIOR_NAMES = Object.keys(BEHAVIORS) as IdleBehavior[]
export const WORK_NAMES = Object.keys(WORK) as WorkAnimation[]
