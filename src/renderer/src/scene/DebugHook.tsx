/**
 * A read-only view of the scene graph for end-to-end tests and the bench:
 * `window.__atelierScene.snapshot()` lists zones, robots, subagents, labels and stations by their
 * object names with world positions, plus the frame counter and camera mode.
 */
import { useEffect } from 'react'
import { useThree } from '@react-three/fiber'
import { Vector3, type Object3D, type Scene, type WebGLRenderer } from 'three'
import { framesRendered } from './frame-demand'
import { useSceneStore } from './scene-store'
import { workshopSim } from './sim/world-sim'

export interface SceneObjectInfo {
  name: string
  id: string
  position: [number, number, number]
  visible: boolean
  text?: string
  station?: string
  state?: string
  status?: string
  style?: string
}

export interface SceneSnapshot {
  zones: SceneObjectInfo[]
  robots: SceneObjectInfo[]
  subagents: SceneObjectInfo[]
  labels: SceneObjectInfo[]
  stations: SceneObjectInfo[]
  tiles: SceneObjectInfo[]
  /** Visible notification pills. */
  pills: SceneObjectInfo[]
  pendingZones: string[]
  framesRendered: number
  cameraMode: string
  drawCalls: number
  triangles: number
  geometries: number
  textures: number
}

export interface AtelierSceneDebug {
  snapshot(): SceneSnapshot
  framesRendered(): number
}

declare global {
  interface Window {
    __atelierScene?: AtelierSceneDebug
  }
}

function visibleInWorld(o: Object3D): boolean {
  for (let p: Object3D | null = o; p; p = p.parent) if (!p.visible) return false
  return true
}

function info(o: Object3D, id: string): SceneObjectInfo {
  const v = o.getWorldPosition(new Vector3())
  const r = (n: number) => Math.round(n * 100) / 100
  return { name: o.name, id, position: [r(v.x), r(v.y), r(v.z)], visible: visibleInWorld(o) }
}

export function snapshotScene(scene: Scene, gl?: WebGLRenderer): SceneSnapshot {
  const out: SceneSnapshot = {
    zones: [],
    robots: [],
    subagents: [],
    labels: [],
    stations: [],
    tiles: [],
    pills: [],
    pendingZones: [],
    framesRendered: framesRendered(),
    cameraMode: useSceneStore.getState().cameraMode,
    drawCalls: gl?.info.render.calls ?? 0,
    triangles: gl?.info.render.triangles ?? 0,
    geometries: gl?.info.memory.geometries ?? 0,
    textures: gl?.info.memory.textures ?? 0,
  }
  scene.traverse((o) => {
    const [kind, ...rest] = o.name.split(':')
    const id = rest.join(':')
    if (!id) return
    switch (kind) {
      case 'zone':
        out.zones.push({ ...info(o, id), status: o.userData.status as string })
        break
      case 'robot': {
        const r = workshopSim.zones.get(id)?.robot
        out.robots.push({ ...info(o, id), station: r?.station, state: r?.state })
        break
      }
      case 'subagent':
        out.subagents.push(info(o, id))
        break
      case 'label':
        out.labels.push({ ...info(o, id), text: o.userData.text as string })
        break
      case 'station':
        out.stations.push({ ...info(o, id), station: o.userData.station as string })
        break
      case 'tile':
        out.tiles.push({ ...info(o, id), text: o.userData.text as string })
        break
      case 'pill':
        if (visibleInWorld(o))
          out.pills.push({
            ...info(o, id),
            text: o.userData.text as string,
            style: o.userData.style as string,
          })
        break
      case 'pending':
        out.pendingZones.push(id)
        break
    }
  })
  return out
}

export function DebugHook() {
  const scene = useThree((s) => s.scene)
  const gl = useThree((s) => s.gl)
  useEffect(() => {
    window.__atelierScene = { snapshot: () => snapshotScene(scene, gl), framesRendered }
    return () => {
      delete window.__atelierScene
    }
  }, [scene, gl])
  return null
}
