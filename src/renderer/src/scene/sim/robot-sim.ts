/**
 * The mutable state of one robot (a zone's main robot or a subagent's mini robot) and its
 * per-frame step: walking at a fixed speed, states, queued reactions and idle behaviours.
 * Components read it in useFrame; nothing here causes a React render.
 */
import {
  IDLE_COOLDOWN_MAX_S,
  IDLE_COOLDOWN_MIN_S,
  IDLE_LIVELY_S,
  REACTION_DELAY_S,
  STAND_OFFSET_UNITS,
  WALK_SPEED_UNITS_PER_S,
} from '../constants'
import type { IdleBehavior } from '../mapping'
import { standPoint, type StationId } from '../stations/station-table'
import { BEHAVIOR_DURATION_S, pickIdleBehavior } from './idle-picker'

export type RobotState = 'idle' | 'walking' | 'working' | 'thinking'

export interface RobotSim {
  x: number
  z: number
  /** Heading in radians (0 faces +z). */
  facing: number
  targetX: number
  targetZ: number
  station: StationId
  state: RobotState
  /** The state to take on arrival. */
  arriveAs: Exclude<RobotState, 'walking'>
  stateSince: number
  behavior: { name: IdleBehavior; start: number; duration: number } | null
  reaction: { name: IdleBehavior; at: number } | null
  nextIdleAt: number
  /** Idle behaviours play until then; afterwards the robot rests and the frame loop can stop. */
  livelyUntil: number
  /** Seconds since the last step, for the walk-cycle phase. */
  walkPhase: number
}

export function createRobot(now: number, x = 0, z = 0): RobotSim {
  return {
    x,
    z,
    facing: 0,
    targetX: x,
    targetZ: z,
    station: 'center',
    state: 'idle',
    arriveAs: 'idle',
    stateSince: now,
    behavior: null,
    reaction: null,
    nextIdleAt: now + IDLE_COOLDOWN_MIN_S,
    livelyUntil: now + IDLE_LIVELY_S,
    walkPhase: 0,
  }
}

function setState(r: RobotSim, state: RobotState, now: number): void {
  if (r.state === state) return
  r.state = state
  r.stateSince = now
  if (state !== 'idle') r.behavior = null
}

function becomeIdle(r: RobotSim, now: number): void {
  setState(r, 'idle', now)
  r.livelyUntil = now + IDLE_LIVELY_S
  r.nextIdleAt =
    now + IDLE_COOLDOWN_MIN_S + Math.random() * (IDLE_COOLDOWN_MAX_S - IDLE_COOLDOWN_MIN_S)
}

/** Walk to a station (or jump there when `instant`, for history replay). Returns true if it walks. */
export function sendTo(
  r: RobotSim,
  station: StationId,
  arriveAs: RobotSim['arriveAs'],
  now: number,
  instant: boolean,
): boolean {
  const p = standPoint(station, STAND_OFFSET_UNITS)
  r.station = station
  r.targetX = p.x
  r.targetZ = p.z
  r.arriveAs = arriveAs
  const far = Math.hypot(p.x - r.x, p.z - r.z) > 0.01
  if (instant || !far) {
    r.x = p.x
    r.z = p.z
    if (arriveAs === 'idle') becomeIdle(r, now)
    else setState(r, arriveAs, now)
    return false
  }
  setState(r, 'walking', now)
  r.facing = Math.atan2(p.x - r.x, p.z - r.z)
  return true
}

/** A tool finished: stop working, unless still walking (the original's rule), and maybe react. */
export function finishTool(
  r: RobotSim,
  reaction: IdleBehavior | null,
  now: number,
  instant: boolean,
): void {
  if (r.state === 'walking') r.arriveAs = 'idle'
  else if (r.state !== 'idle') becomeIdle(r, now)
  if (reaction && !instant) r.reaction = { name: reaction, at: now + REACTION_DELAY_S }
}

export function think(r: RobotSim, now: number): void {
  if (r.state === 'walking') r.arriveAs = 'thinking'
  else setState(r, 'thinking', now)
}

export function playBehavior(r: RobotSim, name: IdleBehavior, now: number): void {
  r.behavior = { name, start: now, duration: BEHAVIOR_DURATION_S[name] }
  r.livelyUntil = Math.max(r.livelyUntil, now + BEHAVIOR_DURATION_S[name])
}

/** Advances one frame. */
export function stepRobot(
  r: RobotSim,
  dt: number,
  now: number,
  random: () => number = Math.random,
): void {
  if (r.state === 'walking') {
    const dx = r.targetX - r.x
    const dz = r.targetZ - r.z
    const dist = Math.hypot(dx, dz)
    const step = WALK_SPEED_UNITS_PER_S * dt
    r.walkPhase += dt
    if (dist <= step) {
      r.x = r.targetX
      r.z = r.targetZ
      if (r.arriveAs === 'idle') becomeIdle(r, now)
      else setState(r, r.arriveAs, now)
    } else {
      r.x += (dx / dist) * step
      r.z += (dz / dist) * step
      r.facing = Math.atan2(dx, dz)
    }
  }
  if (r.reaction && now >= r.reaction.at && r.state !== 'walking') {
    const name = r.reaction.name
    r.reaction = null
    playBehavior(r, name, now)
  }
  if (r.behavior && now - r.behavior.start >= r.behavior.duration) r.behavior = null
  if (r.state === 'idle' && !r.behavior && now < r.livelyUntil && now >= r.nextIdleAt) {
    const pick = pickIdleBehavior(random())
    if (pick) playBehavior(r, pick, now)
    r.nextIdleAt =
      now +
      (pick ? BEHAVIOR_DURATION_S[pick] : 0) +
      IDLE_COOLDOWN_MIN_S +
      random() * (IDLE_COOLDOWN_MAX_S - IDLE_COOLDOWN_MIN_S)
  }
}

/** Walking, working or thinking: the robot is doing something for its session. */
export function robotBusy(r: RobotSim): boolean {
  return r.state !== 'idle' || r.reaction !== null
}

/** Keeps an idle robot's behaviours going until `until` (while others in the workshop work). */
export function keepLively(r: RobotSim, until: number): void {
  if (r.state === 'idle' && r.livelyUntil < until) r.livelyUntil = until
}

/** Rests at once: idle, no behaviour, nothing queued (its session has stopped). */
export function rest(r: RobotSim, now: number): void {
  r.state = 'idle'
  r.stateSince = now
  r.behavior = null
  r.reaction = null
  r.livelyUntil = now
}

/** True while the robot moves on screen. */
export function robotAnimates(r: RobotSim, now: number): boolean {
  return r.state !== 'idle' || r.behavior !== null || r.reaction !== null || now < r.livelyUntil
}
