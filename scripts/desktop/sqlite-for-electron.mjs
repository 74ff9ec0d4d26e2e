/**
 * A second build of better-sqlite3's addon for Electron's ABI, kept beside the Node one.
 *
 * `npm ci` builds the addon for Node (the tests and headless mode need that one). Electron has its
 * own NODE_MODULE_VERSION (the electron package's `abi_version`), so the desktop app needs a
 * separate build: it goes to node_modules/better-sqlite3/build-electron/<platform>-<arch>-abi<N>/,
 * where the core finds it when it runs inside Electron (src/main/core/store/sqlite-binding.ts).
 *
 * The package's sources are compiled in a staging copy, so the Node build is never touched (an
 * Electron rebuild in place deletes it when it fails). node-gyp is told the target explicitly and
 * every npm_config_* variable that would override it is removed: npm exports `nodedir` from an
 * .npmrc, and with it node-gyp silently compiles against Node's headers while labelling the result
 * as Electron's. The result is checked: its module-registration symbol must name the target ABI.
 */
import { spawnSync } from 'node:child_process'
import {
  closeSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'

/** Where Electron's release headers are published (the same place Electron's own rebuild uses). */
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers'
const BUILDS_DIR = 'build-electron'
const ADDON_FILE_NAME = 'better_sqlite3.node'
/** Sources node-gyp needs from the package (its binding.gyp includes deps/*.gyp). */
const SOURCES = ['binding.gyp', 'src', 'deps']
/** npm configuration that node-gyp reads from the environment: it would change the target, or
 * (loglevel, which the repo .npmrc silences) hide why a build failed. */
const TARGET_OVERRIDES =
  /^npm_config_(nodedir|target|target_arch|arch|runtime|disturl|dist_url|devdir|build_from_source|loglevel)$/i

/** Same layout as the core's `electronAddonFile`. */
export function electronAddonFile(packageDir, { platform, arch, abi }) {
  return join(packageDir, BUILDS_DIR, `${platform}-${arch}-abi${abi}`, ADDON_FILE_NAME)
}

/**
 * The ABI a compiled addon was built for, read from its module-registration symbol
 * (`node_register_module_v<ABI>`), or null when it has none.
 */
export function addonAbi(file) {
  const match = /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'))
  return match ? match[1] : null
}

/** Everything about the build, decided before anything runs. */
export function sqliteBuildPlan({
  root,
  electron,
  platform = process.platform,
  arch = process.arch,
  env = process.env,
  home = homedir(),
}) {
  const require = createRequire(join(root, 'package.json'))
  const packageDir = dirname(require.resolve('better-sqlite3/package.json'))
  const addonFile = electronAddonFile(packageDir, { platform, arch, abi: electron.abi })
  const buildEnv = Object.fromEntries(
    Object.entries(env).filter(([key]) => !TARGET_OVERRIDES.test(key)),
  )
  return {
    packageDir,
    addonFile,
    abi: electron.abi,
    stagingDir: join(packageDir, BUILDS_DIR, `.staging-${platform}-${arch}-abi${electron.abi}`),
    logFile: join(packageDir, BUILDS_DIR, `${platform}-${arch}-abi${electron.abi}.log`),
    command: process.execPath,
    args: [
      require.resolve('node-gyp/bin/node-gyp.js'),
      'rebuild',
      '--release',
      `--target=${electron.version}`,
      `--arch=${arch}`,
      `--dist-url=${ELECTRON_HEADERS_URL}`,
      // Electron's headers are cached apart from Node's, where Electron's own tooling keeps them.
      `--devdir=${join(home, '.electron-gyp')}`,
    ],
    env: buildEnv,
  }
}

/**
 * One line saying why node-gyp failed: the error it reports (its "stack" lines before the first
 * frame), plus the URL it was fetching when the failure was a download.
 */
export function nodeGypFailure(log) {
  const lines = log.split('\n').map((l) => l.trim())
  const stack = lines
    .filter((l) => l.startsWith('gyp ERR! stack '))
    .map((l) => l.slice('gyp ERR! stack '.length).trim())
  const firstFrame = stack.findIndex((l) => l.startsWith('at '))
  const message = (firstFrame === -1 ? stack : stack.slice(0, firstFrame))
    .join(' ')
    .replace(/^Error: /, '')
  const fetched = lines.filter((l) => l.startsWith('gyp http GET ')).at(-1)
  const reason =
    message ||
    lines
      .filter((l) => l.startsWith('gyp ERR! '))
      .at(0)
      ?.slice(9) ||
    'no error output'
  return fetched ? `${reason} (while fetching ${fetched.slice('gyp http GET '.length)})` : reason
}

/** Builds the addon per `plan`; returns `{ ok: true }` or `{ ok: false, reason }`. */
export function buildSqliteForElectron(plan) {
  rmSync(plan.stagingDir, { recursive: true, force: true })
  mkdirSync(plan.stagingDir, { recursive: true })
  for (const entry of SOURCES) {
    cpSync(join(plan.packageDir, entry), join(plan.stagingDir, entry), { recursive: true })
  }
  const log = openSync(plan.logFile, 'w')
  let result
  try {
    result = spawnSync(plan.command, plan.args, {
      cwd: plan.stagingDir,
      env: plan.env,
      stdio: ['ignore', log, log],
    })
  } finally {
    closeSync(log)
  }
  try {
    const built = join(plan.stagingDir, 'build', 'Release', ADDON_FILE_NAME)
    if (result.error)
      return { ok: false, reason: `node-gyp did not start: ${result.error.message}` }
    if (result.status !== 0 || !existsSync(built)) {
      return {
        ok: false,
        reason: `node-gyp failed: ${nodeGypFailure(readFileSync(plan.logFile, 'utf8'))} (log: ${plan.logFile})`,
      }
    }
    const abi = addonAbi(built)
    if (abi !== plan.abi) {
      return {
        ok: false,
        reason: `the build came out for ABI ${abi ?? 'unknown'}, not Electron's ${plan.abi}; it was not installed (log: ${plan.logFile})`,
      }
    }
    mkdirSync(dirname(plan.addonFile), { recursive: true })
    const partial = `${plan.addonFile}.partial`
    copyFileSync(built, partial)
    renameSync(partial, plan.addonFile)
    return { ok: true }
  } finally {
    rmSync(plan.stagingDir, { recursive: true, force: true })
  }
}

/**
 * Makes sure the Electron build exists and is for the right ABI, building it when it does not.
 * `progress` gets one line before a build and one after.
 */
export function ensureSqliteForElectron(root, electron, { env, progress = () => {} } = {}) {
  const plan = sqliteBuildPlan({ root, electron, env })
  if (existsSync(plan.addonFile) && addonAbi(plan.addonFile) === plan.abi) {
    return { ok: true, addonFile: plan.addonFile }
  }
  progress(
    `Building SQLite for Electron ${electron.version} (ABI ${electron.abi}; first desktop start only, about a minute)…`,
  )
  const startedAt = Date.now()
  const result = buildSqliteForElectron(plan)
  if (!result.ok)
    return { ok: false, reason: `SQLite could not be built for Electron: ${result.reason}` }
  progress(`SQLite for Electron built in ${Math.round((Date.now() - startedAt) / 1000)} s.`)
  return { ok: true, addonFile: plan.addonFile }
}
