#!/usr/bin/env node
// `npm start`: the desktop app where Electron can run; otherwise headless mode in the browser,
// with one line saying why. `npm run headless` always runs headless.
//
// Before the desktop app starts, Electron is downloaded if it is missing (its package fetches
// the binary lazily; see scripts/desktop/electron-binary.mjs) and better-sqlite3 gets a build
// for Electron's ABI beside the Node one (scripts/desktop/sqlite-for-electron.mjs). Both happen
// once; `npm run setup:desktop` does the same ahead of time.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, statSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureElectron } from './desktop/electron-binary.mjs'
import { ensureSqliteForElectron } from './desktop/sqlite-for-electron.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const forceHeadless = args[0] === '--headless'
const passArgs = forceHeadless ? args.slice(1) : args
// Progress and reasons go to stderr, so that in headless mode the first stdout line is the URL.
const progress = (line) => console.error(line)

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

/** Build when out/ is missing or older than the sources; returns the exit status. */
function buildIfStale() {
  const built = join(root, 'out/main/headless.js')
  if (existsSync(built) && newestMtime(join(root, 'src')) <= statSync(built).mtimeMs) return 0
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    { cwd: root, stdio: ['ignore', process.stderr, process.stderr] },
  )
  return r.status ?? 1
}

/** `{ executable }` when the desktop app can start here, else `{ reason }`. */
function prepareDesktop() {
  const electron = ensureElectron(root, { progress })
  if (!electron.ok) return { reason: electron.reason }
  const sqlite = ensureSqliteForElectron(root, electron.pkg, { progress })
  if (!sqlite.ok) return { reason: sqlite.reason }
  return { executable: electron.executable }
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { stdio: 'inherit' })
  const forward = (sig) => child.kill(sig)
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  child.on('exit', (code, signal) => (process.exitCode = code ?? (signal ? 1 : 0)))
}

const buildStatus = buildIfStale()
if (buildStatus !== 0) {
  process.exitCode = buildStatus
} else {
  const desktop = forceHeadless ? null : prepareDesktop()
  if (desktop?.executable) {
    run(desktop.executable, [root, ...passArgs])
  } else {
    if (desktop) progress(`${desktop.reason}; starting headless mode — open the URL below.`)
    run(process.execPath, [join(root, 'out/main/headless.js'), ...passArgs])
  }
}
