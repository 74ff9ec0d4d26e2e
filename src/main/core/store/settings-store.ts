/** Settings, stored as validated JSON per key. */
import type { Db } from './db'
import {
  DEFAULT_SETTINGS,
  SettingsSchema,
  type Settings,
  type SettingsPatch,
} from '@shared/settings'

export class SettingsStore {
  private cache: Settings
  constructor(private readonly db: Db) {
    this.cache = this.load()
  }

  private load(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as {
      key: string
      value: string
    }[]
    const merged: Record<string, unknown> = structuredClone(DEFAULT_SETTINGS)
    for (const r of rows) {
      try {
        const value: unknown = JSON.parse(r.value)
        const fallback = merged[r.key]
        // Nested groups (notifications, sound, voice) keep defaults for fields added later.
        merged[r.key] =
          isPlainObject(value) && isPlainObject(fallback) ? { ...fallback, ...value } : value
      } catch {
        /* a corrupt value falls back to the default below */
      }
    }
    const parsed = SettingsSchema.safeParse(merged)
    // An invalid stored value must never stop the app: keep the valid keys, default the rest.
    if (parsed.success) return parsed.data
    const safe: Record<string, unknown> = structuredClone(DEFAULT_SETTINGS)
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      const one = SettingsSchema.shape[key].safeParse(merged[key])
      if (one.success) safe[key] = one.data
    }
    return SettingsSchema.parse(safe)
  }

  get(): Settings {
    return this.cache
  }

  update(patch: SettingsPatch): Settings {
    const next: Settings = {
      ...this.cache,
      ...patch,
      notifications: { ...this.cache.notifications, ...(patch.notifications ?? {}) },
      sound: { ...this.cache.sound, ...(patch.sound ?? {}) },
      voice: { ...this.cache.voice, ...(patch.voice ?? {}) },
      fleet: {
        ...this.cache.fleet,
        ...(patch.fleet ?? {}),
        parking: { ...this.cache.fleet.parking, ...(patch.fleet?.parking ?? {}) },
      },
    } as Settings
    const valid = SettingsSchema.parse(next)
    const put = this.db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    )
    this.db.transaction(() => {
      for (const key of Object.keys(patch) as (keyof Settings)[])
        put.run(key, JSON.stringify(valid[key]))
    })()
    this.cache = valid
    return valid
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
