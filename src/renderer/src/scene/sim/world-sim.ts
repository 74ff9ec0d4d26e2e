/**
 * The workshop simulation: one ZoneSim per session, fed by canonical events through mapEvent.
 * It never renders; it tells listeners (sound, camera follow) what happened and answers whether
 * anything still moves, which is what keeps the on-demand frame loop running.
 */
import type { CanonicalEvent } from '@shared/events'
import type { Session } from '@shared/sessions'
import { ACTIVITY_PULSE_SCALE, IDLE_LIVELY_S } from '../constants'
import { CURIOUS_READS_WINDOW_MS, mapEvent, type EventEffects, type SoundName } from '../mapping'
import { nowSeconds } from './clock'
import { finishTool, keepLively, playBehavior, rest, sendTo, think } from './robot-sim'
import {
  addPill,
  clearContexts,
  closeCalls,
  createZoneSim,
  despawnSubagent,
  openCall,
  pushPanel,
  setContext,
  spawnSubagent,
  stepZone,
  zoneAnimates,
  zoneBusy,
  type ZoneSim,
} from './zone-sim'
import { pickIdleBehavior } from './idle-picker'
import { isTurnState, needsYou } from '@shared/lifecycle'

export interface SimListeners {
  sound?(name: SoundName, sessionId: string): void
  /** A zone became active (tool start, prompt): follow-active mode flies there. */
  activity?(sessionId: string): void
  /** Something changed outside a frame: the canvas should draw one. */
  wake?(): void
}

export class WorkshopSim {
  readonly zones = new Map<string, ZoneSim>()
  private listeners: SimListeners = {}
  private lastStep = nowSeconds()

  setListeners(l: SimListeners): void {
    this.listeners = l
  }

  zone(sessionId: string): ZoneSim {
    let z = this.zones.get(sessionId)
    if (!z) {
      z = createZoneSim(sessionId, nowSeconds())
      this.zones.set(sessionId, z)
    }
    return z
  }

  /** Drops zones whose session is gone (their components dispose the GPU side). */
  retain(sessionIds: Iterable<string>): void {
    const keep = new Set(sessionIds)
    for (const id of this.zones.keys()) if (!keep.has(id)) this.zones.delete(id)
  }

  /**
   * Status is the server's truth; a robot still working when its session is not (a lost Stop,
   * an interrupt) walks home so the workshop can come to rest.
   */
  reconcile(sessions: readonly Session[]): void {
    const now = nowSeconds()
    for (const s of sessions) {
      const z = this.zones.get(s.id)
      if (!z) continue
      const busy = isTurnState(s.status)
      if (!busy && (z.robot.state === 'working' || z.robot.state === 'thinking')) {
        sendTo(z.robot, 'center', 'idle', now, false)
      }
      if (!needsYou(s.status) && s.status !== 'finished' && s.status !== 'failed')
        z.attention = null
      if (s.status === 'offline' && z.subagents.size > 0) {
        z.subagents.clear()
        z.subagentsVersion++
      }
      // Subagents that outlive their session's turn (no SubagentStop seen) stand still, and no
      // tool call is open once the turn is over (its end was lost or never sent).
      if (!busy) {
        for (const sub of z.subagents.values()) rest(sub.robot, now)
        closeCalls(z, 'all')
      }
    }
  }

  ingest(events: readonly CanonicalEvent[], replay: boolean): void {
    const now = nowSeconds()
    for (const e of events) this.apply(e, now, replay)
    this.listeners.wake?.()
  }

  private apply(e: CanonicalEvent, now: number, replay: boolean): void {
    const z = this.zone(e.sessionId)
    let recentReads = 0
    if (e.type === 'tool.end' && e.tool === 'Read' && e.success) {
      z.readTimesMs = z.readTimesMs.filter((t) => e.ts - t < CURIOUS_READS_WINDOW_MS)
      z.readTimesMs.push(e.ts)
      recentReads = z.readTimesMs.length
    }
    const fx = mapEvent(e, { recentReads })
    this.applyEffects(z, fx, now, replay)
  }

