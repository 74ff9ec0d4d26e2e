/**
 * The empty workshop's placeholder zone at the centre (first run, or every session deleted): a
 * dashed hex on a faint floor, drawn with the zone floor material in its "starting" look. The
 * invitation card on it is HTML (overlay/FirstRun.tsx).
 */
import { useEffect, useMemo } from 'react'
import { requestFramesFor } from '../frame-demand'
import { SCENE_PALETTES, useSceneTheme } from '../scene-theme'
import { FloorMaterial, floorGeometryShared } from '../zone/floor-material'
import { floorLook } from '../zone/floor-look'

export function PlaceholderZone() {
  const theme = useSceneTheme()
  const palette = SCENE_PALETTES[theme]
  const material = useMemo(() => new FloorMaterial(), [])
  useEffect(() => () => material.dispose(), [material])
  useEffect(() => {
    material.apply(floorLook('starting', theme, palette.placeholder, palette))
    requestFramesFor(0.05)
  }, [material, theme, palette])
  return (
    <mesh
      name="placeholder-zone"
      geometry={floorGeometryShared()}
      material={material}
      position={[0, 0.02, 0]}
      receiveShadow
    />
  )
}
