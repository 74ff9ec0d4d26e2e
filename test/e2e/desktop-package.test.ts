/**
 * Packaging, checked as far as this machine allows: electron-builder's `dir` target with the
 * repo's electron-builder.yml, a stand-in Electron distribution (`electronDist`: this machine
 * cannot download Electron), no native rebuild (it would need Electron's headers) and no fuses
 * (they are flipped inside the real Electron binary). Then:
 *
 * - the layout: what app.asar holds and leaves out, every native addon unpacked, the size budget;
 * - the packaged start-up: the main bundle from inside that layout runs under Node with the
 *   electron double (test/support/electron-double), so `__dirname`, `process.resourcesPath`, the
 *   preload, renderer, worker and tray-icon paths are the packaged ones.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parse } from 'yaml'
import { ROOT } from './support/headless'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium'
import { startMain } from '../support/electron-double/harness'
import { startTestCore } from '../support/core'

const require = createRequire(import.meta.url)
const asar = require('@electron/asar') as typeof import('@electron/asar')

/** What app.asar plus its unpacked folder may weigh (measured 14.6 MB when this was set). */
export const PACKAGE_BUDGET_BYTES = 24 * 1024 * 1024

let work: string
let resources: string
let archive: string

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'atelier-package-'))
  // A stand-in Electron distribution: an executable and the version file electron-builder reads.
  const dist = join(work, 'electron-dist')
  mkdirSync(dist)
  writeFileSync(join(dist, 'electron'), '#!/bin/sh\necho "stand-in for Electron"\n')
  chmodSync(join(dist, 'electron'), 0o755)
  writeFileSync(join(dist, 'version'), 'v45.5.0')

  const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'))
  Object.assign(config, {
    electronDist: dist,
    npmRebuild: false,
    electronFuses: null,
    // Publishing config is checked by test/node/desktop/builder-config.test.ts; a dir build has no feed.
    publish: null,
    directories: { ...config.directories, output: join(work, 'out') },
  })
  const { build, Platform } = require('electron-builder') as typeof import('electron-builder')
  await build({
    projectDir: ROOT,
    targets: Platform.LINUX.createTarget('dir'),
    config,
    publish: 'never',
  })
  resources = join(work, 'out/linux-unpacked/resources')
  archive = join(resources, 'app.asar')
})

after(() => rmSync(work, { recursive: true, force: true }))

function sizeOf(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.size
  return readdirSync(path).reduce((sum, entry) => sum + sizeOf(join(path, entry)), 0)
}

/** Package folders (`node_modules/a`, `node_modules/a/node_modules/@s/b`) in archive paths. */
function packageDirs(paths: string[]): Set<string> {
  const dirs = new Set<string>()
  for (const path of paths) {
    const match = /^(.*node_modules\/(?:@[^/]+\/[^/]+|[^@/][^/]*))\//.exec(path)
    if (match) dirs.add(match[1])
  }
  return dirs
}

