#!/usr/bin/env node
// End-to-end tests: node:test over test/e2e/*.test.ts (TypeScript via tsx), one file at a time
// so two browsers never compete for the 2 cores. Needs `npm run build:test` first
// (the production build plus the scene probe the scene tests read).
// `--dir=<name>` runs test/e2e/<name>/ instead: the real-CLI lifecycle scenarios live in
// test/e2e/lifecycle/ and run on demand (`npm run test:lifecycle`) until they are steady under
// load (docs/testing.md#lifecycle-scenarios).
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const tapArg = process.argv.find((a) => a.startsWith('--tap='))
const dirArg = process.argv.find((a) => a.startsWith('--dir='))
const dir = dirArg ? join('test/e2e', dirArg.slice(6)) : 'test/e2e'
const filter = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const files = readdirSync(join(root, dir))
  .filter(
    (f) => f.endsWith('.test.ts') && (filter.length === 0 || filter.some((x) => f.includes(x))),
  )
  .map((f) => join(dir, f))
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
