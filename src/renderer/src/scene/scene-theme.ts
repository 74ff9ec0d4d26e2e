/**
 * The workshop's look per window theme (docs/workshop-style.md#the-room). Dark is the
 * original's navy room with a cyan grid; light is designed for a light window, not inverted:
 * paper-white room, slate grid, pale session-tinted floors, the same dark stations.
 */
import { useSyncExternalStore } from 'react'
import type { ThemeName } from '../theme/session-palette'

export type SceneThemeName = ThemeName

export interface ScenePalette {
  background: string
  grid: string
  /** Grid opacity near the workshop; it fades to 0 between the fade distances. */
  gridOpacity: number
  gridFadeFromUnits: number
  gridFadeToUnits: number
  /** The floor before the session tint (mixed toward the session colour by the status). */
  zoneFloor: string
  /** Scales every status's session tint (pale tints need more on white than on navy). */
  tintScale: number
  /**
   * Share of the floor's own colour added as light, so floors show their designed colour
   * instead of the lights' grey (a light floor under lights alone turns mid-grey).
   */
  floorLift: number
  /** How strongly floor patterns (stripes, dots, hatching) show in their status ring. */
  patternStrength: number
  lights: {
    ambient: { color: string; intensity: number }
    hemisphere: { sky: string; ground: string; intensity: number }
    key: { color: string; intensity: number }
  }
  /** The ambient motes drifting over the workshop. */
  motes: { color: string; opacity: number; additive: boolean }
  /** CSS for the pane's vignette, laid over the canvas under the labels. */
  vignette: string
  /** Outline of the first run's placeholder zone. */
  placeholder: string
}

export const SCENE_PALETTES: Record<SceneThemeName, ScenePalette> = {
  dark: {
    background: '#070b14',
    grid: '#4ac8e8',
    gridOpacity: 0.3,
    gridFadeFromUnits: 70,
    gridFadeToUnits: 260,
    zoneFloor: '#0b121e',
    tintScale: 1,
    floorLift: 0.1,
    patternStrength: 0.32,
    lights: {
      ambient: { color: '#5a6b8c', intensity: 0.6 },
      hemisphere: { sky: '#bcd3f2', ground: '#0b1020', intensity: 0.5 },
      key: { color: '#fff1dc', intensity: 1.4 },
    },
    motes: { color: '#4ac8e8', opacity: 0.7, additive: true },
    vignette: 'radial-gradient(ellipse at 50% 45%, transparent 55%, rgba(0, 0, 0, 0.45) 100%)',
    placeholder: '#4ac8e8',
  },
  light: {
    background: '#eef2f7',
    grid: '#5b7fa6',
    gridOpacity: 0.32,
    gridFadeFromUnits: 70,
    gridFadeToUnits: 260,
    zoneFloor: '#f7f9fc',
    tintScale: 4.2,
    floorLift: 0.22,
    patternStrength: 0.4,
    lights: {
      ambient: { color: '#ffffff', intensity: 1.1 },
      hemisphere: { sky: '#ffffff', ground: '#b8c4d4', intensity: 0.8 },
      key: { color: '#fffaf0', intensity: 1.35 },
    },
    motes: { color: '#7b93b3', opacity: 0.45, additive: false },
    vignette: 'radial-gradient(ellipse at 50% 45%, transparent 60%, rgba(71, 85, 105, 0.14) 100%)',
    placeholder: '#5b7fa6',
  },
}

export function currentSceneTheme(): SceneThemeName {
  return document.documentElement.dataset.theme === 'light' ? 'light' : 'dark'
}

/** Follows `<html data-theme>`, which the window's theme hook sets. */
function subscribe(cb: () => void): () => void {
  const observer = new MutationObserver(cb)
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
  return () => observer.disconnect()
}

export function useSceneTheme(): SceneThemeName {
  return useSyncExternalStore(subscribe, currentSceneTheme, () => 'dark')
}

export function useScenePalette(): ScenePalette {
  return SCENE_PALETTES[useSceneTheme()]
}
