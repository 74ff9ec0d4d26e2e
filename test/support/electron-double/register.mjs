/**
 * Turns a Node process into a stand-in for Electron's main process, before the app's code loads
 * (`node --import tsx --import <this file> out/main/index.js`; see ./harness.ts):
 *
 * - `require('electron')` returns the double (./electron.ts);
 * - `process` carries what Electron's does: `versions.electron` / `versions.chrome`, `type`, and
 *   `resourcesPath` for a packaged app;
 * - native addons obey Electron's rule: an addon compiled against V8's ABI loads only when it was
 *   built for this runtime's NODE_MODULE_VERSION (N-API addons load anywhere), so a main process
 *   that loads an addon built for another runtime fails here as it fails in Electron.
 *
 * Plain JavaScript: it also runs first in the app's worker threads (they inherit --import), before
 * any TypeScript loader is ready there.
 */
import Module from 'node:module'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isMainThread } from 'node:worker_threads'

const raw = process.env.ELECTRON_DOUBLE_OPTIONS
if (!raw)
  throw new Error('ELECTRON_DOUBLE_OPTIONS is not set: start the process through the harness')
const options = JSON.parse(raw)

Object.defineProperty(process, 'versions', {
  value: { ...process.versions, electron: options.electronVersion, chrome: options.chromeVersion },
  enumerable: true,
  configurable: true,
})
Object.defineProperty(process, 'type', {
  value: isMainThread ? 'browser' : 'worker',
  enumerable: true,
})
if (options.resourcesPath) {
  Object.defineProperty(process, 'resourcesPath', {
    value: options.resourcesPath,
    enumerable: true,
  })
}

/** The NODE_MODULE_VERSION an addon was compiled for, or null for an N-API addon. */
function addonModuleVersion(file) {
  const match = /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'))
  return match ? match[1] : null
}

const doubleEntry = join(import.meta.dirname, 'electron.ts')
const resolve = Module._resolveFilename
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === 'electron' || request === 'electron/main') return doubleEntry
  return resolve.call(this, request, parent, ...rest)
}

const loadAddon = Module._extensions['.node']
Module._extensions['.node'] = function (module, filename) {
  const built = addonModuleVersion(filename)
  const running = process.versions.modules
  if (built !== null && built !== running) {
    // The message Node (and so Electron) gives for this mismatch.
    throw new Error(
      `The module '${filename}'\nwas compiled against a different Node.js version using\n` +
        `NODE_MODULE_VERSION ${built}. This version of Node.js requires\n` +
        `NODE_MODULE_VERSION ${running}. Please try re-compiling or re-installing\n` +
        'the module (for instance, using `npm rebuild` or `npm install`).',
    )
  }
  return loadAddon.call(this, module, filename)
}
