/**
 * One session's zone: hex floor, status ring, centre pedestal, name and git labels, the nine
 * stations, the robot, its subagents at the portal, pills and the particle burst. Status colours
 * and pulses, the enter/exit animations and the raise on painted hexes run in useFrame.
 */
import '../instancing/part-element'
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react'
import { useFrame } from '@react-three/fiber'
import {
  Color,
  MeshBasicMaterial,
  MeshStandardMaterial,
  type Group,
  type Mesh,
  type Sprite,
} from 'three'
import type { SessionStatus } from '@shared/sessions'
import type { GitLabel } from '@shared/git-label'
import {
  ATTENTION_PULSE,
  ATTENTION_PULSE_S,
  FLOOR_EMISSIVE_SCALE,
  GIT_LABEL_POSITION,
  LABEL_APPEARS_AT,
  NAME_LABEL_HEIGHT_UNITS,
  STATIONS_APPEAR_AT,
  STATUS_STYLE,
  ZONE_ENTER_S,
  ZONE_EXIT_S,
  ZONE_RAISE_S,
  ROBOT_DETAIL_DISTANCE_UNITS,
  STATION_DETAIL_DISTANCE_UNITS,
} from '../constants'
import { CanvasLabel } from '../canvas-text'
import { requestFramesFor } from '../frame-demand'
import { useScenePalette } from '../scene-theme'
import { geo, mat, zoneGeo } from '../resources'
import { Robot } from '../robot/Robot'
import { nowSeconds } from '../sim/clock'
import { workshopSim } from '../sim/world-sim'
import type { ZoneSim } from '../sim/zone-sim'
import { STATION_IDS } from '../stations/station-table'
import { Station } from '../stations/Station'
import { Burst } from './Burst'
import { Pills } from './Pills'
import {
  GIT_CANVAS,
  GIT_WORLD_WIDTH,
  NAME_CANVAS,
  NAME_WORLD_WIDTH,
  drawGitLabel,
  drawNameLabel,
  nameLabelText,
} from './zone-labels'

export interface ZoneProps {
  sessionId: string
  name: string
  status: SessionStatus
  color: string
  hotkey: number | null
  x: number
  z: number
  elevation: number
  git: GitLabel | null
  panelsVisible: boolean
  /** Set when the session is gone: the zone shrinks away, then the parent unmounts it. */
  exitingSince: number | null
}

const easeOutCubic = (t: number) => 1 - (1 - t) ** 3
const easeInCubic = (t: number) => t * t * t

/** React renders the subagent list only when its membership changes. */
function useSubagents(zone: ZoneSim) {
  const version = useSyncExternalStore(
    (cb) => subscribeSubagents(zone, cb),
    () => zone.subagentsVersion,
  )
  return useMemo(() => {
    void version
    return [...zone.subagents.values()]
  }, [zone, version])
}

const subagentListeners = new Map<ZoneSim, Set<() => void>>()
function subscribeSubagents(zone: ZoneSim, cb: () => void): () => void {
  let set = subagentListeners.get(zone)
  if (!set) subagentListeners.set(zone, (set = new Set()))
  set.add(cb)
  return () => {
    set.delete(cb)
    if (set.size === 0) subagentListeners.delete(zone)
  }
}
/** Called by the scene after each event batch: re-renders zones whose subagents changed. */
export function notifySubagentChanges(): void {
  for (const set of subagentListeners.values()) for (const cb of set) cb()
}

