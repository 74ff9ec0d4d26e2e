/** Background of the workshop, following the window theme (scene-theme.ts). */
import { useEffect } from 'react'
import { requestFramesFor } from './frame-demand'
import { useScenePalette } from './scene-theme'

/** One frame is enough to show a new backdrop (render on demand). */
const REDRAW_S = 0.05

export function SceneBackdrop() {
  const palette = useScenePalette()
  useEffect(() => requestFramesFor(REDRAW_S), [palette])
  return <color attach="background" args={[palette.background]} />
}
