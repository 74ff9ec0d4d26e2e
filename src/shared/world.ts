/** Persistent workshop decorations: painted hexes and text tiles. */
import { z } from 'zod'
import { HexCoordSchema } from './sessions'

export const TEXT_TILE_MAX_CHARS = 500
export const HEX_STACK_MAX = 100

export const TextTileSchema = z.object({
  id: z.string(),
  text: z.string().min(1).max(TEXT_TILE_MAX_CHARS),
  position: HexCoordSchema,
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional(),
  createdAt: z.number(),
})
export type TextTile = z.infer<typeof TextTileSchema>

export const PaintedHexSchema = z.object({
  q: z.number().int(),
  r: z.number().int(),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  height: z.number().int().min(1).max(HEX_STACK_MAX),
})
export type PaintedHex = z.infer<typeof PaintedHexSchema>
