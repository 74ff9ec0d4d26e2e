/**
 * A throwaway copy of the app's folder for tests that change what is installed (the Electron
 * package, better-sqlite3's builds, node-gyp) without touching the repo's node_modules.
 *
 * The scripts and the built main bundles are copied, so every path they derive from their own
 * location points into the copy; everything else is a symlink into the repo. node_modules is a
 * folder of symlinks, except for the packages a test replaces: `electron` is a copy of the npm
 * package (no binary, no path.txt: as a fresh `npm ci` leaves it), `better-sqlite3` is a folder
 * whose package.json is a copy (so the package resolves to the copy) and whose other entries
 * link to the repo's, and any package can be swapped for a stand-in.
 */
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './headless'

const ELECTRON_PACKAGE_FILES = [
  'package.json',
  'index.js',
  'install.js',
  'cli.js',
  'abi_version',
  'checksums.json',
]

export interface AppRoot {
  dir: string
  nodeModules: string
  /** better-sqlite3's folder in the copy. */
  sqliteDir: string
  /** Replaces a package with the given files (path → contents). */
  standInPackage(name: string, files: Record<string, string>): void
  remove(): void
}

export function makeAppRoot(prefix = 'atelier-root-'): AppRoot {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'))
  cpSync(join(ROOT, 'scripts'), join(dir, 'scripts'), { recursive: true })
  symlinkSync(join(ROOT, 'src'), join(dir, 'src'))
  symlinkSync(join(ROOT, 'resources'), join(dir, 'resources'))
  // out/main is copied so that `require` inside the bundles resolves from the copy.
  mkdirSync(join(dir, 'out'))
  cpSync(join(ROOT, 'out/main'), join(dir, 'out/main'), { recursive: true })
  for (const entry of ['preload', 'renderer']) {
    symlinkSync(join(ROOT, 'out', entry), join(dir, 'out', entry))
  }

  const nodeModules = join(dir, 'node_modules')
  const repoModules = join(ROOT, 'node_modules')
  const own = new Set(['electron', 'better-sqlite3'])
  mkdirSync(nodeModules)
  for (const entry of readdirSync(repoModules)) {
    if (!own.has(entry)) symlinkSync(join(repoModules, entry), join(nodeModules, entry))
  }
  const electron = join(nodeModules, 'electron')
  mkdirSync(electron)
  for (const file of ELECTRON_PACKAGE_FILES) {
    copyFileSync(join(repoModules, 'electron', file), join(electron, file))
  }
  symlinkSync(join(repoModules, 'electron/node_modules'), join(electron, 'node_modules'))
  const sqlite = join(nodeModules, 'better-sqlite3')
  mkdirSync(sqlite)
  // package.json and lib/ are copied: Node resolves the package, and `bindings` finds the
  // default build, from their real paths.
  for (const entry of readdirSync(join(repoModules, 'better-sqlite3'))) {
    if (entry === 'lib')
      cpSync(join(repoModules, 'better-sqlite3/lib'), join(sqlite, 'lib'), { recursive: true })
    else if (entry === 'package.json')
      copyFileSync(join(repoModules, 'better-sqlite3', entry), join(sqlite, entry))
    else if (entry !== 'build-electron')
      symlinkSync(join(repoModules, 'better-sqlite3', entry), join(sqlite, entry))
  }

  return {
    dir,
    nodeModules,
    sqliteDir: sqlite,
    standInPackage(name, files) {
      const pkg = join(nodeModules, name)
      rmSync(pkg, { recursive: true, force: true })
      for (const [path, contents] of Object.entries(files)) {
        mkdirSync(join(pkg, path, '..'), { recursive: true })
        writeFileSync(join(pkg, path), contents, { mode: 0o755 })
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
