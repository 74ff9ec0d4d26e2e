/**
 * `npm start` on a desktop, run against throwaway copies of the app folder (support/app-root.ts):
 *
 * - with a stand-in Electron distribution (ELECTRON_OVERRIDE_DIST_PATH) it first asks for a
 *   better-sqlite3 build for the ABI in electron/abi_version (node-gyp stand-in: the command, its
 *   target and environment are recorded), installs it beside the Node build, then launches the
 *   stand-in with the app folder; the second start reuses the build;
 * - a build that comes out for Node's ABI (the classic rebuild trap) is refused;
 * - with no Electron binary and no network, Electron's own installer is run, fails, and the app
 *   starts headless after one line of reason;
 * - a core that believes it runs in Electron loads the Electron build, not the Node one.
 *
 * The real node-gyp cannot be run to the end here: Electron's headers are downloaded from the
 * internet, which this machine cannot reach (see the README).
 */
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  copyFileSync,
  mkdirSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { ROOT } from './support/headless'
import { makeAppRoot, type AppRoot } from './support/app-root'
import {
  ELECTRON_RECORD_ENV,
  GYP_MODE_ENV,
  GYP_RECORD_ENV,
  electronDistStandIn,
  nodeGypStandIn,
  readCalls,
} from './support/stand-ins'

const START_TIMEOUT_MS = 60_000
const NODE_ADDON = join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')
const URL_LINE = /^Atelier listening on http:\/\/127\.0\.0\.1:\d+\/\?ticket=[a-f0-9]{64}$/

const cleanups: (() => void)[] = []
after(() => cleanups.forEach((c) => c()))

function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

function appRoot(): AppRoot {
  const root = makeAppRoot()
  cleanups.push(() => root.remove())
  root.standInPackage('node-gyp', nodeGypStandIn(NODE_ADDON))
  return root
}

/** The environment of a developer's shell: npm's .npmrc export included (the ABI trap). */
function desktopEnv(home: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, npm_config_nodedir: '/usr' }
  for (const key of Object.keys(env)) if (/^ELECTRON_/.test(key)) delete env[key]
  return {
    ...env,
    electron_config_cache: join(home, 'electron-cache'),
    ELECTRON_GET_NO_PROGRESS: '1',
    ...extra,
  }
}

interface StartResult {
  code: number | null
  stderr: string[]
  /** What the start script itself said before headless mode took over stderr. */
  said: string[]
  /** The first stdout line when headless mode started (the run is then stopped). */
  urlLine?: string
}

/** Runs `npm start`'s script until it exits, or until headless mode prints its URL. */
function start(
  root: string,
  env: NodeJS.ProcessEnv,
  args: string[] = [],
  wrapper: string[] = [],
): Promise<StartResult> {
  const command = [...wrapper, process.execPath, join(root, 'scripts/start.mjs'), ...args]
  const child = spawn(command[0], command.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (b) => (stderr += String(b)))
  let urlLine: string | undefined
  createInterface({ input: child.stdout }).once('line', (line) => {
    urlLine = line
    child.kill('SIGTERM')
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`start did not finish:\n${stderr}`))
    }, START_TIMEOUT_MS)
    child.once('exit', (code) => {
      clearTimeout(timer)
      const lines = stderr.split('\n').filter(Boolean)
      const fallback = lines.findIndex((l) =>
        l.endsWith('starting headless mode — open the URL below.'),
      )
      resolve({
        code,
        urlLine,
        stderr: lines,
        said: fallback === -1 ? lines : lines.slice(0, fallback + 1),
      })
    })
  })
}