export function Zone(props: ZoneProps) {
  const {
    sessionId,
    name,
    status,
    color,
    hotkey,
    x,
    z,
    elevation,
    git,
    panelsVisible,
    exitingSince,
  } = props
  const zone = workshopSim.zone(sessionId)
  const subagents = useSubagents(zone)
  const root = useRef<Group>(null)
  const scaler = useRef<Group>(null)
  const stations = useRef<Group>(null)
  const actors = useRef<Group>(null)
  const ring = useRef<Mesh>(null)
  const nameSprite = useRef<Sprite>(null)
  const mountedAt = useRef(nowSeconds())
  const lift = useRef({ from: elevation, to: elevation, start: 0 })

  const floorMat = useMemo(
    () =>
      new MeshStandardMaterial({
        emissive: color,
        emissiveIntensity: 0.02,
        roughness: 0.85,
        metalness: 0.1,
      }),
    [color],
  )
  const ringMat = useMemo(
    () =>
      new MeshBasicMaterial({
        color,
        transparent: true,
        opacity: 0.4,
        depthWrite: false,
        toneMapped: false,
      }),
    [color],
  )
  const nameLabel = useMemo(() => new CanvasLabel(NAME_CANVAS.w, NAME_CANVAS.h), [])
  const gitCanvas = useMemo(() => new CanvasLabel(GIT_CANVAS.w, GIT_CANVAS.h), [])
  const labelText = nameLabelText(name, hotkey)
  const gitText = git?.text
  const gitColor = git?.color

  const { zoneFloor } = useScenePalette()
  useEffect(() => () => floorMat.dispose(), [floorMat])
  useEffect(() => {
    floorMat.color.set(zoneFloor)
    requestFramesFor(0.05)
  }, [floorMat, zoneFloor])
  useEffect(() => () => ringMat.dispose(), [ringMat])
  useEffect(() => () => nameLabel.dispose(), [nameLabel])
  useEffect(() => () => gitCanvas.dispose(), [gitCanvas])
  useEffect(() => {
    drawNameLabel(nameLabel, labelText, color)
    requestFramesFor(0.05)
  }, [nameLabel, labelText, color])
  useEffect(() => {
    if (gitText && gitColor) drawGitLabel(gitCanvas, gitText, gitColor)
    requestFramesFor(0.05)
  }, [gitCanvas, gitText, gitColor])
  useEffect(() => {
    requestFramesFor(ZONE_ENTER_S)
  }, [])
  useEffect(() => {
    if (exitingSince !== null) requestFramesFor(ZONE_EXIT_S)
  }, [exitingSince])
  useEffect(() => {
    const l = lift.current
    if (l.to === elevation) return
    l.from = root.current?.position.y ?? l.to
    l.to = elevation
    l.start = nowSeconds()
    requestFramesFor(ZONE_RAISE_S)
  }, [elevation])
  // The status style changes without an animation: draw one frame.
  useEffect(() => requestFramesFor(0.05), [status])

  const statusColor = useMemo(() => new Color(), [])
  useFrame(({ camera }) => {
    const now = nowSeconds()
    const distance = camera.position.distanceTo(root.current?.position ?? camera.position)
    const stationsNear = distance < STATION_DETAIL_DISTANCE_UNITS
    if (actors.current) actors.current.visible = distance < ROBOT_DETAIL_DISTANCE_UNITS
    // Enter / exit scale.
    let s: number
    if (exitingSince !== null) {
      s = 1 - easeInCubic(Math.min(1, (now - exitingSince) / ZONE_EXIT_S))
      if (stations.current) stations.current.visible = stationsNear
    } else {
      const k = Math.min(1, (now - mountedAt.current) / ZONE_ENTER_S)
      s = 0.01 + 0.99 * easeOutCubic(k)
      if (stations.current) stations.current.visible = k >= STATIONS_APPEAR_AT && stationsNear
      if (nameSprite.current) nameSprite.current.visible = k >= LABEL_APPEARS_AT
    }
    scaler.current?.scale.setScalar(Math.max(0.001, s))
    // Raise on painted hexes: 150 ms ease-out.
    const l = lift.current
    const lk = Math.min(1, (now - l.start) / ZONE_RAISE_S)
    if (root.current) root.current.position.y = l.from + (l.to - l.from) * easeOutCubic(lk)

    const style = STATUS_STYLE[status]
    statusColor.set(style.emissive ?? color)
    floorMat.emissive.copy(statusColor)
    floorMat.emissiveIntensity = style.intensity * FLOOR_EMISSIVE_SCALE
    ringMat.color.copy(statusColor)
    let ringScale = 1 + zone.activity
    let opacity: number = style.ringOpacity
    const reason =
      zone.attention?.reason ??
      (status === 'waiting' ? 'question' : status === 'attention' ? 'finished' : null)
    if (reason && (status === 'attention' || status === 'waiting')) {
      const since = zone.attention?.since ?? -Infinity
      const pulse = ATTENTION_PULSE[reason]
      if (now - since < ATTENTION_PULSE_S) {
        const wave = Math.sin((now - since) * pulse.radPerS * Math.PI)
        ringScale += wave * pulse.scale
        opacity = Math.min(1, opacity + Math.abs(wave) * 0.2)
      } else opacity = Math.min(1, opacity + 0.15)
    }
    ringMat.opacity = opacity
    ring.current?.scale.set(ringScale, 1, ringScale)
  })

  return (
    <group
      ref={root}
      name={`zone:${sessionId}`}
      position={[x, elevation, z]}
      userData={{ sessionId, status }}
    >
      <group ref={scaler}>
        <mesh
          geometry={zoneGeo.floor()}
          material={floorMat}
          receiveShadow
          userData={{ sessionId }}
        />
        <mesh ref={ring} geometry={zoneGeo.ring()} material={ringMat} position={[0, 0.12, 0]} />
        <partSlot
          geometry={geo.cylinder(1, 1.2, 0.2, 6)}
          material={mat.standard(color, { emissive: color, emissiveIntensity: 0.25 })}
          position={[0, 0.2, 0]}
          castShadow
          receiveShadow
        />
        <group ref={stations} visible={false}>
          {STATION_IDS.map((st) => (
            <Station
              key={st}
              sessionId={sessionId}
              station={st}
              zone={zone}
              panelsVisible={panelsVisible}
            />
          ))}
        </group>
        <group ref={actors}>
          <Robot name={`robot:${sessionId}`} color={color} sim={zone.robot} />
          {subagents.map((sub) => (
            <Robot
              key={sub.id}
              name={`subagent:${sub.id}`}
              color={sub.color}
              sim={sub.robot}
              mini
            />
          ))}
        </group>
        <sprite
          ref={nameSprite}
          name={`label:${sessionId}`}
          userData={{ text: labelText }}
          position={[0, NAME_LABEL_HEIGHT_UNITS, 0]}
          scale={[NAME_WORLD_WIDTH, (NAME_WORLD_WIDTH * NAME_CANVAS.h) / NAME_CANVAS.w, 1]}
          visible={false}
        >
          <spriteMaterial
            map={nameLabel.texture}
            transparent
            depthWrite={false}
            toneMapped={false}
          />
        </sprite>
        {git && (
          <mesh
            name={`git:${sessionId}`}
            userData={{ text: git.text }}
            position={GIT_LABEL_POSITION}
            rotation={[-Math.PI / 2, 0, 0]}
          >
            <planeGeometry
              args={[GIT_WORLD_WIDTH, (GIT_WORLD_WIDTH * GIT_CANVAS.h) / GIT_CANVAS.w]}
            />
            <meshBasicMaterial
              map={gitCanvas.texture}
              transparent
              depthWrite={false}
              toneMapped={false}
            />
          </mesh>
        )}
        <Pills zone={zone} />
        <Burst zone={zone} color={color} />
      </group>
    </group>
  )
}
