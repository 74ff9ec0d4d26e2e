/** The workshop's painted hexes and text tiles. */
import { randomUUID } from 'node:crypto'
import type { Db } from './db'
import type { PaintedHex, TextTile } from '@shared/world'

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