  private applyEffects(z: ZoneSim, fx: EventEffects, now: number, replay: boolean): void {
    const sound = (name: SoundName) => {
      if (!replay) this.listeners.sound?.(name, z.sessionId)
    }
    if (fx.subagent?.kind === 'spawn') {
      if (spawnSubagent(z, fx.subagent.id, fx.subagent.label, now)) sound('spawn')
    } else if (fx.subagent?.kind === 'despawn') {
      if (despawnSubagent(z, fx.subagent.id)) sound('despawn')
    } else {
      for (const s of fx.sounds) sound(s)
    }

    const robot =
      fx.actor.kind === 'main'
        ? z.robot
        : fx.subagent
          ? null
          : (z.subagents.get(fx.actor.id)?.robot ?? null)
    const isMain = fx.actor.kind === 'main'
    const action = fx.robot
    if (robot) {
      switch (action.kind) {
        case 'work':
          if (isMain) {
            if (sendTo(robot, action.station, 'working', now, replay)) sound('walking')
          } else {
            // Mini robots stay at the portal and work there.
            robot.state = 'working'
            robot.stateSince = now
          }
          break
        case 'finish':
          if (isMain) finishTool(robot, action.reaction, now, replay)
          else robot.state = 'thinking'
          break
        case 'think':
          think(robot, now)
          break
        case 'return':
          if (sendTo(robot, 'center', 'idle', now, replay)) sound('walking')
          if (action.reaction && !replay) robot.reaction = { name: action.reaction, at: now + 0.3 }
          break
        case 'wait':
          if (isMain && robot.state !== 'walking') {
            robot.state = 'idle'
            robot.stateSince = now
            robot.livelyUntil = now
          }
          break
        case 'none':
          break
      }
    }

    if (fx.station && fx.context !== null && fx.robot.kind === 'work') {
      setContext(z, fx.station, fx.context)
      if (!replay) z.stationPulses.set(fx.station, now)
    }
    if (fx.clearContexts) clearContexts(z)
    if (fx.panel) pushPanel(z, fx.panel.station, { text: fx.panel.text, success: fx.panel.success })
    if (fx.closeCalls) closeCalls(z, fx.closeCalls)
    if (fx.openCall) openCall(z, fx.openCall.id, fx.openCall)
    if (fx.pill && !replay) addPill(z, fx.pill, now)
    if (fx.attention === 'clear') z.attention = null
    else if (fx.attention) z.attention = { reason: fx.attention, since: replay ? -Infinity : now }
    if (fx.pulse && !replay) {
      z.activity = ACTIVITY_PULSE_SCALE
      z.burstAt = now
      this.listeners.activity?.(z.sessionId)
    }
  }

  /** Focusing an idle zone plays a random idle behaviour (the original's greeting). */
  greet(sessionId: string): void {
    const z = this.zones.get(sessionId)
    if (!z || z.robot.state !== 'idle') return
    const now = nowSeconds()
    const pick = pickIdleBehavior(Math.random() * 0.7) ?? 'wave'
    playBehavior(z.robot, pick, now)
    this.listeners.wake?.()
  }

  /** Advances every zone; returns true while anything still moves. */
  step(): boolean {
    const now = nowSeconds()
    const dt = Math.min(0.1, Math.max(0, now - this.lastStep))
    this.lastStep = now
    let working = false
    for (const z of this.zones.values()) if (zoneBusy(z)) working = true
    let busy = false
    for (const z of this.zones.values()) {
      if (working) {
        keepLively(z.robot, now + IDLE_LIVELY_S)
        for (const s of z.subagents.values()) keepLively(s.robot, now + IDLE_LIVELY_S)
      }
      stepZone(z, dt, now)
      if (!busy && zoneAnimates(z, now)) busy = true
    }
    return busy
  }

  /** Resets the step clock after a pause, so the first frame does not jump. */
  resume(): void {
    this.lastStep = nowSeconds()
  }
}

/** The one simulation the scene uses. */
export const workshopSim = new WorkshopSim()
