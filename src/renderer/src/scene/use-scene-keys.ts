/**
 * Workshop keys: 1–9 focus a session, 0 overview, P station panels, D draw mode; in draw mode
 * 1–6 pick a colour, 0 the eraser, Q/E brush size, R stacking, X/Backspace clear, Escape exits.
 * Ignored while typing. The app's own keybinding system can call the same actions directly.
 */
import { useEffect } from 'react'
import { useAppStore } from '../store'
import { api } from '../store/sync'
import { playColorSelect, playSound } from '../audio/sound-engine'
import { focusSession, overview } from './camera-actions'
import {
  changeBrush,
  setDrawColor,
  toggleDrawMode,
  togglePanels,
  toggleStacking,
  useSceneStore,
} from './scene-store'

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return (
    !!el &&
    (el.tagName === 'INPUT' ||
      el.tagName === 'TEXTAREA' ||
      el.tagName === 'SELECT' ||
      el.isContentEditable)
  )
}

/** Erases every painted hex (draw mode X). */
export function clearPaint(): void {
  const store = useAppStore.getState()
  if (store.hexes.length === 0) return
  const changes = store.hexes.map((h) => ({ q: h.q, r: h.r, color: h.color, height: 0 }))
  store.setHexes([])
  playSound('clear')
  for (let i = 0; i < changes.length; i += 1000) {
    api()
      .invoke('hexes.paint', { hexes: changes.slice(i, i + 1000) })
      .catch((err: unknown) =>
        store.toast(
          'error',
          `Could not clear: ${err instanceof Error ? err.message : String(err)}`,
        ),
      )
  }
}

/** Handles one key; returns true when it was a workshop key. */
export function handleSceneKey(
  e: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey'>,
): boolean {
  if (e.altKey || e.ctrlKey || e.metaKey) return false
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key
  const { draw, floorMenu, tileEditor } = useSceneStore.getState()
  if (tileEditor) return false
  if (floorMenu && key === 'Escape') {
    useSceneStore.setState({ floorMenu: null })
    return true
  }
  if (draw.enabled) {
    if (/^[1-6]$/.test(key)) {
      setDrawColor(Number(key) - 1)
      playColorSelect(Number(key) - 1)
      return true
    }
    if (key === '0') {
      setDrawColor(-1)
      playColorSelect(-1)
      return true
    }
    if (key === 'q') return (changeBrush(-1), true)
    if (key === 'e') return (changeBrush(1), true)
    if (key === 'r') return (toggleStacking(), true)
    if (key === 'x' || key === 'Backspace') return (clearPaint(), true)
    if (key === 'd' || key === 'Escape') return (toggleDrawMode(false), true)
    return false
  }
  if (/^[1-9]$/.test(key)) return (focusSession(Number(key)), true)
  if (key === '0') return (overview(), true)
  if (key === 'p') return (togglePanels(), true)
  if (key === 'd') return (toggleDrawMode(true), true)
  return false
}

export function useSceneKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || typing(e.target)) return
      if (handleSceneKey(e)) e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