test('a stand-in Electron is launched with the app folder after SQLite is built for abi_version', async () => {
  const root = appRoot()
  const home = scratch('atelier-home-')
  // The ABI comes from the electron package's abi_version, whatever Node's is.
  writeFileSync(join(root.nodeModules, 'electron/abi_version'), '987\n')
  const electron = electronDistStandIn(join(home, 'electron-dist'))
  const env = desktopEnv(home, {
    ELECTRON_OVERRIDE_DIST_PATH: join(home, 'electron-dist'),
    [ELECTRON_RECORD_ENV]: join(home, 'electron.jsonl'),
    [GYP_RECORD_ENV]: join(home, 'gyp.jsonl'),
    [GYP_MODE_ENV]: 'electron-abi',
    ATELIER_TEST_GYP_ABI: '987',
  })

  const first = await start(root.dir, env)
  assert.equal(first.code, 0, first.stderr.join('\n'))
  assert.equal(first.urlLine, undefined, 'no headless fallback')

  // Before launching: one build, for Electron's version and ABI, from a staging copy.
  const [gyp, ...moreBuilds] = readCalls(join(home, 'gyp.jsonl'))
  assert.equal(moreBuilds.length, 0)
  assert.deepEqual(gyp.argv, [
    'rebuild',
    '--release',
    '--target=45.5.0',
    `--arch=${process.arch}`,
    '--dist-url=https://electronjs.org/headers',
    `--devdir=${join(home, '.electron-gyp')}`,
  ])
  const sqliteDir = join(root.nodeModules, 'better-sqlite3')
  assert.equal(
    gyp.cwd,
    join(sqliteDir, `build-electron/.staging-${process.platform}-${process.arch}-abi987`),
  )
  assert.equal(gyp.env.npm_config_nodedir, undefined, 'npm’s nodedir would build against Node')
  assert.match(first.stderr.join('\n'), /Building SQLite for Electron 45\.5\.0 \(ABI 987/)
  const addon = join(
    sqliteDir,
    `build-electron/${process.platform}-${process.arch}-abi987/better_sqlite3.node`,
  )
  assert.match(readFileSync(addon, 'latin1'), /node_register_module_v987/)
  assert.equal(existsSync(gyp.cwd), false, 'staging copy removed')
  assert.ok(existsSync(join(sqliteDir, 'build/Release/better_sqlite3.node')), 'Node build kept')

  // Then the stand-in Electron, given the app folder.
  const [launch, ...moreLaunches] = readCalls(join(home, 'electron.jsonl'))
  assert.equal(moreLaunches.length, 0)
  assert.deepEqual(launch.argv, [root.dir])
  assert.equal(launch.env.ELECTRON_OVERRIDE_DIST_PATH, join(home, 'electron-dist'))
  assert.ok(existsSync(electron))

  // The second start reuses the build and passes its arguments on.
  const second = await start(root.dir, env, ['--hidden'])
  assert.equal(second.code, 0, second.stderr.join('\n'))
  assert.equal(readCalls(join(home, 'gyp.jsonl')).length, 1)
  assert.deepEqual(readCalls(join(home, 'electron.jsonl'))[1].argv, [root.dir, '--hidden'])
  assert.deepEqual(second.stderr, [])
})

test('a build that came out for Node’s ABI is refused, and the app starts headless', async () => {
  const root = appRoot()
  const home = scratch('atelier-home-')
  electronDistStandIn(join(home, 'electron-dist'))
  const env = desktopEnv(home, {
    ELECTRON_OVERRIDE_DIST_PATH: join(home, 'electron-dist'),
    [ELECTRON_RECORD_ENV]: join(home, 'electron.jsonl'),
    [GYP_RECORD_ENV]: join(home, 'gyp.jsonl'),
    [GYP_MODE_ENV]: 'node-abi',
  })
  const result = await start(root.dir, env, ['--port', '0', '--data-dir', scratch('atelier-data-')])
  assert.match(result.urlLine ?? '', URL_LINE)
  assert.equal(result.said.length, 2, result.stderr.join('\n'))
  assert.match(result.said[0], /^Building SQLite for Electron/)
  assert.match(
    result.said[1],
    new RegExp(
      `^SQLite could not be built for Electron: the build came out for ABI ${process.versions.modules}, not Electron's 150; it was not installed .*; starting headless mode — open the URL below\\.$`,
    ),
  )
  assert.equal(readCalls(join(home, 'electron.jsonl')).length, 0, 'Electron not launched')
  assert.deepEqual(readdirSync(join(root.nodeModules, 'better-sqlite3/build-electron')), [
    `${process.platform}-${process.arch}-abi150.log`,
  ])
})

test('when the headers cannot be fetched, the reason is node-gyp’s, in one line', async () => {
  const root = appRoot()
  const home = scratch('atelier-home-')
  electronDistStandIn(join(home, 'electron-dist'))
  const env = desktopEnv(home, {
    ELECTRON_OVERRIDE_DIST_PATH: join(home, 'electron-dist'),
    [ELECTRON_RECORD_ENV]: join(home, 'electron.jsonl'),
    [GYP_RECORD_ENV]: join(home, 'gyp.jsonl'),
    [GYP_MODE_ENV]: 'headers-unreachable',
  })
  const result = await start(root.dir, env, ['--port', '0', '--data-dir', scratch('atelier-data-')])
  assert.match(result.urlLine ?? '', URL_LINE)
  assert.equal(result.said.length, 2, result.stderr.join('\n'))
  assert.match(
    result.said[1],
    /^SQLite could not be built for Electron: node-gyp failed: getaddrinfo ENOTFOUND electronjs\.org \(while fetching https:\/\/electronjs\.org\/headers\/v45\.5\.0\/node-v45\.5\.0-headers\.tar\.gz\) \(log: .*\.log\); starting headless mode — open the URL below\.$/,
  )
})

test('with no Electron binary and no network, Electron’s installer fails and the app starts headless', async () => {
  const unshare = spawnSync('unshare', ['--net', 'true'])
  assert.equal(unshare.status, 0, `unshare --net needs root: ${unshare.stderr}`)
  const root = appRoot()
  const home = scratch('atelier-home-')
  const env = desktopEnv(home, {})
  const electronDir = join(root.nodeModules, 'electron')
  assert.equal(existsSync(join(electronDir, 'path.txt')), false)

  // A network namespace with only loopback (up, for headless mode's own port).
  const result = await start(
    root.dir,
    env,
    ['--port', '0', '--data-dir', scratch('atelier-data-')],
    ['unshare', '--net', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh'],
  )
  assert.match(result.urlLine ?? '', URL_LINE, result.stderr.join('\n'))
  assert.deepEqual(result.said, [
    'Downloading Electron 45.5.0 (first desktop start only)…',
    'Electron 45.5.0 could not be downloaded (TypeError: fetch failed); starting headless mode — open the URL below.',
  ])
  assert.equal(existsSync(join(electronDir, 'path.txt')), false)
  assert.equal(existsSync(join(electronDir, 'dist')), false)
})

test('a core that runs inside Electron loads the Electron build of better-sqlite3, not the Node one', async () => {
  const root = appRoot()
  const dataDir = scratch('atelier-data-')
  const sqliteDir = join(root.nodeModules, 'better-sqlite3')
  // Under Node the "Electron" build must load, so it is a copy of the Node build, filed under
  // the ABI this process reports.
  const abi = process.versions.modules
  const electronBuild = join(
    sqliteDir,
    `build-electron/${process.platform}-${process.arch}-abi${abi}`,
  )
  mkdirSync(electronBuild, { recursive: true })
  copyFileSync(NODE_ADDON, join(electronBuild, 'better_sqlite3.node'))
  const asElectron = join(scratch('atelier-preload-'), 'as-electron.cjs')
  writeFileSync(
    asElectron,
    "Object.defineProperty(process, 'versions', { value: { ...process.versions, electron: '45.5.0' }, enumerable: true })\n",
  )

  const run = (preload: string[]) => {
    const child = spawn(
      process.execPath,
      [...preload, join(root.dir, 'out/main/headless.js'), '--port', '0', '--data-dir', dataDir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stderr = ''
    child.stderr.on('data', (b) => (stderr += String(b)))
    return new Promise<string[]>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`core exited ${code}:\n${stderr}`)))
      createInterface({ input: child.stdout }).once('line', (line) => {
        assert.match(line, URL_LINE)
        // The core has opened its database on the main and writer threads by now.
        const maps = readFileSync(`/proc/${child.pid}/maps`, 'utf8')
        const addons = [
          ...new Set(
            maps
              .split('\n')
              .filter((l) => l.endsWith('better_sqlite3.node'))
              .map((l) => l.split(/\s+/).at(-1)!),
          ),
        ]
        child.removeAllListeners('exit')
        child.once('exit', () => resolve(addons))
        child.kill('SIGTERM')
      })
    })
  }

  assert.deepEqual(await run(['--require', asElectron]), [
    join(electronBuild, 'better_sqlite3.node'),
  ])
  // Without Electron in process.versions, the same app loads the Node build.
  assert.deepEqual(await run([]), [NODE_ADDON])
})
