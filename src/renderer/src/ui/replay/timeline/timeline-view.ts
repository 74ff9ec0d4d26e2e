/**
 * The timeline's window onto the history and its arithmetic: fit, zoom around a point, pan, and
 * the axis' ticks. Pure, so the component only turns pointer and key input into calls.
 */
import type { HistorySpan } from '@shared/contract/replay'

export interface TimelineWindow {
  /** ms since the epoch */
  from: number
  to: number
}

const SECOND_MS = 1_000
const MINUTE_MS = 60 * SECOND_MS
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS

/** The closest zoom: ten seconds across the track (a burst of tool calls, apart). */
export const MIN_WINDOW_MS = 10 * SECOND_MS
/** The widest: eight weeks across the track. */
export const MAX_WINDOW_MS = 56 * DAY_MS
/** One press of + or − (or a wheel notch, scaled by its distance). */
export const ZOOM_STEP = 1.5
/** Room left on each side of the history when it is fitted. */
const FIT_MARGIN = 0.02

/** Ticks at least this far apart on the axis. */
export const MIN_TICK_SPACING_PX = 90
const TICK_STEPS_MS = [
  SECOND_MS,
  5 * SECOND_MS,
  15 * SECOND_MS,
  30 * SECOND_MS,
  MINUTE_MS,
  5 * MINUTE_MS,
  15 * MINUTE_MS,
  30 * MINUTE_MS,
  HOUR_MS,
  3 * HOUR_MS,
  6 * HOUR_MS,
  12 * HOUR_MS,
  DAY_MS,
  2 * DAY_MS,
  7 * DAY_MS,
]

const clampSpan = (ms: number) => Math.min(MAX_WINDOW_MS, Math.max(MIN_WINDOW_MS, ms))

/** The whole history in view, with a little room on each side. */
export function fitAll(span: HistorySpan): TimelineWindow {
  const length = clampSpan((span.lastTs - span.firstTs) * (1 + 2 * FIT_MARGIN))
  const middle = (span.firstTs + span.lastTs) / 2
  return { from: middle - length / 2, to: middle + length / 2 }
}

/**
 * Zooms by `factor` (below 1: closer) keeping the instant `anchor` where it is on screen: under
 * the pointer for the wheel, the middle (or the replay clock) for the buttons.
 */
export function zoomWindow(w: TimelineWindow, factor: number, anchor: number): TimelineWindow {
  const length = w.to - w.from
  const next = clampSpan(length * factor)
  const at = Math.min(w.to, Math.max(w.from, anchor))
  const ratio = (at - w.from) / length
  return { from: at - ratio * next, to: at - ratio * next + next }
}

/**
 * Moves the window by `deltaMs`, keeping some of the history in view: the window may not pass
 * wholly beyond either end.
 */
export function panWindow(
  w: TimelineWindow,
  deltaMs: number,
  span: HistorySpan | null,
): TimelineWindow {
  let from = w.from + deltaMs
  const length = w.to - w.from
  if (span) {
    from = Math.min(from, span.lastTs - length * 0.1)
    from = Math.max(from, span.firstTs - length * 0.9)
  }
  return { from, to: from + length }
}

/** The window moved so that `at` is inside it (a keyboard step past its edge). */
export function revealInstant(w: TimelineWindow, at: number): TimelineWindow {
  const length = w.to - w.from
  if (at < w.from) return { from: at - length * 0.1, to: at + length * 0.9 }
  if (at > w.to) return { from: at - length * 0.9, to: at + length * 0.1 }
  return w
}

export interface Tick {
  at: number
  label: string
  /** A day boundary (or the first tick): its label carries the date. */
  major: boolean
}

/** Ticks for the axis, aligned to local time, at least MIN_TICK_SPACING_PX apart. */
export function axisTicks(w: TimelineWindow, widthPx: number): Tick[] {
  const msPerPx = (w.to - w.from) / Math.max(1, widthPx)
  const step =
    TICK_STEPS_MS.find((s) => s / msPerPx >= MIN_TICK_SPACING_PX) ??
    TICK_STEPS_MS[TICK_STEPS_MS.length - 1]
  // Align to local midnight so hours and days fall on round local times.
  const offset = new Date(w.from).getTimezoneOffset() * MINUTE_MS
  const first = Math.ceil((w.from - offset) / step) * step + offset
  const ticks: Tick[] = []
  let previousDay = ''
  for (let at = first; at <= w.to; at += step) {
    const d = new Date(at)
    const day = d.toDateString()
    const major = day !== previousDay
    previousDay = day
    const time = d.toLocaleTimeString([], {
      hour: '2-digit',
      minute: '2-digit',
      ...(step < MINUTE_MS ? { second: '2-digit' } : {}),
    })
    const date = d.toLocaleDateString([], { month: 'short', day: 'numeric' })
    ticks.push({
      at,
      label: step >= DAY_MS ? date : major ? `${date} ${time}` : time,
      major,
    })
  }
  return ticks
}

/** "14:02:07" for an event, with the date when it is not today's. */
export function instantText(at: number, now = Date.now()): string {
  const d = new Date(at)
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })
  return d.toDateString() === new Date(now).toDateString()
    ? time
    : `${d.toLocaleDateString([], { month: 'short', day: 'numeric' })} ${time}`
}

/** How wide the window is, in words ("2 h 30 min", "3 days"). */
export function lengthText(ms: number): string {
  if (ms < MINUTE_MS * 2) return `${Math.round(ms / SECOND_MS)} s`
  if (ms < HOUR_MS * 2) return `${Math.round(ms / MINUTE_MS)} min`
  if (ms < DAY_MS * 2) {
    const h = Math.floor(ms / HOUR_MS)
    const m = Math.round((ms - h * HOUR_MS) / MINUTE_MS)
    return m > 0 && h < 10 ? `${h} h ${m} min` : `${Math.round(ms / HOUR_MS)} h`
  }
  return `${Math.round(ms / DAY_MS)} days`
}
