#!/usr/bin/env node
// `npm run bench:<name>`: runs test/bench/<name>.ts, which prints one JSON object of figures.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const name = process.argv[2]
const file = join(root, 'test/bench', `${name}.ts`)
if (!name || !existsSync(file)) {
  console.error(
    `usage: node scripts/bench.mjs <ingest|git|scene|notify|hooks|load|voice>; ${file} not found`,
  )
  process.exitCode = 2
} else {
  // These benchmarks measure the built app, so build what is checked out first (the scene bench
  // reads the scene through its probe, compiled in by ATELIER_SCENE_PROBE).
  if (name === 'ingest' || name === 'scene' || name === 'load' || name === 'voice') {
    const built = spawnSync('npx', ['electron-vite', 'build'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, ...(name === 'scene' ? { ATELIER_SCENE_PROBE: '1' } : {}) },
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
