import { z } from 'zod'
import { channel, Empty, Id, Ok } from './define'
import { SettingsPatchSchema, SettingsSchema } from '../settings'
import { PaintedHexSchema, TextTileSchema, TEXT_TILE_MAX_CHARS } from '../world'
import { HexCoordSchema } from '../sessions'

const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'color must be #rrggbb')

export const HookStatusSchema = z.object({
  installed: z.boolean(),
  settingsPath: z.string(),
  events: z.array(z.string()),
  backups: z.array(z.string()),
})

export const appChannels = {
  'app.info': channel(
    'Version, data folder, log file and runtime',
    Empty,
    z.object({
      version: z.string(),
      dataDir: z.string(),
      logFile: z.string(),
      runtime: z.enum(['electron', 'headless']),
      hookUrl: z.string(),
      platform: z.string(),
      claudeVersion: z.string().nullable(),
    }),
  ),
  'settings.get': channel('Current settings', Empty, SettingsSchema),
  'settings.update': channel(
    'Change settings (partial)',
    SettingsPatchSchema.strict(),
    SettingsSchema,
  ),
  'hooks.status': channel('Global "observe every session" hooks', Empty, HookStatusSchema),
  'hooks.install': channel('Install the global hooks (merges, backs up)', Empty, HookStatusSchema),
  'hooks.uninstall': channel('Remove the global hooks', Empty, HookStatusSchema),
  'tiles.list': channel('Text tiles', Empty, z.object({ tiles: z.array(TextTileSchema) })),
  'tiles.create': channel(
    'Place a text tile on a hex',
    z
      .object({
        text: z.string().trim().min(1).max(TEXT_TILE_MAX_CHARS),
        position: HexCoordSchema,
        color: Color.optional(),
      })
      .strict(),
    TextTileSchema,
  ),
  'tiles.update': channel(
    'Edit a text tile',
    z
      .object({
        id: z.string().min(1),
        text: z.string().trim().min(1).max(TEXT_TILE_MAX_CHARS).optional(),
        position: HexCoordSchema.optional(),
        color: Color.optional(),
      })
      .strict(),
    TextTileSchema,
  ),
  'tiles.delete': channel('Delete a text tile', Id, Ok),
  'hexes.list': channel('Painted hexes', Empty, z.object({ hexes: z.array(PaintedHexSchema) })),
  'hexes.paint': channel(
    'Paint, stack or clear hexes (height 0 clears)',
    z
      .object({
        hexes: z
          .array(
            z.object({
              q: z.number().int(),
              r: z.number().int(),
              color: Color,
              height: z.number().int().min(0).max(100),
            }),
          )
          .max(1000),
      })
      .strict(),
    Ok,
  ),
  'app.installUpdate': channel('Restart into a downloaded update (desktop only)', Empty, Ok),
  'app.focus': channel(
    'Which session the UI shows and whether its window has focus (suppresses its notifications)',
    z.object({ sessionId: z.string().nullable(), windowFocused: z.boolean().optional() }).strict(),
    Ok,
  ),
  'app.openExternal': channel(
    'Open a URL or folder with the OS (desktop only; validated)',
    z.object({ target: z.string().min(1).max(4096) }).strict(),
    Ok,
  ),
} as const
