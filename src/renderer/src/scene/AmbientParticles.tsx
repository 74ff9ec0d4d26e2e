/**
 * Sixty cyan motes drifting and bobbing over the workshop (docs/original.md#scene). They move only while
 * frames are drawn for something else, so they never keep an idle workshop awake.
 */
import { useEffect, useMemo } from 'react'
import { useFrame } from '@react-three/fiber'
import { AdditiveBlending, BufferAttribute, NormalBlending, PointsMaterial } from 'three'
import { AMBIENT_PARTICLE_COUNT } from './constants'
import { requestFramesFor } from './frame-demand'
import { pointsGeometry, roundPoints } from './round-points'
import { useScenePalette } from './scene-theme'
import { nowSeconds } from './sim/clock'

const MIN_RADIUS = 2
const MAX_RADIUS = 17
const MIN_HEIGHT = 6
const MAX_HEIGHT = 18

export function AmbientParticles() {
  const seeds = useMemo(
    () =>
      Array.from({ length: AMBIENT_PARTICLE_COUNT }, () => ({
        radius: MIN_RADIUS + Math.random() * (MAX_RADIUS - MIN_RADIUS),
        angle: Math.random() * Math.PI * 2,
        height: MIN_HEIGHT + Math.random() * (MAX_HEIGHT - MIN_HEIGHT),
        speed: 0.02 + Math.random() * 0.05,
        bob: Math.random() * Math.PI * 2,
      })),
    [],
  )
  const geometry = useMemo(() => pointsGeometry(AMBIENT_PARTICLE_COUNT), [])
  const material = useMemo(
    () =>
      roundPoints(
        new PointsMaterial({ size: 0.14, transparent: true, opacity: 0.7, depthWrite: false }),
      ),
    [],
  )
  // Glowing cyan motes in the dark room; soft slate specks (added light is invisible) in the light.
  const { motes } = useScenePalette()
  useEffect(() => {
    material.color.set(motes.color)
    material.opacity = motes.opacity
    material.blending = motes.additive ? AdditiveBlending : NormalBlending
    material.needsUpdate = true
    requestFramesFor(0.05)
  }, [material, motes])
  useEffect(() => () => geometry.dispose(), [geometry])
  useEffect(() => () => material.dispose(), [material])
  useFrame(() => {
    const t = nowSeconds()
    const pos = geometry.getAttribute('position') as BufferAttribute
    seeds.forEach((s, i) => {
      const a = s.angle + t * s.speed
      pos.setXYZ(
        i,
        Math.cos(a) * s.radius,
        s.height + Math.sin(t * 0.6 + s.bob) * 0.5,
        Math.sin(a) * s.radius,
      )
    })
    pos.needsUpdate = true
  })
  return (
    <points
      name="ambient-particles"
      geometry={geometry}
      material={material}
      frustumCulled={false}
    />
  )
}
