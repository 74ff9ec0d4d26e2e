/**
 * The world hex grid: one merged LineSegments for every cell within `rings` of the origin. Each
 * vertex carries an alpha that fades with distance from the workshop, so the zones — not the
 * grid — hold the eye and the grid's far edge never shows.
 */
import { useEffect, useMemo } from 'react'
import { BufferGeometry, Float32BufferAttribute, LineBasicMaterial } from 'three'
import { HEX_RADIUS_UNITS } from './constants'
import { requestFramesFor } from './frame-demand'
import { useScenePalette } from './scene-theme'
import { hexCorners, hexToWorld, hexesWithin } from './hex'

export function gridGeometry(rings: number, fadeFrom: number, fadeTo: number): BufferGeometry {
  const corners = hexCorners(HEX_RADIUS_UNITS)
  const cells = hexesWithin({ q: 0, r: 0 }, rings)
  const pos = new Float32Array(cells.length * 6 * 2 * 3)
  const col = new Float32Array(cells.length * 6 * 2 * 4)
  const alpha = (x: number, z: number) => {
    const d = Math.hypot(x, z)
    const k = Math.min(1, Math.max(0, (d - fadeFrom) / (fadeTo - fadeFrom)))
    return 1 - k * k * (3 - 2 * k)
  }
  let o = 0
  let c = 0
  for (const cell of cells) {
    const w = hexToWorld(cell)
    for (let i = 0; i < 6; i++) {
      const a = corners[i]
      const b = corners[(i + 1) % 6]
      pos.set([w.x + a.x, 0, w.z + a.z, w.x + b.x, 0, w.z + b.z], o)
      o += 6
      col.set([1, 1, 1, alpha(w.x + a.x, w.z + a.z), 1, 1, 1, alpha(w.x + b.x, w.z + b.z)], c)
      c += 8
    }
  }
  const g = new BufferGeometry()
  g.setAttribute('position', new Float32BufferAttribute(pos, 3))
  g.setAttribute('color', new Float32BufferAttribute(col, 4))
  return g
}

export function WorldGrid({ rings }: { rings: number }) {
  const { grid, gridOpacity, gridFadeFromUnits, gridFadeToUnits } = useScenePalette()
  const geometry = useMemo(
    () => gridGeometry(rings, gridFadeFromUnits, gridFadeToUnits),
    [rings, gridFadeFromUnits, gridFadeToUnits],
  )
  const material = useMemo(
    () => new LineBasicMaterial({ transparent: true, depthWrite: false, vertexColors: true }),
    [],
  )
  useEffect(() => {
    material.color.set(grid)
    material.opacity = gridOpacity
    requestFramesFor(0.05)
  }, [material, grid, gridOpacity])
  useEffect(() => () => geometry.dispose(), [geometry])
  useEffect(() => () => material.dispose(), [material])
  return (
    <lineSegments
      name="world-grid"
      geometry={geometry}
      material={material}
      position={[0, 0.01, 0]}
    />
  )
}
