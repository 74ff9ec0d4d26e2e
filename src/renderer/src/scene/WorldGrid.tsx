/** The world hex grid: one merged LineSegments for every cell within `rings` of the origin. */
import { useEffect, useMemo } from 'react'
import { BufferGeometry, Float32BufferAttribute, LineBasicMaterial } from 'three'
import { HEX_RADIUS_UNITS } from './constants'
import { requestFramesFor } from './frame-demand'
import { useScenePalette } from './scene-theme'
import { hexCorners, hexToWorld, hexesWithin } from './hex'

export function gridGeometry(rings: number): BufferGeometry {
  const corners = hexCorners(HEX_RADIUS_UNITS)
  const cells = hexesWithin({ q: 0, r: 0 }, rings)
  const pos = new Float32Array(cells.length * 6 * 2 * 3)
  let o = 0
  for (const c of cells) {
    const w = hexToWorld(c)
    for (let i = 0; i < 6; i++) {
      const a = corners[i]
      const b = corners[(i + 1) % 6]
      pos.set([w.x + a.x, 0, w.z + a.z, w.x + b.x, 0, w.z + b.z], o)
      o += 6
    }
  }
  const g = new BufferGeometry()
  g.setAttribute('position', new Float32BufferAttribute(pos, 3))
  return g
}

export function WorldGrid({ rings }: { rings: number }) {
  const geometry = useMemo(() => gridGeometry(rings), [rings])
  const { grid, gridOpacity } = useScenePalette()
  const material = useMemo(
    () => new LineBasicMaterial({ transparent: true, depthWrite: false }),
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
