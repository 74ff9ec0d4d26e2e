#!/usr/bin/env node
// `npm run hooks -- install|uninstall|status`: builds if needed, then runs out/main/cli.js.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'out/main/cli.js')
if (!existsSync(cli)) {
  const b = spawnSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    { cwd: root, stdio: ['ignore', process.stderr, process.stderr] },
  )
  if (b.status !== 0) process.exit(b.status ?? 1)
}
const r = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit' })
process.exit(r.status ?? 1)
