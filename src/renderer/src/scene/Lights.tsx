/**
 * Lighting (docs/workshop-style.md): a cool hemisphere, a low fill and one warm key light from
 * the front left that casts the robots' shadows; the light theme raises the fill.
 */
import { useScenePalette } from './scene-theme'

export function Lights() {
  const { lights } = useScenePalette()
  return (
    <>
      <ambientLight color={lights.ambient.color} intensity={lights.ambient.intensity} />
      <hemisphereLight
        args={[lights.hemisphere.sky, lights.hemisphere.ground, lights.hemisphere.intensity]}
      />
      <directionalLight
        color={lights.key.color}
        intensity={lights.key.intensity}
        position={[-5, 10, 6]}
        castShadow
        shadow-mapSize-width={512}
        shadow-mapSize-height={512}
        shadow-camera-left={-8}
        shadow-camera-right={8}
        shadow-camera-top={8}
        shadow-camera-bottom={-8}
      />
    </>
  )
}
