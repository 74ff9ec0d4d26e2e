/**
 * Which compiled better-sqlite3 addon this process loads. better-sqlite3 talks to V8 directly, so
 * its addon only loads in the runtime whose ABI it was built for: `npm ci` builds it for Node
 * (tests, headless mode, the CLI), and Electron has an ABI of its own. A development desktop
 * keeps a second build for Electron beside the Node one (made by `npm start` / `npm run
 * setup:desktop`, see scripts/desktop/); a process running inside Electron picks that build.
 * Packaged apps have none: packaging rebuilt the package's own addon for Electron, so they use
 * the default one.
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** Folder inside the better-sqlite3 package that holds builds for Electron, one per target. */
export const ELECTRON_BUILDS_DIR = 'build-electron'
export const ADDON_FILE_NAME = 'better_sqlite3.node'

export interface AddonTarget {
  platform: string
  arch: string
  /** NODE_MODULE_VERSION of the runtime (`process.versions.modules`). */
  abi: string
}

/** Where the Electron build for one platform, architecture and ABI lives. */
export function electronAddonFile(packageDir: string, target: AddonTarget): string {
  return join(
    packageDir,
    ELECTRON_BUILDS_DIR,
    `${target.platform}-${target.arch}-abi${target.abi}`,
    ADDON_FILE_NAME,
  )
}

export interface BindingChoiceInput {
  versions: NodeJS.ProcessVersions
  platform: string
  arch: string
  packageDir: string
  exists?: (file: string) => boolean
}

/**
 * The addon file to pass as better-sqlite3's `nativeBinding`, or undefined for the package's
 * default (the Node build, or in a packaged app the one packaging rebuilt for Electron).
 */
export function chooseSqliteAddon(input: BindingChoiceInput): string | undefined {
  if (!input.versions.electron) return undefined
  const file = electronAddonFile(input.packageDir, {
    platform: input.platform,
    arch: input.arch,
    abi: input.versions.modules,
  })
  return (input.exists ?? existsSync)(file) ? file : undefined
}

let resolvedPackageDir: string | undefined
function betterSqlitePackageDir(): string {
  resolvedPackageDir ??= dirname(require.resolve('better-sqlite3/package.json'))
  return resolvedPackageDir
}

/** The choice for this process. */
export function sqliteAddonForThisProcess(): string | undefined {
  return chooseSqliteAddon({
    versions: process.versions,
    platform: process.platform,
    arch: process.arch,
    packageDir: betterSqlitePackageDir(),
  })
}

/**
 * A load failure caused by an addon built for another runtime gets a message that says how to
 * fix it; anything else passes through unchanged.
 */
export function explainAddonLoadError(error: unknown, versions: NodeJS.ProcessVersions): unknown {
  const message = error instanceof Error ? error.message : String(error)
  if (!versions.electron || !/NODE_MODULE_VERSION|was compiled against a different/.test(message))
    return error
  return new Error(
    `better-sqlite3 has no build for Electron ${versions.electron} (ABI ${versions.modules}) ` +
      `here; run \`npm run setup:desktop\` (or \`npm start\`, which builds it). Original error: ${message}`,
    { cause: error },
  )
}
