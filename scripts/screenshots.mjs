#!/usr/bin/env node
// `npm run screenshots`: builds the app with the scene probe compiled in (the script reads the
// scene through it, like the tests), then renders the workshop fixture into docs/screenshots/
// (test/screenshots/workshop.ts). Needs Debian's chromium.
import { spawnSync } from 'node:child_process'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const built = spawnSync('npx', ['electron-vite', 'build'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, ATELIER_SCENE_PROBE: '1' },
})
if (built.status !== 0) throw new Error('npm run build failed')
const env = { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.e2e.json') }
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', join(root, 'test/screenshots/workshop.ts')],
  { cwd: root, stdio: 'inherit', env },
)
process.exitCode = r.status ?? 1
