/**
 * Finds the Electron executable for `npm start`, downloading it first when it is missing.
 *
 * electron ≥ 42 has no install script: its package fetches the binary the first time
 * `require('electron')` runs (index.js → install.js, through @electron/get). That download is
 * triggered here explicitly, with Electron's own installer, so that its output goes to stderr
 * (stdout stays free for headless mode's URL line) and a failure comes back as one line of
 * reason instead of an exception. Every setting @electron/get reads (ELECTRON_MIRROR,
 * electron_config_cache, proxies) works as usual.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** The electron package installed for the app at `root`. */
export function electronPackage(root) {
  const require = createRequire(join(root, 'package.json'))
  const dir = dirname(require.resolve('electron/package.json'))
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  return {
    dir,
    version,
    /** NODE_MODULE_VERSION of this Electron, which native addons must be built for. */
    abi: readFileSync(join(dir, 'abi_version'), 'utf8').trim(),
    /** What `require('electron')` returns under Node: the executable's path. */
    executablePath: () => require('electron'),
  }
}

/** Installed means what electron's index.js checks: path.txt names a file that exists. */
function installedExecutable(pkg) {
  const pathFile = join(pkg.dir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const file = join(pkg.dir, 'dist', readFileSync(pathFile, 'utf8'))
  return existsSync(file) ? file : null
}

/** The first line of an installer's output that says what went wrong. */
export function firstErrorLine(output) {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  return (
    lines.find(
      (l) => /error|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|failed/i.test(l) && !/^at /.test(l),
    ) ??
    lines[0] ??
    'no output'
  )
}

/**
 * Returns `{ ok: true, executable, pkg }` or `{ ok: false, reason }`; `progress` gets one line
 * before a download starts.
 */
export function ensureElectron(root, { env = process.env, progress = () => {} } = {}) {
  const pkg = electronPackage(root)
  // A distribution chosen by the developer is used as it is; nothing is downloaded.
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const executable = pkg.executablePath()
    return existsSync(executable)
      ? { ok: true, executable, pkg }
      : {
          ok: false,
          reason: `ELECTRON_OVERRIDE_DIST_PATH names no Electron executable (${executable})`,
        }
  }
  if (installedExecutable(pkg)) return { ok: true, executable: pkg.executablePath(), pkg }
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    return {
      ok: false,
      reason: 'the Electron binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set',
    }
  }
  progress(`Downloading Electron ${pkg.version} (first desktop start only)…`)
  const result = spawnSync(process.execPath, [join(pkg.dir, 'install.js')], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const executable = installedExecutable(pkg)
  if (result.status !== 0 || !executable) {
    const output = `${result.stderr ?? ''}\n${result.stdout ?? ''}`
    return {
      ok: false,
      reason: `Electron ${pkg.version} could not be downloaded (${result.error ? result.error.message : firstErrorLine(output)})`,
    }
  }
  return { ok: true, executable, pkg }
}
