/**
 * The workshop's colours per window theme. Dark is the original's look (no fog); the light
 * variant brightens background and floors and fades the far grid into a pale haze, so the scene
 * sits in a light window instead of punching a black hole in it. Robots, stations and status
 * colours are the same in both: they are signals, not decoration.
 */
import { useSyncExternalStore } from 'react'
import { BACKGROUND_COLOR, GRID_LINE_COLOR, GRID_LINE_OPACITY, ZONE_FLOOR_COLOR } from './constants'

export type SceneThemeName = 'light' | 'dark'

export interface ScenePalette {
  background: string
  /** Linear fog, world units from the camera; null: none. */
  fog: { color: string; nearUnits: number; farUnits: number } | null
  zoneFloor: string
  grid: string
  gridOpacity: number
}

export const SCENE_PALETTES: Record<SceneThemeName, ScenePalette> = {
  dark: {
    background: BACKGROUND_COLOR,
    fog: null,
    zoneFloor: ZONE_FLOOR_COLOR,
    grid: GRID_LINE_COLOR,
    gridOpacity: GRID_LINE_OPACITY,
  },
  light: {
    background: '#e6ecf3',
    // Starts beyond a focused zone (camera ~12 units away), swallows the outer grid rings.
    fog: { color: '#e6ecf3', nearUnits: 90, farUnits: 320 },
    zoneFloor: '#c9d5e3',
    grid: '#2b7a99',
    gridOpacity: 0.3,
  },
}

function currentTheme(): SceneThemeName {
  return document.documentElement.dataset.theme === 'light' ? 'light' : 'dark'
}

/** Follows `<html data-theme>`, which the window's theme hook sets. */
function subscribe(cb: () => void): () => void {
  const observer = new MutationObserver(cb)
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
  return () => observer.disconnect()
}

export function useSceneTheme(): SceneThemeName {
  return useSyncExternalStore(subscribe, currentTheme, () => 'dark')
}

export function useScenePalette(): ScenePalette {
  return SCENE_PALETTES[useSceneTheme()]
}
