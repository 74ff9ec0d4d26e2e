/** Keeps the spatial-audio listener on the camera, sampled at most every 100 ms. */
import { useFrame } from '@react-three/fiber'
import { useRef } from 'react'
import { Euler } from 'three'
import { setListener } from '../audio/scene-sounds'

const LISTENER_UPDATE_S = 0.1

export function AudioListener() {
  const last = useRef(0)
  const euler = useRef(new Euler(0, 0, 0, 'YXZ'))
  useFrame(({ camera, clock }) => {
    const t = clock.getElapsedTime()
    if (t - last.current < LISTENER_UPDATE_S) return
    last.current = t
    euler.current.setFromQuaternion(camera.quaternion, 'YXZ')
    setListener({ x: camera.position.x, z: camera.position.z, yaw: euler.current.y })
  })
  return null
}
