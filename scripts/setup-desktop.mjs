#!/usr/bin/env node
// `npm run setup:desktop`: what `npm start` does on its first desktop start, ahead of time —
// download Electron if it is missing and build better-sqlite3 for Electron's ABI.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureElectron } from './desktop/electron-binary.mjs'
import { ensureSqliteForElectron } from './desktop/sqlite-for-electron.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const progress = (line) => console.error(line)

const electron = ensureElectron(root, { progress })
const sqlite = electron.ok ? ensureSqliteForElectron(root, electron.pkg, { progress }) : electron
if (!sqlite.ok) {
  console.error(`setup:desktop failed: ${sqlite.reason}`)
  process.exitCode = 1
} else {
  console.error(
    `Desktop ready: Electron ${electron.pkg.version} at ${electron.executable}; SQLite for ABI ${electron.pkg.abi} at ${sqlite.addonFile}`,
  )
}
