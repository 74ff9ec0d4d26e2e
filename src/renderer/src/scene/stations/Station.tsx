/**
 * One station in a zone: base box and indicator ring in the station tint, its detail model, a
 * glow pulse when a tool starts there (the ring's per-instance opacity, so the rings of all zones
 * still draw in one call), the context sprite (file, command, pattern…) and the
 * station panel with the last three actions. Sprites are drawn lazily and redrawn only when the
 * zone's context or panel version changes.
 */
import '../instancing/part-element'
import { useEffect, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import type { Group, Sprite, SpriteMaterial } from 'three'
import type { PartSlot } from '../instancing/part-slot'
import {
  CONTEXT_SPRITE_HEIGHT_UNITS,
  PANEL_HEIGHT_UNITS,
  PANEL_OFFSET_FACTOR,
  STATION_BOB_UNITS,
  STATION_PULSE_OPACITY,
  STATION_RING_OPACITY,
} from '../constants'
import { CanvasLabel, LABEL_FONT, MONO_FONT, drawContext, fitText, roundRect } from '../canvas-text'
import { geo, mat } from '../resources'
import { nowSeconds } from '../sim/clock'
import { stationGlow, type ZoneSim } from '../sim/zone-sim'
import { STATIONS, type StationId } from './station-table'
import { STATION_MODELS } from './station-models'

const CONTEXT_CANVAS = { w: 512, h: 80 }
const CONTEXT_SCALE: [number, number, number] = [3.2, 0.5, 1]
const PANEL_CANVAS = { w: 256, h: 160 }
const PANEL_SCALE = 2.5

function drawPanel(
  label: CanvasLabel,
  title: string,
  color: string,
  entries: { text: string; success: boolean }[],
): void {
  label.draw((ctx, w, h) => {
    ctx.fillStyle = 'rgba(8, 12, 20, 0.88)'
    roundRect(ctx, 2, 2, w - 4, h - 4, 12)
    ctx.fill()
    ctx.strokeStyle = color
    ctx.lineWidth = 2
    ctx.stroke()
    ctx.fillStyle = color
    ctx.font = `700 22px ${LABEL_FONT}`
    ctx.textAlign = 'left'
    ctx.textBaseline = 'middle'
    ctx.fillText(title, 14, 24)
    ctx.font = `400 17px ${MONO_FONT}`
    if (entries.length === 0) {
      ctx.fillStyle = '#64748b'
      ctx.fillText('No activity yet', 14, 70)
      return
    }
    entries.forEach((e, i) => {
      const y = 62 + i * 34
      ctx.fillStyle = e.success ? '#4ade80' : '#f87171'
      ctx.beginPath()
      ctx.arc(20, y, 5, 0, Math.PI * 2)
      ctx.fill()
      ctx.fillStyle = '#e2e8f0'
      ctx.fillText(fitText(ctx, e.text, w - 48), 34, y)
    })
  })
}

interface Props {
  sessionId: string
  station: StationId
  zone: ZoneSim
  panelsVisible: boolean
}

export function Station({ sessionId, station, zone, panelsVisible }: Props) {
  const spec = STATIONS[station]
  const [x, z] = spec.position
  const bob = useRef<Group>(null)
  const contextSprite = useRef<Sprite>(null)
  const panelSprite = useRef<Sprite>(null)
  const seen = useRef({ context: -1, panel: -1 })
  const labels = useRef<{ context: CanvasLabel | null; panel: CanvasLabel | null }>({
    context: null,
    panel: null,
  })
  const ring = useRef<PartSlot>(null)
  const facing = Math.atan2(-x, -z)

  useEffect(
    () => () => {
      labels.current.context?.dispose()
      labels.current.panel?.dispose()
    },
    [],
  )

  // A panel shows "No activity yet" until the first tool, so draw it when panels turn on.
  useEffect(() => {
    seen.current.panel = -1
  }, [panelsVisible])

  useFrame(() => {
    const now = nowSeconds()
    if (bob.current) bob.current.position.y = Math.sin(now * 1.5 + x + z) * STATION_BOB_UNITS
    if (ring.current)
      ring.current.opacity =
        STATION_RING_OPACITY + stationGlow(zone, station, now) * STATION_PULSE_OPACITY

    if (zone.contextsVersion !== seen.current.context && contextSprite.current) {
      seen.current.context = zone.contextsVersion
      const text = zone.contexts.get(station)
      contextSprite.current.visible = !!text
      if (text) {
        const label = (labels.current.context ??= new CanvasLabel(
          CONTEXT_CANVAS.w,
          CONTEXT_CANVAS.h,
        ))
        label.draw((ctx, w, h) => drawContext(ctx, text, spec.color, w, h))
        const m = contextSprite.current.material as SpriteMaterial
        if (m.map !== label.texture) {
          m.map = label.texture
          m.needsUpdate = true
        }
      }
    }
    if (panelsVisible && zone.panelsVersion !== seen.current.panel && panelSprite.current) {
      seen.current.panel = zone.panelsVersion
      const label = (labels.current.panel ??= new CanvasLabel(PANEL_CANVAS.w, PANEL_CANVAS.h))
      drawPanel(label, spec.label, spec.color, zone.panels.get(station) ?? [])
      const m = panelSprite.current.material as SpriteMaterial
      if (m.map !== label.texture) {
        m.map = label.texture
        m.needsUpdate = true
      }
    }
  })

  const Model = station === 'center' ? null : STATION_MODELS[station]
  return (
    <group name={`station:${sessionId}:${station}`} position={[x, 0.1, z]} userData={{ station }}>
      {Model && (
        <group ref={bob} rotation={[0, facing, 0]}>
          <partSlot
            geometry={geo.box(1.5, 0.8, 1)}
            material={mat.standard(spec.color, { emissive: spec.color, emissiveIntensity: 0.15 })}
            position={[0, 0.4, 0]}
            receiveShadow
          />
          <Model />
        </group>
      )}
      {Model && (
        <partSlot
          ref={ring}
          geometry={geo.ring(0.9, 1, 32)}
          material={mat.pulse(spec.color)}
          position={[0, 0.02, 0]}
          scale={[1.4, 1, 1.4]}
        />
      )}
      <sprite
        ref={contextSprite}
        position={[0, CONTEXT_SPRITE_HEIGHT_UNITS, 0]}
        scale={CONTEXT_SCALE}
        visible={false}
      >
        <spriteMaterial transparent depthWrite={false} toneMapped={false} />
      </sprite>
      {panelsVisible && Model && (
        <sprite
          ref={panelSprite}
          position={[
            -x * (1 - PANEL_OFFSET_FACTOR),
            PANEL_HEIGHT_UNITS,
            -z * (1 - PANEL_OFFSET_FACTOR),
          ]}
          scale={[PANEL_SCALE, (PANEL_SCALE * PANEL_CANVAS.h) / PANEL_CANVAS.w, 1]}
        >
          <spriteMaterial transparent depthWrite={false} toneMapped={false} />
        </sprite>
      )}
    </group>
  )
}
