/**
 * Painted hexes as one instanced mesh of hex columns (docs/original.md#draw-mode-labels-and-the-floor-menu): 0.95 of the hex radius,
 * each stack layer 0.5 tall, lit in its own colour. Grows its capacity in powers of two.
 */
import { useEffect, useMemo } from 'react'
import { Color, InstancedMesh, Matrix4, MeshStandardMaterial } from 'three'
import type { PaintedHex } from '@shared/world'
import { HEX_RADIUS_UNITS, PAINT_EMISSIVE, PAINT_HEX_SCALE, PAINT_LAYER_UNITS } from '../constants'
import { wake } from '../frame-demand'
import { hexToWorld } from '../hex'
import { geo } from '../resources'

const MIN_CAPACITY = 64

function capacityFor(n: number): number {
  let c = MIN_CAPACITY
  while (c < n) c *= 2
  return c
}

export function PaintedHexes({ hexes }: { hexes: readonly PaintedHex[] }) {
  const capacity = capacityFor(hexes.length)
  const mesh = useMemo(() => {
    const material = new MeshStandardMaterial({
      roughness: 0.5,
      metalness: 0.1,
      emissive: '#ffffff',
      emissiveIntensity: 0,
    })
    // Emissive in each hex's own colour: the instance colour is added at PAINT_EMISSIVE.
    material.onBeforeCompile = (shader) => {
      shader.fragmentShader = shader.fragmentShader.replace(
        '#include <emissivemap_fragment>',
        `#include <emissivemap_fragment>\n#ifdef USE_INSTANCING_COLOR\ntotalEmissiveRadiance += vColor * ${PAINT_EMISSIVE.toFixed(2)};\n#endif`,
      )
    }
    const m = new InstancedMesh(
      geo.hexPrism(HEX_RADIUS_UNITS * PAINT_HEX_SCALE, 1),
      material,
      capacity,
    )
    m.name = 'painted-hexes'
    m.castShadow = true
    m.receiveShadow = true
    return m
  }, [capacity])
  useEffect(
    () => () => {
      ;(mesh.material as MeshStandardMaterial).dispose()
      mesh.dispose()
    },
    [mesh],
  )
  useEffect(() => {
    const m4 = new Matrix4()
    const c = new Color()
    hexes.forEach((h, i) => {
      const w = hexToWorld(h)
      m4.makeScale(1, h.height * PAINT_LAYER_UNITS, 1).setPosition(w.x, 0, w.z)
      mesh.setMatrixAt(i, m4)
      mesh.setColorAt(i, c.set(h.color))
    })
    mesh.count = hexes.length
    mesh.instanceMatrix.needsUpdate = true
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true
    mesh.computeBoundingSphere()
    wake()
  }, [hexes, mesh])
  return <primitive object={mesh} />
}