test('app.asar holds the app and its runtime dependencies, nothing else, within the size budget', () => {
  const files = asar.listPackage(archive, { isPack: false }).map((f) => f.replace(/^\//, ''))
  for (const required of [
    'package.json',
    'out/main/index.js',
    'out/main/event-writer.js',
    'out/main/hook-shim.js',
    'out/main/headless.js',
    'out/preload/index.js',
    'out/renderer/index.html',
  ]) {
    assert.ok(files.includes(required), `${required} is in app.asar`)
  }
  // Every asset the page names is packaged with it.
  const html = asar.extractFile(archive, 'out/renderer/index.html').toString()
  const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map(
    (m) => `out/renderer/${m[1]}`,
  )
  assert.ok(assets.length >= 2, html)
  for (const asset of assets) assert.ok(files.includes(asset), `${asset} is in app.asar`)

  const pkg = JSON.parse(asar.extractFile(archive, 'package.json').toString())
  assert.equal(pkg.name, 'atelier')
  assert.equal(pkg.main, './out/main/index.js')
  assert.equal(pkg.version, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version)

  // No development dependency: every packaged package folder is a production entry of the
  // lockfile at that same path.
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>
  }
  const packaged = packageDirs(files)
  const notProduction = [...packaged].filter((dir) => {
    const entry = lock.packages[dir]
    return !entry || entry.dev || entry.devOptional
  })
  assert.deepEqual(notProduction, [])
  const names = new Set([...packaged].map((dir) => dir.replace(/^.*node_modules\//, '')))
  for (const name of [
    'better-sqlite3',
    'node-pty',
    '@parcel/watcher',
    'electron-updater',
    'zod',
    'ws',
  ])
    assert.ok(names.has(name), `${name} is packaged`)
  for (const dev of [
    'electron',
    'electron-builder',
    'vitest',
    'react',
    'three',
    'typescript',
    'playwright-core',
  ])
    assert.equal(names.has(dev), false, `${dev} is not packaged`)

  // No tests, no sources, no development builds.
  const unwanted = files.filter(
    (f) =>
      /(^|\/)(test|tests|__tests__|specs?)\//.test(f) ||
      /\.(test|spec)\.[cm]?[jt]s$/.test(f) ||
      /\.[cm]?ts$/.test(f) ||
      /^(src|test|scripts)\//.test(f) ||
      /\.map$/.test(f) ||
      f.includes('build-electron'),
  )
  assert.deepEqual(unwanted, [])

  // Native addons cannot load from inside an archive: each one is unpacked, and there.
  const addons = files.filter((f) => f.endsWith('.node'))
  assert.ok(addons.includes('node_modules/better-sqlite3/build/Release/better_sqlite3.node'))
  assert.ok(addons.some((f) => f.startsWith('node_modules/node-pty/')))
  assert.ok(addons.some((f) => f.startsWith('node_modules/@parcel/watcher-')))
  for (const addon of addons) {
    assert.equal((asar.statFile(archive, addon) as { unpacked?: boolean }).unpacked, true, addon)
    assert.ok(existsSync(join(resources, 'app.asar.unpacked', addon)), `${addon} unpacked`)
  }

  // Resources beside the archive: tray icons per state and the window icon.
  for (const state of ['idle', 'working', 'attention'])
    assert.ok(existsSync(join(resources, 'tray', `tray-${state}.png`)), state)
  assert.ok(existsSync(join(resources, 'icons', '512x512.png')))

  const asarBytes = statSync(archive).size
  const unpackedBytes = sizeOf(join(resources, 'app.asar.unpacked'))
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)
  console.log(
    `package size: app.asar ${mb(asarBytes)} MB + app.asar.unpacked ${mb(unpackedBytes)} MB = ${mb(asarBytes + unpackedBytes)} MB (budget ${mb(PACKAGE_BUDGET_BYTES)} MB), ${files.length} entries`,
  )
  assert.ok(asarBytes + unpackedBytes <= PACKAGE_BUDGET_BYTES, 'within the size budget')
})

test('the packaged main bundle starts from inside that layout', async () => {
  // Node cannot read an asar archive, so the archive is extracted to a folder with its name
  // (unpacked files included): every path the app derives stays the packaged one.
  const layout = join(work, 'layout/resources')
  mkdirSync(layout, { recursive: true })
  asar.extractAll(archive, join(layout, 'app.asar'))
  for (const folder of ['tray', 'icons']) symlinkSync(join(resources, folder), join(layout, folder))

  const home = join(work, 'home')
  const userData = join(home, '.config', 'Atelier')
  const seed = await startTestCore({ dataDir: userData })
  await seed.api('settings.update', { hookPort: 0 })
  await seed.close()
  rmSync(join(userData, 'logs'), { recursive: true, force: true })

  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'ELECTRON_RENDERER_URL'].includes(k),
    ),
  )
  const appDir = join(layout, 'app.asar')
  const main = startMain({
    main: join(appDir, 'out/main/index.js'),
    env: { ...env, HOME: home },
    double: {
      packaged: true,
      resourcesPath: layout,
      chromiumPath: CHROMIUM_PATH,
      chromiumArgs: CHROMIUM_ARGS,
    },
  })
  try {
    const window = await main.waitFor('BrowserWindow.new')
    const prefs = (window.data.options as { webPreferences: { preload: string } }).webPreferences
    assert.equal(prefs.preload, join(appDir, 'out/preload/index.js'))
    const loaded = await main.waitFor('webContents.loadURL')
    assert.equal(loaded.data.url, pathToFileURL(join(appDir, 'out/renderer/index.html')).href)
    const tray = await main.waitFor('tray')
    assert.equal(tray.data.image, join(layout, 'tray', 'tray-idle.png'))
    assert.equal(tray.data.imageExists, true)
    // Packaged builds register the deep-link scheme.
    const protocol = await main.waitFor('app.setAsDefaultProtocolClient')
    assert.equal(protocol.data.protocol, 'atelier')
    // The renderer from the layout reaches the core through the packaged preload.
    await main.waitFor('ipc.invoke', (d) => (d.args as unknown[])[0] === 'settings.get')

    // An event goes through the writer thread started from the packaged event-writer.js.
    const port = Number(readFileSync(join(userData, 'port'), 'utf8'))
    const token = readFileSync(join(userData, 'token'), 'utf8').trim()
    const post = (path: string, body: unknown) =>
      fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      })
    const sessionId = 'b7c9e0a2-1111-4222-8333-944455556666'
    const hook = await post('/hooks/claude', {
      session_id: sessionId,
      transcript_path: `/tmp/${sessionId}.jsonl`,
      cwd: '/tmp/packaged',
      hook_event_name: 'UserPromptSubmit',
      prompt: 'hello from the packaged layout',
    })
    assert.equal(hook.status, 200)
    const listed = (await (await post('/api/events.list', { limit: 10 })).json()) as {
      events: { type: string; text?: string }[]
    }
    assert.ok(
      listed.events.some((e) => e.type === 'prompt' && e.text === 'hello from the packaged layout'),
      JSON.stringify(listed.events),
    )

    const log = readFileSync(join(userData, 'logs', 'atelier.log'), 'utf8')
    assert.match(log, /\[shell\] start Atelier/)
    assert.doesNotMatch(log, /writer thread failed|checkpointer thread failed|\[store\]/, log)

    await main.command('app.quit')
    assert.equal((await main.exited).code, 0, main.output())
  } finally {
    await main.stop()
  }
})
