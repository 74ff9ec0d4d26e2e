#!/usr/bin/env node
// `npm start`: the desktop app where Electron can run; otherwise headless mode in the browser,
// with one line saying why. `npm run headless` always runs headless.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, statSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const forceHeadless = args[0] === '--headless'
const passArgs = forceHeadless ? args.slice(1) : args

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

// Build when out/ is missing or older than the sources (build output goes to stderr so the
// first stdout line stays the URL).
let buildFailed = 0
const built = join(root, 'out/main/headless.js')
if (!existsSync(built) || newestMtime(join(root, 'src')) > statSync(built).mtimeMs) {
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: ['ignore', process.stderr, process.stderr],
    },
  )
  buildFailed = r.status !== 0 ? (r.status ?? 1) : 0
}

function electronBinary() {
  try {
    const require = createRequire(import.meta.url)
    const pathFile = join(dirname(require.resolve('electron/package.json')), 'path.txt')
    if (!existsSync(pathFile)) return null
    return require('electron') // resolves to the binary path when it is installed
  } catch {
    return null
  }
}

const electron = forceHeadless ? null : electronBinary()
if (buildFailed) {
  process.exitCode = buildFailed
} else if (electron && existsSync(electron)) {
  const child = spawn(electron, [root, ...passArgs], { stdio: 'inherit' })
  child.on('exit', (code) => (process.exitCode = code ?? 0))
} else {
  if (!forceHeadless) {
    console.error(
      'Electron binary not installed here (its download needs GitHub); starting headless mode — open the URL below.',
    )
  }
  const child = spawn(process.execPath, [built, ...passArgs], { stdio: 'inherit' })
  const forward = (sig) => child.kill(sig)
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  child.on('exit', (code) => (process.exitCode = code ?? 0))
}
