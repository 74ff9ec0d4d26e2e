#!/usr/bin/env node
// `npm run hooks -- install|uninstall|status`: builds if needed, then runs out/main/cli.js.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'out/main/cli.js')
function run() {
  if (!existsSync(cli)) {
    const b = spawnSync(
      process.execPath,
      [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
      { cwd: root, stdio: ['ignore', process.stderr, process.stderr] },
    )
    if (b.status !== 0) return b.status ?? 1
  }
  return (
    spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit' }).status ?? 1
  )
}
process.exitCode = run()
