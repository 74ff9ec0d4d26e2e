/** The side panel's width: dragged by its edge (or arrow keys on it), remembered across launches. */
import { useCallback, useEffect, useState } from 'react'

export const SIDE_PANEL_STORAGE_KEY = 'atelier.sidePanelWidth'
export const SIDE_PANEL_DEFAULT_PX = 440
export const SIDE_PANEL_MIN_PX = 320
/** The scene keeps at least this much room. */
export const SCENE_MIN_PX = 280
const KEYBOARD_STEP_PX = 24

function clampWidth(px: number): number {
  const max = Math.max(SIDE_PANEL_MIN_PX, window.innerWidth - SCENE_MIN_PX)
  return Math.round(Math.max(SIDE_PANEL_MIN_PX, Math.min(max, px)))
}

export function useSidePanelWidth() {
  const [width, setWidth] = useState(() => {
    const saved = Number(localStorage.getItem(SIDE_PANEL_STORAGE_KEY))
    return clampWidth(Number.isFinite(saved) && saved > 0 ? saved : SIDE_PANEL_DEFAULT_PX)
  })
  const [dragging, setDragging] = useState(false)

  useEffect(() => {
    localStorage.setItem(SIDE_PANEL_STORAGE_KEY, String(width))
  }, [width])

  useEffect(() => {
    const onResize = () => setWidth((w) => clampWidth(w))
    window.addEventListener('resize', onResize)
    return () => window.removeEventListener('resize', onResize)
  }, [])

  const onPointerDown = useCallback((e: React.PointerEvent) => {
    e.preventDefault()
    setDragging(true)
    const move = (ev: PointerEvent) => setWidth(clampWidth(window.innerWidth - ev.clientX))
    const up = () => {
      setDragging(false)
      window.removeEventListener('pointermove', move)
      window.removeEventListener('pointerup', up)
    }
    window.addEventListener('pointermove', move)
    window.addEventListener('pointerup', up)
  }, [])

  const onKeyDown = useCallback((e: React.KeyboardEvent) => {
    if (e.key === 'ArrowLeft') setWidth((w) => clampWidth(w + KEYBOARD_STEP_PX))
    else if (e.key === 'ArrowRight') setWidth((w) => clampWidth(w - KEYBOARD_STEP_PX))
    else if (e.key === 'Home') setWidth(clampWidth(SIDE_PANEL_DEFAULT_PX))
    else return
    e.preventDefault()
  }, [])

  return { width, dragging, onPointerDown, onKeyDown }
}
