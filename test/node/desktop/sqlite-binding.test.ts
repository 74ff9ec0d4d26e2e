/**
 * Choosing better-sqlite3's addon per runtime (src/main/core/store/sqlite-binding.ts) and the
 * start script's side of the same layout (scripts/desktop/sqlite-for-electron.mjs).
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  chooseSqliteAddon,
  electronAddonFile,
  explainAddonLoadError,
} from '../../../src/main/core/store/sqlite-binding'
// @ts-expect-error plain ESM script without type declarations
import * as script from '../../../scripts/desktop/sqlite-for-electron.mjs'

const root = join(import.meta.dirname, '../../..')
const nodeAddon = join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')
const versions = (extra: Partial<NodeJS.ProcessVersions>): NodeJS.ProcessVersions => ({
  ...process.versions,
  ...extra,
})

describe('the addon a process loads', () => {
  const packageDir = '/app/node_modules/better-sqlite3'
  const electronBuild =
    '/app/node_modules/better-sqlite3/build-electron/darwin-arm64-abi150/better_sqlite3.node'

  it('is the Electron build under Electron when it exists, for that ABI, platform and arch', () => {
    const seen: string[] = []
    const choice = chooseSqliteAddon({
      versions: versions({ electron: '45.5.0', modules: '150' }),
      platform: 'darwin',
      arch: 'arm64',
      packageDir,
      exists: (f) => (seen.push(f), true),
    })
    expect(choice).toBe(electronBuild)
    expect(seen).toEqual([electronBuild])
  })

  it('is the package default under Node, and under Electron when no extra build exists (packaged)', () => {
    const input = { platform: 'linux', arch: 'x64', packageDir, exists: () => true }
    expect(chooseSqliteAddon({ ...input, versions: versions({}) })).toBeUndefined()
    expect(
      chooseSqliteAddon({
        ...input,
        versions: versions({ electron: '45.5.0', modules: '150' }),
        exists: () => false,
      }),
    ).toBeUndefined()
  })

  it('is filed where the start script builds it', () => {
    const target = { platform: 'linux', arch: 'x64', abi: '150' }
    expect(script.electronAddonFile(packageDir, target)).toBe(electronAddonFile(packageDir, target))
  })

  it('a wrong-ABI load error under Electron says how to fix it; other errors pass through', () => {
    const abiError = new Error(
      "The module '/x/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 150.",
    )
    const explained = explainAddonLoadError(
      abiError,
      versions({ electron: '45.5.0', modules: '150' }),
    )
    expect(String(explained)).toMatch(
      /no build for Electron 45\.5\.0 \(ABI 150\).*npm run setup:desktop/,
    )
    expect((explained as Error).cause).toBe(abiError)
    expect(explainAddonLoadError(abiError, versions({}))).toBe(abiError)
    const other = new Error('SQLITE_CANTOPEN')
    expect(explainAddonLoadError(other, versions({ electron: '45.5.0' }))).toBe(other)
  })
})

describe('the Electron build', () => {
  it('reads an addon’s ABI from its registration symbol', () => {
    expect(script.addonAbi(nodeAddon)).toBe(process.versions.modules)
  })

  it('plans node-gyp for Electron’s version, ABI and headers, without npm’s target overrides', () => {
    const plan = script.sqliteBuildPlan({
      root,
      electron: { version: '45.5.0', abi: '150' },
      platform: 'linux',
      arch: 'arm64',
      env: {
        PATH: '/usr/bin',
        npm_config_nodedir: '/usr',
        NPM_CONFIG_TARGET: '20.0.0',
        npm_config_runtime: 'node',
        npm_config_disturl: 'https://nodejs.org/dist',
        npm_config_loglevel: 'silent',
        npm_config_cache: '/keep/me',
      },
      home: '/home/dev',
    })
    expect(plan.addonFile).toBe(
      join(
        root,
        'node_modules/better-sqlite3/build-electron/linux-arm64-abi150/better_sqlite3.node',
      ),
    )
    expect(plan.command).toBe(process.execPath)
    expect(plan.args).toEqual([
      join(root, 'node_modules/node-gyp/bin/node-gyp.js'),
      'rebuild',
      '--release',
      '--target=45.5.0',
      '--arch=arm64',
      '--dist-url=https://electronjs.org/headers',
      '--devdir=/home/dev/.electron-gyp',
    ])
    expect(plan.env).toEqual({ PATH: '/usr/bin', npm_config_cache: '/keep/me' })
  })

  it('takes the ABI from electron/abi_version (150 for the pinned Electron 45)', async () => {
    // @ts-expect-error plain ESM script without type declarations
    const { electronPackage } = await import('../../../scripts/desktop/electron-binary.mjs')
    const pkg = electronPackage(root)
    expect(pkg.version).toBe('45.5.0')
    expect(pkg.abi).toBe('150')
  })

  it('explains a node-gyp failure in one line', () => {
    const log = [
      'gyp info using node-gyp@12.4.0',
      'gyp http GET https://electronjs.org/headers/v45.5.0/node-v45.5.0-headers.tar.gz',
      'gyp WARN install got an error, rolling back install',
      'gyp ERR! configure error ',
      'gyp ERR! stack Error: This is most likely not a problem with node-gyp or the package itself and',
      'gyp ERR! stack is related to network connectivity.',
      'gyp ERR! stack at go (/x/node-gyp/lib/install.js:244:21)',
      'gyp ERR! System Linux 6.1',
      'gyp ERR! not ok ',
    ].join('\n')
    expect(script.nodeGypFailure(log)).toBe(
      'This is most likely not a problem with node-gyp or the package itself and is related to network connectivity. (while fetching https://electronjs.org/headers/v45.5.0/node-v45.5.0-headers.tar.gz)',
    )
    expect(script.nodeGypFailure('gyp ERR! build error \ngyp ERR! not ok')).toBe('build error')
  })
})
