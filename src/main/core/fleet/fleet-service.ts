/**
 * The fleet's rules at work: each session's policy (priority, budget, override), the hold that
 * follows from it (budget stop, parking), and the one timer that lifts parking when the 5-hour
 * window resets. Time comes from the injected clock only. A session reaching its budget with
 * "stop" on has its running turn interrupted once; nothing is ever killed.
 */
import type { Hold, SessionFleetState, SessionPolicy, FleetSettings } from '@shared/fleet'
import type { Clock } from '../util/clock'
import type { Logger } from '../log/logger'
import type { UsageService } from '../usage/usage-service'
import { budgetState, holdFor } from './holds'
import type { PolicyStore } from './policy-store'

export interface FleetServiceOptions {
  policies: PolicyStore
  usage: UsageService
  clock: Clock
  settings: () => FleetSettings
  sessionIds: () => string[]
  /** Interrupts a session's running turn (the budget stop). */
  interrupt: (sessionId: string) => Promise<void>
  log: Logger
}

export class FleetService {
  private readonly holds = new Map<string, string>()
  private readonly listeners = new Set<() => void>()
  /** Sessions whose budget stop already interrupted a turn (until the budget is raised). */
  private readonly stopped = new Set<string>()
  private cancelTimer: (() => void) | null = null
  private timerAt: number | null = null

  constructor(private readonly opts: FleetServiceOptions) {}

  onChange(cb: () => void): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  policy(sessionId: string): SessionPolicy {
    return this.opts.policies.get(sessionId)
  }

  setPolicy(sessionId: string, patch: Partial<SessionPolicy>): SessionPolicy {
    const next = { ...this.policy(sessionId), ...patch }
    this.opts.policies.set(sessionId, next)
    if (patch.budget !== undefined || patch.override !== undefined) this.stopped.delete(sessionId)
    this.evaluate(true)
    return next
  }

  forget(sessionId: string): void {
    this.opts.policies.delete(sessionId)
    this.holds.delete(sessionId)
    this.stopped.delete(sessionId)
    this.evaluate(true)
  }

  state(sessionId: string): SessionFleetState {
    const policy = this.policy(sessionId)
    const budget = budgetState(policy.budget, this.opts.usage.ledger.report(sessionId).total)
    return { sessionId, policy, budget, hold: this.holdOf(sessionId, policy, budget) }
  }

  /** Why the app holds this session's prompts now, or null. */
  hold(sessionId: string): Hold | null {
    return this.state(sessionId).hold
  }

  private holdOf(
    sessionId: string,
    policy: SessionPolicy,
    budget: ReturnType<typeof budgetState>,
  ): Hold | null {
    return holdFor({
      policy,
      budget,
      parking: this.opts.settings().parking,
      fiveHour: this.opts.usage.window('five_hour'),
      now: this.opts.clock.now(),
    })
  }

  /**
   * Re-reads every session's hold (after usage, a window, a setting or a policy changed, or the
   * window's reset time came): announces changes, fires budget stops, and re-arms the timer.
   */
  evaluate(force = false): void {
    let changed = force
    let nextRelease: number | null = null
    for (const id of this.opts.sessionIds()) {
      const s = this.state(id)
      const key = s.hold ? JSON.stringify(s.hold) : ''
      if ((this.holds.get(id) ?? '') !== key) {
        changed = true
        if (key) this.holds.set(id, key)
        else this.holds.delete(id)
      }
      if (s.hold?.reason === 'parked') nextRelease = Math.min(nextRelease ?? Infinity, s.hold.until)
      if (s.budget?.level !== 'over') this.stopped.delete(id)
      else if (s.hold?.reason === 'budget' && !this.stopped.has(id)) {
        this.stopped.add(id)
        this.opts
          .interrupt(id)
          .catch((err: unknown) => this.opts.log.warn(`budget stop of ${id} failed`, err))
      }
    }
    this.arm(nextRelease)
    if (changed) for (const cb of this.listeners) cb()
  }

  private arm(at: number | null): void {
    if (at === this.timerAt) return
    this.cancelTimer?.()
    this.cancelTimer = null
    this.timerAt = at
    if (at !== null)
      this.cancelTimer = this.opts.clock.at(at, () => {
        this.timerAt = null
        this.cancelTimer = null
        this.evaluate()
      })
  }

  close(): void {
    this.cancelTimer?.()
    this.cancelTimer = null
  }
}
