/**
 * Everything that changes fast inside one zone: its robot and subagents, pills, station
 * contexts, panel histories and pulses. Mutated by events, read by components in useFrame.
 */
import {
  ATTENTION_PULSE_S,
  MAX_OPEN_CALLS,
  PANEL_HISTORY,
  PILL_LIFETIME_S,
  PILL_MAX_STACKED,
  STATION_PULSE_HOLD_S,
  STATION_PULSE_IN_S,
  STATION_PULSE_OUT_S,
  SUBAGENT_COLORS,
} from '../constants'
import type { PillSpec } from '../mapping'
import { STATIONS, standPoint, type StationId } from '../stations/station-table'
import { createRobot, robotAnimates, robotBusy, stepRobot, type RobotSim } from './robot-sim'

export const STATION_PULSE_S = STATION_PULSE_IN_S + STATION_PULSE_HOLD_S + STATION_PULSE_OUT_S

export interface SubagentSim {
  id: string
  label: string
  color: string
  /** Fan slot at the portal; the lowest free one is reused. */
  slot: number
  robot: RobotSim
  spawnedAt: number
}

/** One of the zone's fixed pill slots; `version` changes when it shows a new pill. */
export interface PillSlot {
  spec: PillSpec | null
  born: number
  version: number
}

export interface PanelEntry {
  text: string
  success: boolean
}

/** A tool call that began and has not ended: running, or held for permission. */
export interface OpenCall {
  station: StationId
  text: string
}

/** Why a zone asks for a look: its turn ended, it failed, or it waits for an answer / permission. */
export type AttentionReason = 'finished' | 'question' | 'permission' | 'error'

export interface ZoneSim {
  sessionId: string
  robot: RobotSim
  subagents: Map<string, SubagentSim>
  /** Bumped when the set of subagents changes (the one thing React renders from). */
  subagentsVersion: number
  pills: PillSlot[]
  contexts: Map<StationId, string>
  contextsVersion: number
  panels: Map<StationId, PanelEntry[]>
  /** Open tool calls by tool-use id, oldest first; panels list them above their history. */
  openCalls: Map<string, OpenCall>
  /** Bumped when a panel's history or its open calls change. */
  panelsVersion: number
  stationPulses: Map<StationId, number>
  /** Ring scale boost, decays to 0. */
  activity: number
  /** Start time of the last burst of floor particles. */
  burstAt: number
  attention: { reason: AttentionReason; since: number } | null
  readTimesMs: number[]
  colorCursor: number
}

export function createZoneSim(sessionId: string, now: number): ZoneSim {
  return {
    sessionId,
    robot: createRobot(now),
    subagents: new Map(),
    subagentsVersion: 0,
    pills: Array.from({ length: PILL_MAX_STACKED }, () => ({ spec: null, born: 0, version: 0 })),
    contexts: new Map(),
    contextsVersion: 0,
    panels: new Map(),
    openCalls: new Map(),
    panelsVersion: 0,
    stationPulses: new Map(),
    activity: 0,
    burstAt: -Infinity,
    attention: null,
    readTimesMs: [],
    colorCursor: 0,
  }
}

/** Shows a pill in a free slot, or evicts the oldest when all five are showing. */
export function addPill(z: ZoneSim, spec: PillSpec, now: number): void {
  let slot = z.pills.find((p) => !p.spec || now - p.born >= PILL_LIFETIME_S)
  if (!slot) slot = z.pills.reduce((a, b) => (a.born <= b.born ? a : b))
  slot.spec = spec
  slot.born = now
  slot.version++
}

export function pushPanel(z: ZoneSim, station: StationId, entry: PanelEntry): void {
  const list = z.panels.get(station) ?? []
  list.unshift(entry)
  if (list.length > PANEL_HISTORY) list.length = PANEL_HISTORY
  z.panels.set(station, list)
  z.panelsVersion++
}

/** Notes a call that began; past MAX_OPEN_CALLS (ends never seen) the oldest is dropped. */
export function openCall(z: ZoneSim, id: string, call: OpenCall): void {
  z.openCalls.delete(id)
  z.openCalls.set(id, call)
  if (z.openCalls.size > MAX_OPEN_CALLS) z.openCalls.delete(z.openCalls.keys().next().value!)
  z.panelsVersion++
}

