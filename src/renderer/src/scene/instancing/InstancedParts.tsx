/**
 * Mounts the part pools in the scene: every rendered frame, right after three.js has updated the
 * world matrices, the visible PartSlots are copied into their instanced meshes. Disposes the pools
 * (instance buffers and pool materials) when the canvas goes away.
 */
import { useEffect, useMemo } from 'react'
import { useThree } from '@react-three/fiber'
import { Group } from 'three'
import { PartPools } from './part-pools'

export function InstancedParts() {
  const scene = useThree((s) => s.scene)
  const group = useMemo(() => new Group(), [])
  useEffect(() => {
    const pools = new PartPools(group)
    const previous = scene.onBeforeRender
    // Scene.onBeforeRender runs after updateMatrixWorld and before the render list is built.
    scene.onBeforeRender = function (...args) {
      previous.apply(this, args)
      pools.sync(scene)
    }
    return () => {
      scene.onBeforeRender = previous
      pools.dispose()
    }
  }, [scene, group])
  return <primitive object={group} name="part-pools" />
}
