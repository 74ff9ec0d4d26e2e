/**
 * Text drawn into canvases for sprites: zone names, git labels, contexts, pills, panels, tiles.
 * Canvas textures instead of drei Text, which downloads a font at run time (offline app).
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

/** Middle ellipsis for paths: keeps the file name readable. */
export function fitMiddle(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text
  let keep = text.length
  while (keep > 4) {
    keep--
    const head = Math.floor(keep / 2)
    const candidate = `${text.slice(0, head)}\u2026${text.slice(text.length - (keep - head))}`
    if (ctx.measureText(candidate).width <= maxWidth) return candidate
  }
  return fitText(ctx, text, maxWidth)
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

/** Glowing centred text (zone names, git labels). */
export function drawGlowText(
  ctx: CanvasRenderingContext2D,
  text: string,
  opts: { color: string; font: string; size: number; w: number; h: number; glow?: number },
): void {
  ctx.font = `600 ${opts.size}px ${opts.font}`
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  const shown = fitText(ctx, text, opts.w - 24)
  ctx.shadowColor = opts.color
  ctx.shadowBlur = opts.glow ?? 16
  ctx.fillStyle = opts.color
  ctx.fillText(shown, opts.w / 2, opts.h / 2)
  ctx.shadowBlur = 0
  ctx.fillStyle = '#f1f5f9'
  ctx.globalAlpha = 0.55
  ctx.fillText(shown, opts.w / 2, opts.h / 2)
  ctx.globalAlpha = 1
}

/**
 * A context text that shrinks from 28 px to 14 px before it is cut (docs/original.md#stations), on a dark
 * rounded plate in the station colour.
 */
export function drawContext(
  ctx: CanvasRenderingContext2D,
  text: string,
  color: string,
  w: number,
  h: number,
): void {
  let size = 28
  ctx.font = `500 ${size}px ${MONO_FONT}`
  while (size > 14 && ctx.measureText(text).width > w - 32) {
    size -= 2
    ctx.font = `500 ${size}px ${MONO_FONT}`
  }
  const shown = fitMiddle(ctx, text, w - 32)
  const textW = Math.min(w - 8, ctx.measureText(shown).width + 32)
  ctx.fillStyle = 'rgba(8, 12, 20, 0.82)'
  roundRect(ctx, (w - textW) / 2, 8, textW, h - 16, 12)
  ctx.fill()
  ctx.strokeStyle = color
  ctx.lineWidth = 2
  ctx.stroke()
  ctx.fillStyle = color
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  ctx.fillText(shown, w / 2, h / 2)
}
