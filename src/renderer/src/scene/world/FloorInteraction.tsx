/**
 * The invisible floor plane that turns pointer input into workshop actions: hover outline and
 * tick, click on a zone (focus + select), click on empty floor (pulse, ripple, floor menu), and
 * drag-painting in draw mode (each hex at most once per drag, orbit controls paused meanwhile).
 */
import { useMemo, useRef } from 'react'
import { useThree, type ThreeEvent } from '@react-three/fiber'
import { LineBasicMaterial, type LineLoop } from 'three'
import { useAppStore } from '../../store'
import { core } from '../../transport'
import { playHover, playSound } from '../../audio/sound-engine'
import { focusZone } from '../camera-actions'
import {
  HEX_RADIUS_UNITS,
  HOVER_OUTLINE_COLOR,
  HOVER_OUTLINE_OPACITY,
  PAINT_PALETTE,
} from '../constants'
import { wake } from '../frame-demand'
import { hexDistance, hexKey, hexToWorld, worldToHex, type Hex } from '../hex'
import { elevationAt } from '../layout'
import { applyPaint, strokeChanges } from '../paint'
import { useSceneStore, type HoveredStation } from '../scene-store'
import { stationAt } from './station-hover'
import { placedZones } from '../zone-registry'
import { geo } from '../resources'
import { addClickPulse } from './click-effects'

function setHoveredStation(next: HoveredStation | null): void {
  const prev = useSceneStore.getState().hoveredStation
  if (prev?.sessionId === next?.sessionId && prev?.station === next?.station) return
  useSceneStore.setState({ hoveredStation: next })
  wake()
}

/** More pointer travel than this between down and up is a drag, not a click. */
const DRAG_THRESHOLD_PX = 5
const FLOOR_SIZE_UNITS = 500

function zoneAt(hex: Hex): string | null {
  for (const z of placedZones.values())
    if (z.hex.q === hex.q && z.hex.r === hex.r) return z.sessionId
  return null
}

function paintAt(hex: Hex, painted: Set<string>): void {
  const { draw } = useSceneStore.getState()
  const store = useAppStore.getState()
  const color = draw.color < 0 ? null : PAINT_PALETTE[draw.color]
  const changes = strokeChanges(store.hexes, hex, draw.brush, color, draw.stack, painted)
  for (const c of changes) painted.add(hexKey(c))
  if (changes.length === 0) return
  store.setHexes(applyPaint(store.hexes, changes))
  playSound('click')
  core()
    .invoke('hexes.paint', { hexes: changes })
    .catch((err: unknown) =>
      store.toast('error', `Could not paint: ${err instanceof Error ? err.message : String(err)}`),
    )
}

export function FloorInteraction() {
  const hover = useRef<LineLoop>(null)
  const hovered = useRef<Hex | null>(null)
  const stroke = useRef<Set<string> | null>(null)
  const controls = useThree((s) => s.controls) as { enabled: boolean } | null
  const material = useMemo(
    () =>
      new LineBasicMaterial({
        color: HOVER_OUTLINE_COLOR,
        transparent: true,
        opacity: HOVER_OUTLINE_OPACITY,
      }),
    [],
  )

  const onMove = (e: ThreeEvent<PointerEvent>) => {
    const hex = worldToHex(e.point.x, e.point.z)
    if (stroke.current) paintAt(hex, stroke.current)
    setHoveredStation(stroke.current ? null : stationAt(e.point.x, e.point.z))
    if (hovered.current && hexKey(hovered.current) === hexKey(hex)) return
    hovered.current = hex
    if (hover.current) {
      const w = hexToWorld(hex)
      hover.current.visible = true
      hover.current.position.set(w.x, elevationAt(useAppStore.getState().hexes, hex) + 0.06, w.z)
    }
    playHover(hexDistance(hex, { q: 0, r: 0 }))
    wake()
  }

  const onDown = (e: ThreeEvent<PointerEvent>) => {
    if (!useSceneStore.getState().draw.enabled || e.button !== 0) return
    e.stopPropagation()
    if (controls) controls.enabled = false
    stroke.current = new Set()
    paintAt(worldToHex(e.point.x, e.point.z), stroke.current)
    const end = () => {
      stroke.current = null
      if (controls) controls.enabled = true
      window.removeEventListener('pointerup', end)
    }
    window.addEventListener('pointerup', end)
  }

  const onClick = (e: ThreeEvent<MouseEvent>) => {
    if (e.delta > DRAG_THRESHOLD_PX || useSceneStore.getState().draw.enabled) return
    const hex = worldToHex(e.point.x, e.point.z)
    const sessionId = zoneAt(hex)
    if (sessionId) {
      useSceneStore.setState({ floorMenu: null })
      focusZone(sessionId)
      return
    }
    addClickPulse(hex)
    playSound('click')
    const tile = useAppStore
      .getState()
      .tiles.find((t) => t.position.q === hex.q && t.position.r === hex.r)
    useSceneStore.setState({
      floorMenu: {
        hex,
        x: e.nativeEvent.offsetX,
        y: e.nativeEvent.offsetY,
        tileId: tile?.id ?? null,
      },
    })
  }

  const onLeave = () => {
    setHoveredStation(null)
    hovered.current = null
    if (hover.current) hover.current.visible = false
    wake()
  }

  return (
    <>
      <mesh
        name="floor"
        rotation={[-Math.PI / 2, 0, 0]}
        position={[0, -0.05, 0]}
        onPointerMove={onMove}
        onPointerDown={onDown}
        onClick={onClick}
        onPointerLeave={onLeave}
      >
        <planeGeometry args={[FLOOR_SIZE_UNITS, FLOOR_SIZE_UNITS]} />
        <meshBasicMaterial visible={false} />
      </mesh>
      <lineLoop
        ref={hover}
        geometry={geo.hexOutline(HEX_RADIUS_UNITS * 0.99)}
        material={material}
        visible={false}
      />
    </>
  )
}
