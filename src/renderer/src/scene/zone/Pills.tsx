/**
 * Floating notification pills above a zone (docs/original.md#notification-pills): five fixed sprite slots per zone,
 * each redrawn when the simulation puts a new pill in it; they rise 1.5 units over 3 s with an
 * ease-out and fade after 60 %. No React render per pill.
 */
import { useEffect, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import type { Sprite, SpriteMaterial } from 'three'
import {
  PILL_FADE_FROM,
  PILL_FLOAT_UNITS,
  PILL_LIFETIME_S,
  PILL_MAX_STACKED,
  PILL_SPACING_UNITS,
  PILL_START_HEIGHT_UNITS,
} from '../constants'
import { CanvasLabel, MONO_FONT, fitText, roundRect } from '../canvas-text'
import type { PillSpec } from '../mapping'
import { drawIcon } from '../pill-icons'
import { nowSeconds } from '../sim/clock'
import type { ZoneSim } from '../sim/zone-sim'

const PILL_CANVAS = { w: 512, h: 96 }
const PILL_WORLD_WIDTH = 4

function drawPill(label: CanvasLabel, spec: PillSpec): void {
  label.draw((ctx, w, h) => {
    ctx.font = `500 34px ${MONO_FONT}`
    const text = fitText(ctx, spec.text, w - 120)
    const width = Math.min(w - 8, ctx.measureText(text).width + 100)
    const x = (w - width) / 2
    ctx.fillStyle = 'rgba(8, 12, 20, 0.85)'
    roundRect(ctx, x, 12, width, h - 24, (h - 24) / 2)
    ctx.fill()
    ctx.strokeStyle = spec.color
    ctx.lineWidth = 3
    ctx.stroke()
    drawIcon(ctx, spec.icon, x + 22, h / 2 - 16, 32, spec.color)
    ctx.fillStyle = spec.color
    ctx.textAlign = 'left'
    ctx.textBaseline = 'middle'
    ctx.fillText(text, x + 68, h / 2 + 1)
  })
}

const easeOut = (t: number) => 1 - (1 - t) ** 3

export function Pills({ zone }: { zone: ZoneSim }) {
  const sessionId = zone.sessionId
  const sprites = useRef<(Sprite | null)[]>([])
  const labels = useRef<(CanvasLabel | null)[]>([])
  const seen = useRef<number[]>(Array(PILL_MAX_STACKED).fill(0))

  useEffect(
    () => () => {
      for (const l of labels.current) l?.dispose()
    },
    [],
  )

  useFrame(() => {
    const now = nowSeconds()
    const live = zone.pills
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => p.spec && now - p.born < PILL_LIFETIME_S)
      .sort((a, b) => b.p.born - a.p.born)
    const rank = new Map(live.map(({ i }, k) => [i, k]))
    zone.pills.forEach((slot, i) => {
      const sprite = sprites.current[i]
      if (!sprite) return
      const k = rank.get(i)
      if (k === undefined || !slot.spec) {
        sprite.visible = false
        return
      }
      if (seen.current[i] !== slot.version) {
        seen.current[i] = slot.version
        const label = (labels.current[i] ??= new CanvasLabel(PILL_CANVAS.w, PILL_CANVAS.h))
        drawPill(label, slot.spec)
        sprite.userData = { text: slot.spec.text, style: slot.spec.style }
        const m = sprite.material as SpriteMaterial
        if (m.map !== label.texture) {
          m.map = label.texture
          m.needsUpdate = true
        }
      }
      const age = (now - slot.born) / PILL_LIFETIME_S
      sprite.visible = true
      sprite.position.y =
        PILL_START_HEIGHT_UNITS + k * PILL_SPACING_UNITS + easeOut(age) * PILL_FLOAT_UNITS
      ;(sprite.material as SpriteMaterial).opacity =
        age < PILL_FADE_FROM ? 1 : 1 - (age - PILL_FADE_FROM) / (1 - PILL_FADE_FROM)
    })
  })

  return (
    <group name="pills">
      {Array.from({ length: PILL_MAX_STACKED }, (_, i) => (
        <sprite
          key={i}
          name={`pill:${sessionId}:${i}`}
          ref={(s) => void (sprites.current[i] = s)}
          visible={false}
          scale={[PILL_WORLD_WIDTH, (PILL_WORLD_WIDTH * PILL_CANVAS.h) / PILL_CANVAS.w, 1]}
          renderOrder={10}
        >
          <spriteMaterial transparent depthWrite={false} depthTest={false} toneMapped={false} />
        </sprite>
      ))}
    </group>
  )
}
