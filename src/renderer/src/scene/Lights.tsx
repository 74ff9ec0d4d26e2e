/** Lighting of the original (docs/original.md#scene): ambient, hemisphere and one shadow-casting sun. */
export function Lights() {
  return (
    <>
      <ambientLight color="#606080" intensity={0.8} />
      <hemisphereLight args={['#fff5e6', '#404060', 0.4]} />
      <directionalLight
        color="#fff5e6"
        intensity={1.2}
        position={[5, 10, 5]}
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
