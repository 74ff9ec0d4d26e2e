/**
 * The subscription's rate-limit windows and when each runs out at the current pace. Claude Code
 * reports each window's use (percent) and reset time in its status line; the readings of the
 * last BURN_HORIZON_MS give the burn rate, measured up to now (so a fleet that went quiet burns
 * nothing): rate = (latest use − earliest use) / (now − earliest reading), and the window runs
 * out at now + (100 − latest use) / rate, unless it resets first. Pure: time comes from a Clock.
 */
import {
  RATE_WINDOWS,
  type RateWindow,
  type RateWindowName,
  type WindowForecast,
} from '@shared/usage'
import type { Clock } from '../util/clock'

export const BURN_HORIZON_MS = 60 * 60_000
/** Readings kept per window (several arrive per turn; the horizon keeps far fewer). */
export const MAX_READINGS = 512
/** A reset time that moved by more than this is a new window: its readings start over. */
export const NEW_WINDOW_SHIFT_MS = 60_000
const HOUR_MS = 60 * 60_000

interface Reading {
  at: number
  usedPercent: number
}

export class QuotaTracker {
  private readonly latest: Partial<Record<RateWindowName, RateWindow>> = {}
  private readonly readings: Record<RateWindowName, Reading[]> = { five_hour: [], seven_day: [] }

  constructor(
    private readonly clock: Clock,
    initial: Partial<Record<RateWindowName, RateWindow>> = {},
  ) {
    for (const name of RATE_WINDOWS) {
      const w = initial[name]
      if (w) {
        this.latest[name] = w
        this.readings[name].push({ at: w.observedAt, usedPercent: w.usedPercent })
      }
    }
  }

  /** A reading from a status line; returns the window as now known. */
  observe(name: RateWindowName, usedPercent: number, resetsAt: number): RateWindow {
    const now = this.clock.now()
    const prev = this.latest[name]
    const list = this.readings[name]
    if (prev && Math.abs(prev.resetsAt - resetsAt) > NEW_WINDOW_SHIFT_MS) list.length = 0
    list.push({ at: now, usedPercent })
    this.prune(list, now)
    const w: RateWindow = { usedPercent, resetsAt, observedAt: now }
    this.latest[name] = w
    return w
  }

  /** The window's last reading, while its reset time has not passed. */
  window(name: RateWindowName): RateWindow | undefined {
    const w = this.latest[name]
    return w && w.resetsAt > this.clock.now() ? w : undefined
  }

  /** Keeps the readings of the horizon plus the newest one before it, as the starting point. */
  private prune(list: Reading[], now: number): void {
    const start = now - BURN_HORIZON_MS
    let firstInside = list.findIndex((r) => r.at >= start)
    if (firstInside === -1) firstInside = list.length - 1
    const drop = Math.max(0, firstInside - 1, list.length - MAX_READINGS)
    if (drop > 0) list.splice(0, drop)
  }

  /** Percentage points per hour, or null with fewer than two readings of this window. */
  burnPerHour(name: RateWindowName): number | null {
    const now = this.clock.now()
    const list = this.readings[name]
    this.prune(list, now)
    if (list.length < 2) return null
    const first = list[0]
    const last = list[list.length - 1]
    const span = now - first.at
    if (span <= 0) return null
    return (Math.max(0, last.usedPercent - first.usedPercent) / span) * HOUR_MS
  }

  forecast(warnPercent: number): WindowForecast[] {
    const now = this.clock.now()
    const out: WindowForecast[] = []
    for (const name of RATE_WINDOWS) {
      const w = this.window(name)
      if (!w) continue
      const rate = this.burnPerHour(name)
      let exhaustsAt: number | null = null
      if (rate !== null && rate > 0) {
        const at = now + ((100 - w.usedPercent) / rate) * HOUR_MS
        if (at < w.resetsAt) exhaustsAt = at
      }
      out.push({
        window: name,
        usedPercent: w.usedPercent,
        resetsAt: w.resetsAt,
        burnPercentPerHour: rate,
        exhaustsAt,
        warning: w.usedPercent >= warnPercent || exhaustsAt !== null,
      })
    }
    return out
  }
}
