/**
 * Opens the app's SQLite database (better-sqlite3, WAL) and brings its schema up to date.
 * Migrations are append-only: each entry runs once, in order, inside a transaction.
 */
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { MIGRATIONS } from './migrations'

export type Db = Database.Database

export const DB_FILE_NAME = 'atelier.db'

export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  // NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the tail).
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  // Let SQLite checkpoint in small steps so no single write stalls for long.
  db.pragma('wal_autocheckpoint = 2000')
  db.pragma('cache_size = -16000')
  db.pragma('temp_store = MEMORY')
  migrate(db)
  return db
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number
  for (let v = current; v < MIGRATIONS.length; v++) {
    const step = MIGRATIONS[v]
    db.transaction(() => {
      db.exec(step)
      db.pragma(`user_version = ${v + 1}`)
    })()
  }
}
