/** Canvas drawing of a zone's floating name label and its floor git label. */
import { CanvasLabel, LABEL_FONT, MONO_FONT, drawGlowText } from '../canvas-text'

export const NAME_CANVAS = { w: 512, h: 96 }
export const NAME_WORLD_WIDTH = 7
export const GIT_CANVAS = { w: 512, h: 64 }
export const GIT_WORLD_WIDTH = 6

/** `"<hotkey>  <name>"`, as in the original. */
export function nameLabelText(name: string, hotkey: number | null): string {
  return hotkey ? `${hotkey}  ${name}` : name
}

export function drawNameLabel(label: CanvasLabel, text: string, color: string): void {
  label.draw((ctx, w, h) => drawGlowText(ctx, text, { color, font: LABEL_FONT, size: 46, w, h }))
}

export function drawGitLabel(label: CanvasLabel, text: string, color: string): void {
  label.draw((ctx, w, h) =>
    drawGlowText(ctx, text, { color, font: MONO_FONT, size: 34, w, h, glow: 8 }),
  )
}
