#!/usr/bin/env node
// End-to-end tests: node:test over test/e2e/*.test.ts (TypeScript via tsx), one file at a time
// so two browsers never compete for the 2 cores. Needs `npm run build:test` first
// (the production build plus the scene probe the scene tests read).
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const tapArg = process.argv.find((a) => a.startsWith('--tap='))
const filter = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const files = readdirSync(join(root, 'test/e2e'))
  .filter(
    (f) => f.endsWith('.test.ts') && (filter.length === 0 || filter.some((x) => f.includes(x))),
  )
  .map((f) => join('test/e2e', f))
const args = [
  '--import',
  'tsx',
  '--test',
  '--test-concurrency=1',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
]
if (tapArg) args.push('--test-reporter=tap', `--test-reporter-destination=${tapArg.slice(6)}`)
// tsx resolves the @shared alias through this config's paths.
const env = { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.e2e.json') }
const r = spawnSync(process.execPath, [...args, ...files], { cwd: root, stdio: 'inherit', env })
process.exitCode = r.status ?? 1
