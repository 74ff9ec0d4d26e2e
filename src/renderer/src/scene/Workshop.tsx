/**
 * The live 3D workshop: one hex zone per session with its robot and stations, fed by the event
 * stream. Renders on demand: nothing is drawn while nothing moves.
 */
import { useState } from 'react'
import { Canvas } from '@react-three/fiber'
import { BasicShadowMap } from 'three'
import { useAppStore } from '../store'
import { AmbientParticles } from './AmbientParticles'
import { AudioListener } from './AudioListener'
import { CameraRig } from './CameraRig'
import { CAMERA_FOV_DEG, CAMERA_START, DEFAULT_GRID_RINGS } from './constants'
import { DebugHook } from './DebugHook'
import { WarmUp } from './WarmUp'
import { FrameDriver } from './FrameDriver'
import { InstancedParts } from './instancing/InstancedParts'
import { Lights } from './Lights'
import { DrawHud } from './overlay/DrawHud'
import { FloorMenu } from './overlay/FloorMenu'
import { OverlayProjector } from './overlay/OverlayProjector'
import { SceneOverlay } from './overlay/SceneOverlay'
import { TileEditor } from './overlay/TileEditor'
import { SceneBackdrop } from './SceneBackdrop'
import { useSceneStore } from './scene-store'
import { useSceneWiring } from './scene-wiring'
import { ClickEffects } from './world/ClickEffects'
import { FloorInteraction } from './world/FloorInteraction'
import { PaintedHexes } from './world/PaintedHexes'
import { PendingZones } from './world/PendingZones'
import { PlaceholderZone } from './world/PlaceholderZone'
import { TextTiles } from './world/TextTiles'
import { WorldGrid } from './WorldGrid'
import { ZoneLayer } from './ZoneLayer'

const MAX_PIXEL_RATIO = 1.5

/** Everything inside the canvas; exported for scene-graph tests. */
export function WorkshopScene({ onWarm }: { onWarm?: () => void }) {
  const [warming, setWarming] = useState(onWarm !== undefined)
  const rings = useAppStore((s) => s.settings?.gridRings ?? DEFAULT_GRID_RINGS)
  const hexes = useAppStore((s) => s.hexes)
  const tiles = useAppStore((s) => s.tiles)
  const pending = useSceneStore((s) => s.pendingZones)
  const empty = useAppStore((s) => s.settings !== null && s.sessions.length === 0)
  return (
    <>
      <SceneBackdrop />
      <FrameDriver />
      <Lights />
      <WorldGrid rings={rings} />
      <AmbientParticles />
      <PaintedHexes hexes={hexes} />
      <ZoneLayer />
      {warming && (
        <WarmUp
          onDone={() => {
            setWarming(false)
            onWarm?.()
          }}
        />
      )}
      <InstancedParts />
      <TextTiles tiles={tiles} hexes={hexes} />
      <PendingZones zones={pending} />
      {empty && pending.length === 0 && <PlaceholderZone />}
      <ClickEffects />
      <FloorInteraction />
      <CameraRig />
      <AudioListener />
      <OverlayProjector />
      {__SCENE_PROBE__ && <DebugHook />}
    </>
  )
}

export function Workshop() {
  useSceneWiring()
  const drawing = useSceneStore((s) => s.draw.enabled)
  // The canvas stays hidden while the shader warm-up zone is drawn.
  const [warm, setWarm] = useState(false)
  return (
    <div
      style={{
        position: 'relative',
        width: '100%',
        height: '100%',
        cursor: drawing ? 'crosshair' : undefined,
      }}
    >
      <Canvas
        data-testid="workshop"
        frameloop="demand"
        shadows={{ type: BasicShadowMap }}
        dpr={[1, MAX_PIXEL_RATIO]}
        tabIndex={0}
        style={{ visibility: warm ? 'visible' : 'hidden' }}
        camera={{ fov: CAMERA_FOV_DEG, near: 0.1, far: 500, position: CAMERA_START }}
        gl={{ preserveDrawingBuffer: true, antialias: false, powerPreference: 'high-performance' }}
      >
        <WorkshopScene onWarm={() => setWarm(true)} />
      </Canvas>
      <SceneOverlay />
      <FloorMenu />
      <TileEditor />
      <DrawHud />
    </div>
  )
}
