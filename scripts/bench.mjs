#!/usr/bin/env node
// `npm run bench:<name>`: runs test/bench/<name>.ts, which prints one JSON object of figures.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
/** These measure the built app, so what is checked out is built first. */
const BUILT = new Set(['ingest', 'scene', 'load', 'voice', 'agent', 'soak', 'replay'])
/** These read the scene through its probe, compiled in by ATELIER_SCENE_PROBE. */
const SCENE_PROBE = new Set(['scene', 'soak', 'replay'])

const name = process.argv[2]
const file = join(root, 'test/bench', `${name}.ts`)
if (!name || !existsSync(file)) {
  const names = readdirSync(join(root, 'test/bench'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
  console.error(`usage: node scripts/bench.mjs <${names.join('|')}>; ${file} not found`)
  process.exitCode = 2
} else {
  if (BUILT.has(name)) {
    const built = spawnSync('npx', ['electron-vite', 'build'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, ...(SCENE_PROBE.has(name) ? { ATELIER_SCENE_PROBE: '1' } : {}) },
    })
    if (built.status !== 0) throw new Error('npm run build failed')
  }
  const env = { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.e2e.json') }
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...process.argv.slice(3)], {
    cwd: root,
    stdio: 'inherit',
    env,
  })
  process.exitCode = r.status ?? 1
}
