/**
 * The packaging config, checked without downloading Electron: electron-builder's own schema
 * validation, the targets, unpacking of every native binary the runtime dependencies ship, the
 * publish feeds, fuses, and the icon files it points at.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative } from 'node:path'
import { minimatch } from 'minimatch'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../../..')
const require = createRequire(import.meta.url)
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const config: any = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'))

type Target = { target: string; arch: string[] }
const targets = (platform: 'mac' | 'linux'): Target[] => config[platform].target

/** Packages npm installs for production (not dev-only), from the lockfile. */
function runtimePackageDirs(): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'))
  return Object.entries(lock.packages as Record<string, { dev?: boolean; devOptional?: boolean }>)
    .filter(([path, meta]) => path !== '' && !meta.dev && !meta.devOptional)
    .map(([path]) => join(root, path))
    .filter((dir) => existsSync(dir))
}

function filesUnder(dir: string, accept: (name: string) => boolean): string[] {
  const found: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory() && entry.name !== 'node_modules')
      found.push(...filesUnder(path, accept))
    else if (entry.isFile() && accept(entry.name)) found.push(path)
  }
  return found
}

const unpacked = (file: string): boolean =>
  (config.asarUnpack as string[]).some((pattern) =>
    minimatch(relative(root, file), pattern, { dot: true }),
  )

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js')
    const { DebugLogger } = require('builder-util')
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    // …and the validation is real: a misspelt key is refused.
    await expect(
      validateConfiguration(
        { ...config, mac: { ...config.mac, tagret: 'dmg' } },
        new DebugLogger(false),
      ),
    ).rejects.toThrow(/configuration/)
  })

  it('names the app and packages only the build output', () => {
    expect(config.appId).toBe('dev.atelier.app')
    expect(config.productName).toBe('Atelier')
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json']))
    expect(config.npmRebuild).toBe(true) // the Electron-ABI rebuild happens in packaging only
  })

  it('builds AppImage and deb for Linux, dmg and zip for both Mac architectures', () => {
    const linux = Object.fromEntries(targets('linux').map((t) => [t.target, t.arch]))
    expect(Object.keys(linux).sort()).toEqual(['AppImage', 'deb'])
    expect(config.linux.maintainer).toMatch(/\S+/)
    expect(config.linux.category).toBe('Development')
    const mac = Object.fromEntries(targets('mac').map((t) => [t.target, t.arch]))
    expect(Object.keys(mac).sort()).toEqual(['dmg', 'zip'])
    for (const arch of Object.values(mac)) expect([...arch].sort()).toEqual(['arm64', 'x64'])
  })

  it('signs macOS builds with the hardened runtime and JIT entitlements', () => {
    expect(config.mac.hardenedRuntime).toBe(true)
    const plist = readFileSync(join(root, config.mac.entitlements), 'utf8')
    expect(plist).toMatch(/<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/)
    expect(existsSync(join(root, config.mac.entitlementsInherit))).toBe(true)
  })

  it('unpacks every native binary the runtime dependencies ship', () => {
    const nativeFiles = runtimePackageDirs().flatMap((dir) =>
      filesUnder(dir, (name) => name.endsWith('.node')),
    )
    // The three native dependencies are installed here, so the scan cannot come back empty.
    const names = nativeFiles.map((f) => relative(root, f))
    expect(names.some((n) => n.startsWith('node_modules/better-sqlite3/'))).toBe(true)
    expect(names.some((n) => n.startsWith('node_modules/node-pty/'))).toBe(true)
    expect(names.some((n) => n.startsWith('node_modules/@parcel/watcher-'))).toBe(true)
    expect(names.filter((n) => !unpacked(join(root, n)))).toEqual([])
  })

  it('unpacks the native modules’ folders too (node-pty’s spawn-helper is not a .node file)', () => {
    expect(unpacked(join(root, 'node_modules/node-pty/prebuilds/darwin-arm64/spawn-helper'))).toBe(
      true,
    )
    expect(unpacked(join(root, 'node_modules/node-pty/build/Release/spawn-helper'))).toBe(true)
    expect(unpacked(join(root, 'node_modules/@parcel/watcher-darwin-arm64/watcher.node'))).toBe(
      true,
    )
    expect(unpacked(join(root, 'out/main/index.js'))).toBe(false) // app code stays in the asar
  })

  it('publishes to GitHub releases and documents a generic feed for self-hosting', () => {
    const providers = (config.publish as { provider: string }[]).map((p) => p.provider)
    expect(providers[0]).toBe('github') // the first entry is what electron-updater reads
    expect(providers).toContain('generic')
    const generic = config.publish.find((p: { provider: string }) => p.provider === 'generic')
    expect(() => new URL(generic.url)).not.toThrow()
  })

  it('sets fuses for release builds but keeps ELECTRON_RUN_AS_NODE for the hook shim', () => {
    expect(config.electronFuses.runAsNode).toBe(true)
    expect(config.electronFuses.enableNodeCliInspectArguments).toBe(false)
    expect(config.electronFuses.enableNodeOptionsEnvironmentVariable).toBe(false)
    expect(config.electronFuses.onlyLoadAppFromAsar).toBe(true)
  })

  it('points at icons that exist at every size, plus tray icons per state', () => {
    const iconDir = join(root, config.linux.icon)
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      const file = join(iconDir, `${size}x${size}.png`)
      expect(existsSync(file), file).toBe(true)
      const png = readFileSync(file)
      expect(png.readUInt32BE(16), `${file} width`).toBe(size) // IHDR width
      expect(png.readUInt32BE(20), `${file} height`).toBe(size)
    }
    expect(readFileSync(join(root, config.mac.icon)).readUInt32BE(16)).toBe(1024)
    const trayDir = join(root, 'resources/tray')
    for (const state of ['idle', 'working', 'attention']) {
      for (const file of [
        `tray-${state}.png`,
        `tray-${state}@2x.png`,
        `tray-${state}Template.png`,
        `tray-${state}Template@2x.png`,
      ]) {
        expect(existsSync(join(trayDir, file)), file).toBe(true)
      }
    }
    expect(config.extraResources).toEqual(
      expect.arrayContaining([expect.objectContaining({ from: 'resources/tray', to: 'tray' })]),
    )
  })

  describe('the release workflow', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const workflow: any = parse(readFileSync(join(root, '.github/workflows/release.yml'), 'utf8'))
    const runs = (job: string): string =>
      workflow.jobs[job].steps.map((s: { run?: string }) => s.run ?? '').join('\n')
    const envOf = (job: string): Record<string, string> =>
      Object.assign({}, ...workflow.jobs[job].steps.map((s: { env?: object }) => s.env ?? {}))

    it('publishes from version tags on both runners, signed and notarised', () => {
      expect(workflow.on.push.tags).toEqual(['v*'])
      const release = workflow.jobs.release
      expect(release.if).toMatch(/refs\/tags\/v/)
      expect(release.strategy.matrix.os.sort()).toEqual(['macos-latest', 'ubuntu-latest'])
      expect(release.permissions.contents).toBe('write')
      expect(runs('release')).toContain('npm ci')
      expect(runs('release')).toContain('npm run build')
      expect(runs('release')).toContain('npx electron-builder --publish always')
      // The variables electron-builder reads for signing (CSC_*) and API-key notarisation.
      const env = envOf('release')
      for (const name of [
        'GH_TOKEN',
        'CSC_LINK',
        'CSC_KEY_PASSWORD',
        'APPLE_API_KEY_ID',
        'APPLE_API_ISSUER',
      ])
        expect(env[name], name).toMatch(/\$\{\{ secrets\./)
      expect(runs('release')).toContain('APPLE_API_KEY=$RUNNER_TEMP/apple-api-key.p8')
      // A release without the secrets fails instead of shipping unsigned builds.
      expect(runs('release')).toMatch(/missing secrets/)
      expect(env.CSC_IDENTITY_AUTO_DISCOVERY).toBeUndefined()
      expect(config.mac.notarize).toBe(true)
    })

    it('dry-runs the same build on every pull request without secrets or publishing', () => {
      expect(workflow.on).toHaveProperty('pull_request')
      const dry = workflow.jobs['dry-run']
      expect(dry.if).toMatch(/pull_request/)
      expect(dry.strategy.matrix.os.sort()).toEqual(['macos-latest', 'ubuntu-latest'])
      expect(runs('dry-run')).toContain('npx electron-builder --publish never')
      expect(JSON.stringify(dry)).not.toMatch(/secrets\./)
      expect(envOf('dry-run').CSC_IDENTITY_AUTO_DISCOVERY).toBe('false')
      expect(runs('dry-run')).toMatch(/latest-mac\.yml.*latest-linux\.yml/s)
      expect(workflow.permissions.contents).toBe('read')
    })
  })
})
