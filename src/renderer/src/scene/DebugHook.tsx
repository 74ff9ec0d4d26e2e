/**
 * A read-only view of the scene graph for end-to-end tests and the bench:
 * `window.__atelierScene.snapshot()` lists zones, robots, subagents and stations by their object
 * names with world positions, the HTML labels and panels with their screen rectangles, the robots'
 * exact screen boxes, plus the frame counter and camera mode.
 */
import { useEffect } from 'react'
import { useThree } from '@react-three/fiber'
import { Box3, Vector3, type Camera, type Object3D, type Scene, type WebGLRenderer } from 'three'
import { cameraMotion } from './camera-actions'
import { framesRendered } from './frame-demand'
import { WARM_UP_ID } from './WarmUp'
import { isPartSlot } from './instancing/part-slot'
import { overlayEntries } from './overlay/overlay-registry'
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
  /** The zone's visual status (status-style.ts). */
  look?: string
  style?: string
}

/** A rectangle in CSS px from the canvas's top-left corner. */
export interface ScreenRect {
  x: number
  y: number
  w: number
  h: number
}

export interface OverlayInfo {
  key: string
  kind: string
  sessionId: string
  visible: boolean
  text: string
  rect: ScreenRect | null
  /** A zone label drawn compact (a small zone on screen). */
  compact: boolean
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
  /** The camera is gliding to a new view. */
  cameraMoving: boolean
  drawCalls: number
  triangles: number
  geometries: number
  textures: number
  /** Canvas size in CSS px. */
  view: { w: number; h: number }
  /** HTML labels, panels and the first-run card, as laid out in the last frame. */
  overlay: OverlayInfo[]
  /** Exact screen boxes of visible robots and subagents (every visible part's bounds). */
  robotRects: { id: string; rect: ScreenRect }[]
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

const corner = new Vector3()
const box = new Box3()

/** Screen bounds of every visible part under `root`, projected with `camera`. */
function exactScreenRect(root: Object3D, camera: Camera, w: number, h: number): ScreenRect | null {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  root.traverseVisible((o) => {
    if (!isPartSlot(o)) return
    if (!o.geometry.boundingBox) o.geometry.computeBoundingBox()
    box.copy(o.geometry.boundingBox!)
    for (const x of [box.min.x, box.max.x])
      for (const y of [box.min.y, box.max.y])
        for (const z of [box.min.z, box.max.z]) {
          corner.set(x, y, z).applyMatrix4(o.matrixWorld).project(camera)
          const sx = ((corner.x + 1) / 2) * w
          const sy = ((1 - corner.y) / 2) * h
          minX = Math.min(minX, sx)
          maxX = Math.max(maxX, sx)
          minY = Math.min(minY, sy)
          maxY = Math.max(maxY, sy)
        }
  })
  return minX === Infinity ? null : { x: minX, y: minY, w: maxX - minX, h: maxY - minY }
}

function info(o: Object3D, id: string): SceneObjectInfo {
  const v = o.getWorldPosition(new Vector3())
  const r = (n: number) => Math.round(n * 100) / 100
  return { name: o.name, id, position: [r(v.x), r(v.y), r(v.z)], visible: visibleInWorld(o) }
}

export function snapshotScene(scene: Scene, gl?: WebGLRenderer, camera?: Camera): SceneSnapshot {
  const view = { w: gl?.domElement.clientWidth ?? 0, h: gl?.domElement.clientHeight ?? 0 }
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
    cameraMoving: cameraMotion.moving,
    drawCalls: gl?.info.render.calls ?? 0,
    triangles: gl?.info.render.triangles ?? 0,
    geometries: gl?.info.memory.geometries ?? 0,
    textures: gl?.info.memory.textures ?? 0,
    view,
    overlay: [],
    robotRects: [],
  }
  // The shader warm-up zone of the first frames is not part of the workshop.
  const walk = (o: Object3D, visit: (o: Object3D) => void) => {
    if (o.name === `zone:${WARM_UP_ID}`) return
    visit(o)
    for (const c of o.children) walk(c, visit)
  }
  walk(scene, (o) => {
    const [kind, ...rest] = o.name.split(':')
    const id = rest.join(':')
    if (!id) return
    switch (kind) {
      case 'zone':
        out.zones.push({
          ...info(o, id),
          status: o.userData.status as string,
          look: o.userData.look as string,
        })
        break
      case 'robot': {
        const r = workshopSim.zones.get(id)?.robot
        out.robots.push({ ...info(o, id), station: r?.station, state: r?.state })
        if (camera && visibleInWorld(o)) {
          const rect = exactScreenRect(o, camera, view.w, view.h)
          if (rect) out.robotRects.push({ id: `robot:${id}`, rect })
        }
        break
      }
      case 'subagent':
        out.subagents.push(info(o, id))
        if (camera && visibleInWorld(o)) {
          const rect = exactScreenRect(o, camera, view.w, view.h)
          if (rect) out.robotRects.push({ id: `subagent:${id}`, rect })
        }
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
  const anchor = new Vector3()
  for (const e of overlayEntries.values()) {
    const visible = e.el.style.visibility !== 'hidden' && e.last.shown
    const rect = visible ? { x: e.last.x, y: e.last.y, w: e.w, h: e.h } : null
    const text = e.el.dataset.text ?? e.el.textContent ?? ''
    const compact = e.el.hasAttribute('data-compact')
    out.overlay.push({
      key: e.key,
      kind: e.kind,
      sessionId: e.sessionId,
      visible,
      text,
      rect,
      compact,
    })
    // Zone labels keep their old place in the snapshot: the zone's name line, where it points.
    if (e.kind === 'zone' && e.anchor(anchor)) {
      const r = (n: number) => Math.round(n * 100) / 100
      out.labels.push({
        name: `label:${e.sessionId}`,
        id: e.sessionId,
        position: [r(anchor.x), r(anchor.y), r(anchor.z)],
        visible,
        text,
      })
    }
  }
  return out
}

export function DebugHook() {
  const scene = useThree((s) => s.scene)
  const gl = useThree((s) => s.gl)
  const camera = useThree((s) => s.camera)
  useEffect(() => {
    window.__atelierScene = { snapshot: () => snapshotScene(scene, gl, camera), framesRendered }
    return () => {
      delete window.__atelierScene
    }
  }, [scene, gl, camera])
  return null
}
