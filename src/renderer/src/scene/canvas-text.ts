/**
 * Text drawn into canvases for the sprites that stay in 3D: notification pills and text tiles
 * (labels and panels, the pending zones' included, are HTML, overlay/). Canvas textures instead
 * of drei Text, which downloads a font at run time (offline app).
 */
import { CanvasTexture, LinearFilter, SRGBColorSpace } from 'three'

export const LABEL_FONT = '"Inter", "Segoe UI", "Helvetica Neue", Arial, sans-serif'
export const MONO_FONT = '"JetBrains Mono", "SFMono-Regular", Menlo, Consolas, monospace'

/** A canvas and its texture; `draw` repaints and flags the upload. */
export class CanvasLabel {
  readonly canvas: HTMLCanvasElement
  readonly texture: CanvasTexture
  readonly ctx: CanvasRenderingContext2D | null

  constructor(width: number, height: number) {
    this.canvas = document.createElement('canvas')
    this.canvas.width = width
    this.canvas.height = height
    // A test DOM may have no 2D context; the label is then blank rather than broken.
    this.ctx = this.canvas.getContext?.('2d') ?? null
    this.texture = new CanvasTexture(this.canvas)
    this.texture.colorSpace = SRGBColorSpace
    this.texture.minFilter = LinearFilter
    this.texture.generateMipmaps = false
  }

  draw(paint: (ctx: CanvasRenderingContext2D, w: number, h: number) => void): void {
    if (this.ctx) {
      this.ctx.clearRect(0, 0, this.canvas.width, this.canvas.height)
      paint(this.ctx, this.canvas.width, this.canvas.height)
    }
    this.texture.needsUpdate = true
  }

  dispose(): void {
    this.texture.dispose()
  }
}

/** Cuts `text` with an ellipsis so it fits `maxWidth` at the context's current font. */
export function fitText(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text
  let lo = 0
  let hi = text.length
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (ctx.measureText(`${text.slice(0, mid)}\u2026`).width <= maxWidth) lo = mid
    else hi = mid - 1
  }
  return `${text.slice(0, lo)}\u2026`
}

export function roundRect(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  r: number,
): void {
  ctx.beginPath()
  ctx.moveTo(x + r, y)
  ctx.arcTo(x + w, y, x + w, y + h, r)
  ctx.arcTo(x + w, y + h, x, y + h, r)
  ctx.arcTo(x, y + h, x, y, r)
  ctx.arcTo(x, y, x + w, y, r)
  ctx.closePath()
}
