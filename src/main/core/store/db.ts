/**
 * Opens the app's SQLite database (better-sqlite3, WAL) and brings its schema up to date.
 * Migrations are append-only: each entry runs once, in order, inside a transaction.
 */
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { MIGRATIONS } from './migrations'
import { explainAddonLoadError, sqliteAddonForThisProcess } from './sqlite-binding'

export type Db = Database.Database

export const DB_FILE_NAME = 'atelier.db'
export const WAL_AUTOCHECKPOINT_PAGES = 2_000
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024

export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = openConnection(file)
  db.pragma('journal_mode = WAL')
  // NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the tail).
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  // Let SQLite checkpoint in small steps so no single write stalls for long (the event store
  // turns this off where its own threads checkpoint instead).
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`)
  // After a burst, the WAL file shrinks back to this instead of keeping its peak size.
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`)
  db.pragma('cache_size = -16000')
  db.pragma('temp_store = MEMORY')
  migrate(db)
  return db
}

/** Every connection of the app opens here, with the addon built for the running runtime. */
function openConnection(file: string): Db {
  const nativeBinding = sqliteAddonForThisProcess()
  try {
    return nativeBinding ? new Database(file, { nativeBinding }) : new Database(file)
  } catch (error) {
    throw explainAddonLoadError(error, process.versions)
  }
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
