/** User settings: stored in SQLite, validated on every write. */
import { z } from 'zod'
import { LocalBackendSchema, PermissionModeSchema } from './sessions'
import { DEFAULT_VOICE_SETTINGS, VoiceSettingsSchema } from './voice'
import { DEFAULT_FLEET_SETTINGS, FleetSettingsSchema } from './fleet'

/**
 * A system-wide shortcut in the window's key-combo form ("Ctrl+Alt+Shift+A": modifiers in that
 * order, then one key), or '' for none. It must hold Ctrl, Alt or Meta: a bare key or Shift+key
 * taken from every other application would break typing everywhere.
 */
export const GlobalShortcutSchema = z
  .string()
  .max(64)
  .refine(
    (s) => s === '' || /^(?:(?:Ctrl|Alt|Shift|Meta)\+)+[^+\s]+$/.test(s),
    'modifiers then one key, joined by +',
  )
  .refine((s) => s === '' || /(?:^|\+)(?:Ctrl|Alt|Meta)\+/.test(s), 'needs Ctrl, Alt or Meta')

export const SettingsSchema = z.object({
  hookPort: z.number().int().min(0).max(65535),
  retentionMaxEvents: z.number().int().min(1000).max(50_000_000),
  retentionMaxAgeDays: z.number().int().min(1).max(3650),
  permissionTimeoutMinutes: z.number().min(1).max(1440),
  defaultBackend: LocalBackendSchema,
  defaultPermissionMode: PermissionModeSchema,
  claudeBin: z.string().max(4096).optional(),
  notifications: z.object({
    enabled: z.boolean(),
    doNotDisturb: z.boolean(),
    onPermission: z.boolean(),
    onQuestion: z.boolean(),
    onFinished: z.boolean(),
    onFailed: z.boolean(),
  }),
  sound: z.object({
    muted: z.boolean(),
    volume: z.number().min(0).max(1),
    spatial: z.boolean(),
    /** The sound of a finished turn (in the scene, at its zone; plain in notifications). */
    finishedCue: z.boolean(),
    /** The sound of a request or question that needs the user, likewise. */
    needsYouCue: z.boolean(),
  }),
  gridRings: z.number().int().min(5).max(80),
  theme: z.enum(['system', 'light', 'dark']),
  keybindings: z.record(z.string(), z.string()),
  /** Desktop app: goes to the next item of the attention queue from any application. */
  attentionShortcut: GlobalShortcutSchema,
  updateChannel: z.enum(['stable', 'beta']),
  launchAtLogin: z.boolean(),
  voice: VoiceSettingsSchema,
  fleet: FleetSettingsSchema,
})
export type Settings = z.infer<typeof SettingsSchema>

export const DEFAULT_HOOK_PORT = 47_213

export const DEFAULT_SETTINGS: Settings = {
  hookPort: DEFAULT_HOOK_PORT,
  retentionMaxEvents: 1_000_000,
  retentionMaxAgeDays: 90,
  permissionTimeoutMinutes: 10,
  defaultBackend: 'pty',
  defaultPermissionMode: 'default',
  notifications: {
    enabled: true,
    doNotDisturb: false,
    onPermission: true,
    onQuestion: true,
    onFinished: true,
    onFailed: true,
  },
  sound: { muted: false, volume: 0.7, spatial: true, finishedCue: true, needsYouCue: true },
  gridRings: 20,
  // The workshop is designed dark first (docs/workshop-style.md); following the OS is a choice.
  theme: 'dark',
  keybindings: {},
  attentionShortcut: 'Ctrl+Alt+Shift+A',
  updateChannel: 'stable',
  launchAtLogin: false,
  voice: DEFAULT_VOICE_SETTINGS,
  fleet: DEFAULT_FLEET_SETTINGS,
}

/** A partial update; nested objects merge. */
export const SettingsPatchSchema = SettingsSchema.partial().extend({
  notifications: SettingsSchema.shape.notifications.partial().optional(),
  sound: SettingsSchema.shape.sound.partial().optional(),
  voice: SettingsSchema.shape.voice.partial().optional(),
  fleet: SettingsSchema.shape.fleet
    .extend({ parking: SettingsSchema.shape.fleet.shape.parking.partial() })
    .partial()
    .optional(),
})
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>
