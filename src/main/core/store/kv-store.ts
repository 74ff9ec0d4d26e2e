/** Settings (validated JSON per key) and the workshop's painted hexes and text tiles. */
import { randomUUID } from 'node:crypto'
import type { Db } from './db'
import {
  DEFAULT_SETTINGS,
  SettingsSchema,
  type Settings,
  type SettingsPatch,
} from '@shared/settings'
import type { PaintedHex, TextTile } from '@shared/world'

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

export class WorldStore {
  constructor(private readonly db: Db) {}

  tiles(): TextTile[] {
    const rows = this.db.prepare('SELECT * FROM tiles ORDER BY created_at').all() as {
      id: string
      text: string
      q: number
      r: number
      color: string | null
      created_at: number
    }[]
    return rows.map((r) => ({
      id: r.id,
      text: r.text,
      position: { q: r.q, r: r.r },
      ...(r.color ? { color: r.color } : {}),
      createdAt: r.created_at,
    }))
  }

  tile(id: string): TextTile | undefined {
    return this.tiles().find((t) => t.id === id)
  }

  createTile(t: Omit<TextTile, 'id' | 'createdAt'>, now = Date.now()): TextTile {
    const tile: TextTile = { ...t, id: randomUUID(), createdAt: now }
    this.db
      .prepare('INSERT INTO tiles (id, text, q, r, color, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(tile.id, tile.text, tile.position.q, tile.position.r, tile.color ?? null, tile.createdAt)
    return tile
  }

  updateTile(t: TextTile): void {
    this.db
      .prepare('UPDATE tiles SET text = ?, q = ?, r = ?, color = ? WHERE id = ?')
      .run(t.text, t.position.q, t.position.r, t.color ?? null, t.id)
  }

  deleteTile(id: string): boolean {
    return this.db.prepare('DELETE FROM tiles WHERE id = ?').run(id).changes > 0
  }

  hexes(): PaintedHex[] {
    return this.db.prepare('SELECT q, r, color, height FROM hexes').all() as PaintedHex[]
  }

  paint(hexes: { q: number; r: number; color: string; height: number }[]): void {
    const put = this.db.prepare(
      'INSERT INTO hexes (q, r, color, height) VALUES (?, ?, ?, ?) ON CONFLICT(q, r) DO UPDATE SET color = excluded.color, height = excluded.height',
    )
    const del = this.db.prepare('DELETE FROM hexes WHERE q = ? AND r = ?')
    this.db.transaction(() => {
      for (const h of hexes) {
        if (h.height <= 0) del.run(h.q, h.r)
        else put.run(h.q, h.r, h.color, h.height)
      }
    })()
  }
}
