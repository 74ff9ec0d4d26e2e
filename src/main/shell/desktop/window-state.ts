/**
 * Window size and position, remembered between launches. Pure geometry plus a tiny JSON file
 * store, so it runs (and is tested) under plain Node. The saved display may be gone (a laptop
 * undocked from its monitor): then the window is pulled back into a visible work area instead of
 * opening off-screen.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'

export const DEFAULT_WINDOW_WIDTH_PX = 1440
export const DEFAULT_WINDOW_HEIGHT_PX = 900
export const MIN_WINDOW_WIDTH_PX = 800
export const MIN_WINDOW_HEIGHT_PX = 560
/** A saved window counts as visible only if at least this much of it overlaps a work area. */
export const MIN_VISIBLE_OVERLAP_PX = 100
/** Roughly a title bar: this strip at the top must be on screen to grab the window. */
export const TITLE_BAR_HEIGHT_PX = 30

const RectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
})
export type Rect = z.infer<typeof RectSchema>

export const WindowStateSchema = z.object({
  bounds: RectSchema,
  maximized: z.boolean(),
  fullScreen: z.boolean(),
})
export type WindowState = z.infer<typeof WindowStateSchema>

/** What the window should open with; `x`/`y` absent means "let the OS centre it". */
export interface RestoredWindow {
  bounds: { x?: number; y?: number; width: number; height: number }
  maximized: boolean
  fullScreen: boolean
}

function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return width > 0 && height > 0 ? width * height : 0
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max)
}

/** The work area sharing the most pixels with `bounds`, else the one nearest to its centre. */
function bestWorkArea(bounds: Rect, workAreas: readonly Rect[]): Rect {
  let best = workAreas[0]
  let bestOverlap = -1
  for (const area of workAreas) {
    const overlap = overlapArea(bounds, area)
    if (overlap > bestOverlap) {
      best = area
      bestOverlap = overlap
    }
  }
  if (bestOverlap > 0) return best
  const cx = bounds.x + bounds.width / 2
  const cy = bounds.y + bounds.height / 2
  let nearest = workAreas[0]
  let nearestDistance = Infinity
  for (const area of workAreas) {
    const dx = clamp(cx, area.x, area.x + area.width) - cx
    const dy = clamp(cy, area.y, area.y + area.height) - cy
    const distance = dx * dx + dy * dy
    if (distance < nearestDistance) {
      nearest = area
      nearestDistance = distance
    }
  }
  return nearest
}

function intersection(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  }
}

/**
 * Visible enough to stay where it is: a solid piece of the window (not a thin sliver) is on some
 * work area, and so is a stretch of its title bar, which the user needs to drag it.
 */
function isVisibleEnough(bounds: Rect, workAreas: readonly Rect[]): boolean {
  const needWidth = Math.min(MIN_VISIBLE_OVERLAP_PX, bounds.width)
  const needHeight = Math.min(MIN_VISIBLE_OVERLAP_PX, bounds.height)
  const titleBar: Rect = { ...bounds, height: Math.min(TITLE_BAR_HEIGHT_PX, bounds.height) }
  const bodyVisible = workAreas.some((area) => {
    const i = intersection(bounds, area)
    return i.width >= needWidth && i.height >= needHeight
  })
  const titleVisible = workAreas.some((area) => {
    const i = intersection(titleBar, area)
    return i.width >= needWidth && i.height >= titleBar.height
  })
  return bodyVisible && titleVisible
}

/**
 * Decides where the window opens. `workAreas` are the current displays' work areas (screen minus
 * taskbar/menu bar). A window that fits and is visible keeps its place; one that is off-screen or
 * larger than its display is shrunk and moved fully into the best matching work area.
 */
export function restoreWindowState(
  saved: WindowState | null,
  workAreas: readonly Rect[],
): RestoredWindow {
  if (!saved || workAreas.length === 0) {
    return {
      bounds: { width: DEFAULT_WINDOW_WIDTH_PX, height: DEFAULT_WINDOW_HEIGHT_PX },
      maximized: false,
      fullScreen: false,
    }
  }
  const { bounds } = saved
  const area = bestWorkArea(bounds, workAreas)
  const fits = bounds.width <= area.width && bounds.height <= area.height
  if (fits && isVisibleEnough(bounds, workAreas)) {
    return { bounds: { ...bounds }, maximized: saved.maximized, fullScreen: saved.fullScreen }
  }
  const width = clamp(bounds.width, Math.min(MIN_WINDOW_WIDTH_PX, area.width), area.width)
  const height = clamp(bounds.height, Math.min(MIN_WINDOW_HEIGHT_PX, area.height), area.height)
  return {
    bounds: {
      x: clamp(bounds.x, area.x, area.x + area.width - width),
      y: clamp(bounds.y, area.y, area.y + area.height - height),
      width,
      height,
    },
    maximized: saved.maximized,
    fullScreen: saved.fullScreen,
  }
}

/** Reads the saved state; a missing, unreadable or malformed file means "no saved state". */
export function loadWindowState(file: string): WindowState | null {
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Writes atomically (temp file + rename) so a crash mid-write never leaves half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  const valid = WindowStateSchema.parse(state)
  mkdirSync(dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(temp, JSON.stringify(valid), 'utf8')
  renameSync(temp, file)
}
