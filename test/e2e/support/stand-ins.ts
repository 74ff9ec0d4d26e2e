/**
 * Stand-ins for programs a desktop start runs: an Electron executable and node-gyp. Each one
 * records how it was called (argv, working folder, environment) as JSON lines in the file named
 * by its RECORD variable, so a test can check what the start script asked for.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const ELECTRON_RECORD_ENV = 'ATELIER_TEST_ELECTRON_RECORD'
export const GYP_RECORD_ENV = 'ATELIER_TEST_GYP_RECORD'
/** What the node-gyp stand-in does: `electron-abi`, `node-abi` or `headers-unreachable`. */
export const GYP_MODE_ENV = 'ATELIER_TEST_GYP_MODE'

export interface Call {
  argv: string[]
  cwd: string
  env: Record<string, string>
}

const RECORD = (variable: string): string => `
const { appendFileSync } = require('node:fs')
appendFileSync(process.env.${variable}, JSON.stringify({
  argv: process.argv.slice(2), cwd: process.cwd(), env: process.env,
}) + '\\n')
`

/** A folder usable as ELECTRON_OVERRIDE_DIST_PATH: its `electron` records its calls and exits 0. */
export function electronDistStandIn(dir: string): string {
  mkdirSync(dir, { recursive: true })
  const executable = join(dir, 'electron')
  writeFileSync(executable, `#!${process.execPath}\n${RECORD(ELECTRON_RECORD_ENV)}`)
  chmodSync(executable, 0o755)
  writeFileSync(join(dir, 'version'), 'v45.5.0')
  return executable
}

/** Files of a node-gyp package whose `rebuild` records its call and acts per GYP_MODE_ENV. */
export function nodeGypStandIn(nodeAddon: string): Record<string, string> {
  return {
    'package.json': JSON.stringify({ name: 'node-gyp', version: '0.0.0-stand-in' }),
    'bin/node-gyp.js': `${RECORD(GYP_RECORD_ENV)}
const { copyFileSync, mkdirSync, writeFileSync } = require('node:fs')
const target = process.argv.find((a) => a.startsWith('--target='))
const out = 'build/Release/better_sqlite3.node'
switch (process.env.${GYP_MODE_ENV}) {
  case 'electron-abi': {
    // What a build against the target's headers registers as; the abi is the test's to name.
    mkdirSync('build/Release', { recursive: true })
    writeFileSync(out, 'stand-in addon for ' + target + ': node_register_module_v' + process.env.ATELIER_TEST_GYP_ABI)
    break
  }
  case 'node-abi': {
    // The trap: a build that silently used Node's headers.
    mkdirSync('build/Release', { recursive: true })
    copyFileSync(${JSON.stringify(nodeAddon)}, out)
    break
  }
  default: {
    console.error('gyp info it worked if it ends with ok')
    console.error('gyp http GET https://electronjs.org/headers/v45.5.0/node-v45.5.0-headers.tar.gz')
    console.error('gyp WARN install got an error, rolling back install')
    console.error('gyp ERR! configure error ')
    console.error('gyp ERR! stack Error: getaddrinfo ENOTFOUND electronjs.org')
    console.error('gyp ERR! stack     at go (node-gyp/lib/install.js:244:21)')
    console.error('gyp ERR! not ok ')
    process.exit(1)
  }
}
`,
  }
}

export function readCalls(file: string): Call[] {
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Call)
}
