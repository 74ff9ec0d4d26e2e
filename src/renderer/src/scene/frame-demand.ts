/**
 * Render-on-demand bookkeeping: components that start a timed animation ask for frames until a
 * time; the frame driver keeps invalidating while any hold or the simulation is active. Also
 * counts rendered frames for the debug hook and the bench.
 */
import { nowSeconds } from './sim/clock'

let holdUntil = 0
let frames = 0
let wakeFn: (() => void) | null = null

export function requestFramesFor(seconds: number): void {
  holdUntil = Math.max(holdUntil, nowSeconds() + seconds)
  wakeFn?.()
}

export function framesHeld(now: number): boolean {
  return now < holdUntil
}

export function setWake(fn: (() => void) | null): void {
  wakeFn = fn
}

/** Draw one frame soon (state changed outside the frame loop). */
export function wake(): void {
  wakeFn?.()
}

export function countFrame(): void {
  frames++
}

export function framesRendered(): number {
  return frames
}
