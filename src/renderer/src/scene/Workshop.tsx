import { Canvas } from '@react-three/fiber'
import { useAppStore } from '../store'

const HEX_RADIUS = 10

function hexToWorld(q: number, r: number): [number, number, number] {
  const x = HEX_RADIUS * Math.sqrt(3) * (q + r / 2)
  const z = HEX_RADIUS * 1.5 * r
  return [x, 0, z]
}

/** Walking-skeleton scene: one hex zone per session. */
export function Workshop() {
  const sessions = useAppStore((s) => s.sessions)
  return (
    <Canvas camera={{ position: [0, 40, 45], fov: 50 }} gl={{ preserveDrawingBuffer: true }} data-testid="workshop">
      <color attach="background" args={['#0d0f14']} />
      <ambientLight intensity={0.6} />
      <directionalLight position={[20, 40, 10]} intensity={1.2} />
      {sessions.map((s, i) => (
        <mesh key={s.id} name={`zone:${s.id}`} position={hexToWorld(i, 0)} rotation={[0, Math.PI / 6, 0]}>
          <cylinderGeometry args={[HEX_RADIUS * 0.95, HEX_RADIUS * 0.95, 0.5, 6]} />
          <meshStandardMaterial color="#4a7cff" />
        </mesh>
      ))}
    </Canvas>
  )
}
