import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_WINDOW_WIDTH_PX,
  loadWindowState,
  restoreWindowState,
  saveWindowState,
  type Rect,
  type WindowState,
} from '../../../src/main/shell/desktop/window-state'

const laptop: Rect = { x: 0, y: 25, width: 1440, height: 875 } // menu bar above
const externalRight: Rect = { x: 1440, y: 0, width: 2560, height: 1440 }
const state = (bounds: Rect, maximized = false): WindowState => ({
  bounds,
  maximized,
  fullScreen: false,
})

describe('restoreWindowState', () => {
  it('keeps a window that is on a present display', () => {
    const saved = state({ x: 1600, y: 100, width: 1800, height: 1000 }, true)
    expect(restoreWindowState(saved, [laptop, externalRight])).toEqual({
      bounds: saved.bounds,
      maximized: true,
      fullScreen: false,
    })
  })

  it('pulls a window from a disconnected monitor into the remaining work area', () => {
    const saved = state({ x: 1600, y: 100, width: 1800, height: 1000 })
    const { bounds } = restoreWindowState(saved, [laptop])
    expect(bounds.width).toBeLessThanOrEqual(laptop.width)
    expect(bounds.height).toBeLessThanOrEqual(laptop.height)
    expect(bounds.x!).toBeGreaterThanOrEqual(laptop.x)
    expect(bounds.y!).toBeGreaterThanOrEqual(laptop.y)
    expect(bounds.x! + bounds.width).toBeLessThanOrEqual(laptop.x + laptop.width)
    expect(bounds.y! + bounds.height).toBeLessThanOrEqual(laptop.y + laptop.height)
  })

  it('pulls back a window left mostly off-screen (only a sliver visible)', () => {
    const saved = state({ x: 1400, y: 300, width: 1000, height: 700 }) // 40 px of it on the laptop
    const { bounds } = restoreWindowState(saved, [laptop])
    expect(bounds).toEqual({ x: 440, y: 200, width: 1000, height: 700 }) // bottom edge kept inside too
  })

  it('does not let the title bar hide above the work area', () => {
    const { bounds } = restoreWindowState(state({ x: 100, y: -500, width: 800, height: 600 }), [
      laptop,
    ])
    expect(bounds.y).toBe(laptop.y)
  })

  it('uses defaults (centred by the OS) without a saved state or without displays', () => {
    const fresh = restoreWindowState(null, [laptop])
    expect(fresh.bounds).toEqual({ width: DEFAULT_WINDOW_WIDTH_PX, height: 900 })
    expect(fresh.bounds.x).toBeUndefined()
    expect(
      restoreWindowState(state({ x: 0, y: 0, width: 900, height: 700 }), []).bounds.x,
    ).toBeUndefined()
  })

  it('handles a display to the left, at negative coordinates', () => {
    const left: Rect = { x: -1920, y: 0, width: 1920, height: 1080 }
    const saved = state({ x: -1800, y: 50, width: 1200, height: 800 })
    expect(restoreWindowState(saved, [laptop, left]).bounds).toEqual(saved.bounds)
    expect(restoreWindowState(saved, [laptop]).bounds.x).toBe(0)
  })
})

describe('window state file', () => {
  it('round-trips, and treats missing or malformed files as no state', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-ws-'))
    const file = join(dir, 'nested', 'window-state.json')
    expect(loadWindowState(file)).toBeNull()
    const saved = state({ x: 10, y: 20, width: 900, height: 700 }, true)
    saveWindowState(file, saved)
    expect(loadWindowState(file)).toEqual(saved)
    writeFileSync(file, '{"bounds":{"x":"ten"}}')
    expect(loadWindowState(file)).toBeNull()
    writeFileSync(file, 'not json')
    expect(loadWindowState(file)).toBeNull()
  })
})