export function closeCalls(z: ZoneSim, ids: readonly string[] | 'all'): void {
  const before = z.openCalls.size
  if (ids === 'all') z.openCalls.clear()
  else for (const id of ids) z.openCalls.delete(id)
  if (z.openCalls.size !== before) z.panelsVersion++
}

/** The open calls at one station, newest first. */
export function openCallsAt(z: ZoneSim, station: StationId): string[] {
  const out: string[] = []
  for (const call of z.openCalls.values()) if (call.station === station) out.unshift(call.text)
  return out
}

export function setContext(z: ZoneSim, station: StationId, text: string): void {
  if (z.contexts.get(station) === text) return
  z.contexts.set(station, text)
  z.contextsVersion++
}

export function clearContexts(z: ZoneSim): void {
  if (z.contexts.size === 0) return
  z.contexts.clear()
  z.contextsVersion++
}

/** Where subagent `slot` stands: a fan around the portal (offset 0.5·n at angle 0.4π·n). */
export function subagentSpot(slot: number): { x: number; z: number } {
  const base = standPoint('portal', 0)
  const n = slot + 1
  const angle = 0.4 * Math.PI * n
  const r = 0.5 * n + 0.6
  return { x: base.x + Math.cos(angle) * r, z: base.z + Math.sin(angle) * r }
}

export function spawnSubagent(
  z: ZoneSim,
  id: string,
  label: string,
  now: number,
): SubagentSim | null {
  if (z.subagents.has(id)) return null
  const used = new Set([...z.subagents.values()].map((s) => s.slot))
  let slot = 0
  while (used.has(slot)) slot++
  const spot = subagentSpot(slot)
  const robot = createRobot(now, spot.x, spot.z)
  robot.state = 'thinking'
  robot.station = 'portal'
  const portal = STATIONS.portal.position
  robot.facing = Math.atan2(portal[0] - spot.x, portal[1] - spot.z) + Math.PI
  const sub: SubagentSim = {
    id,
    label,
    color: SUBAGENT_COLORS[z.colorCursor++ % SUBAGENT_COLORS.length],
    slot,
    robot,
    spawnedAt: now,
  }
  z.subagents.set(id, sub)
  z.subagentsVersion++
  return sub
}

export function despawnSubagent(z: ZoneSim, id: string): boolean {
  if (!z.subagents.delete(id)) return false
  z.subagentsVersion++
  return true
}

/** Station glow 0..1: 0.3 s in, 0.5 s hold, 0.5 s out. */
export function stationGlow(z: ZoneSim, station: StationId, now: number): number {
  const start = z.stationPulses.get(station)
  if (start === undefined) return 0
  const t = now - start
  if (t < 0 || t >= STATION_PULSE_S) return 0
  if (t < STATION_PULSE_IN_S) return t / STATION_PULSE_IN_S
  if (t < STATION_PULSE_IN_S + STATION_PULSE_HOLD_S) return 1
  return 1 - (t - STATION_PULSE_IN_S - STATION_PULSE_HOLD_S) / STATION_PULSE_OUT_S
}

export function stepZone(z: ZoneSim, dt: number, now: number): void {
  stepRobot(z.robot, dt, now)
  for (const s of z.subagents.values()) stepRobot(s.robot, dt, now)
  if (z.activity > 0) z.activity = Math.max(0, z.activity - dt * 0.5)
}

/** A robot of the zone walks, works or thinks (idle behaviours elsewhere may keep playing). */
export function zoneBusy(z: ZoneSim): boolean {
  if (robotBusy(z.robot)) return true
  for (const s of z.subagents.values()) if (robotBusy(s.robot)) return true
  return false
}

export function zoneAnimates(z: ZoneSim, now: number): boolean {
  if (robotAnimates(z.robot, now)) return true
  for (const s of z.subagents.values()) if (robotAnimates(s.robot, now)) return true
  if (z.activity > 0) return true
  if (z.attention && now - z.attention.since < ATTENTION_PULSE_S) return true
  for (const p of z.pills) if (p.spec && now - p.born < PILL_LIFETIME_S) return true
  for (const start of z.stationPulses.values()) if (now - start < STATION_PULSE_S) return true
  return now - z.burstAt < 1.5
}
