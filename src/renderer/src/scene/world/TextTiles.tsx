/**
 * Text tiles: labels placed on hexes (docs/original.md#draw-mode-labels-and-the-floor-menu). A 1024×512 canvas with a hex-bevelled
 * dark panel, 36 px word-wrapped text glowing in the tile colour; the sprite is 16×8 and grows
 * 30 % per extra line, standing 0.5 above the paint stack of its hex.
 */
import { useEffect, useMemo } from 'react'
import type { PaintedHex, TextTile } from '@shared/world'
import { TEXT_TILE_BASE_HEIGHT_UNITS, TEXT_TILE_DEFAULT_COLOR } from '../constants'
import { CanvasLabel, LABEL_FONT } from '../canvas-text'
import { wake } from '../frame-demand'
import { hexToWorld } from '../hex'
import { elevationAt } from '../layout'

const CANVAS = { w: 1024, h: 512 }
const FONT_PX = 36
const LINE_PX = 46
const MIN_PANEL_W = 200
const SPRITE_W = 16
const SPRITE_H = 8
const GROWTH_PER_LINE = 0.3

/** Word-wraps on newlines and spaces to fit `maxWidth`. */
export function wrapLines(
  measure: (s: string) => number,
  text: string,
  maxWidth: number,
): string[] {
  const out: string[] = []
  for (const para of text.split('\n')) {
    let line = ''
    for (const word of para.split(' ')) {
      const next = line ? `${line} ${word}` : word
      if (measure(next) <= maxWidth || !line) line = next
      else {
        out.push(line)
        line = word
      }
    }
    out.push(line)
  }
  return out
}

function drawTile(label: CanvasLabel, text: string, color: string): number {
  let lines = [text]
  label.draw((ctx, w, h) => {
    ctx.font = `500 ${FONT_PX}px ${LABEL_FONT}`
    lines = wrapLines((s) => ctx.measureText(s).width, text, w - 120).slice(0, 9)
    const textW = Math.max(MIN_PANEL_W, ...lines.map((l) => ctx.measureText(l).width)) + 80
    const panelH = Math.min(h - 20, lines.length * LINE_PX + 50)
    const x = (w - textW) / 2
    const y = (h - panelH) / 2
    const bevel = 24
    ctx.beginPath()
    ctx.moveTo(x + bevel, y)
    ctx.lineTo(x + textW - bevel, y)
    ctx.lineTo(x + textW, y + panelH / 2)
    ctx.lineTo(x + textW - bevel, y + panelH)
    ctx.lineTo(x + bevel, y + panelH)
    ctx.lineTo(x, y + panelH / 2)
    ctx.closePath()
    ctx.fillStyle = 'rgba(8, 12, 20, 0.88)'
    ctx.fill()
    ctx.strokeStyle = color
    ctx.lineWidth = 3
    ctx.shadowColor = color
    ctx.shadowBlur = 18
    ctx.stroke()
    ctx.fillStyle = '#f1f5f9'
    ctx.textAlign = 'center'
    ctx.textBaseline = 'middle'
    lines.forEach((l, i) => ctx.fillText(l, w / 2, y + 25 + LINE_PX / 2 + i * LINE_PX))
    ctx.shadowBlur = 0
  })
  return lines.length
}

function Tile({ tile, elevation }: { tile: TextTile; elevation: number }) {
  const label = useMemo(() => new CanvasLabel(CANVAS.w, CANVAS.h), [])
  const color = tile.color ?? TEXT_TILE_DEFAULT_COLOR
  const lines = useMemo(() => drawTile(label, tile.text, color), [label, tile.text, color])
  useEffect(() => () => label.dispose(), [label])
  useEffect(() => wake(), [lines, elevation])
  const w = hexToWorld(tile.position)
  const grow = 1 + GROWTH_PER_LINE * Math.max(0, lines - 1)
  return (
    <sprite
      name={`tile:${tile.id}`}
      userData={{ text: tile.text }}
      position={[w.x, TEXT_TILE_BASE_HEIGHT_UNITS + elevation + (SPRITE_H * grow) / 2 - 2, w.z]}
      scale={[SPRITE_W * grow, SPRITE_H * grow, 1]}
    >
      <spriteMaterial map={label.texture} transparent depthWrite={false} toneMapped={false} />
    </sprite>
  )
}

export function TextTiles({
  tiles,
  hexes,
}: {
  tiles: readonly TextTile[]
  hexes: readonly PaintedHex[]
}) {
  return (
    <group name="text-tiles">
      {tiles.map((t) => (
        <Tile key={t.id} tile={t} elevation={elevationAt(hexes, t.position)} />
      ))}
    </group>
  )
}
