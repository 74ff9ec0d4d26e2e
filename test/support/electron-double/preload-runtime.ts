/**
 * The page side of the double: what a sandboxed preload finds in Electron's renderer, written as
 * plain JavaScript (it is injected as source text, before any page script, like a preload).
 *
 * - `require('electron')` gives `ipcRenderer` (invoke/send go to the main process's ipcMain
 *   through a Playwright binding; pushes from `webContents.send` arrive through a delivery hook)
 *   and `contextBridge`, whose exposed API copies what crosses it the way Electron's does: values
 *   by structured clone, functions as proxies, Errors as a bare message.
 * - Only `electron` can be required, as in a sandboxed preload; anything else fails.
 *
 * Unlike Electron, the preload runs in the page's main world (there is no isolated world here).
 */
const RUNTIME_HEAD = String.raw`
(() => {
  const ipc = window.__electronDoubleIpc
  const reportPreloadError = window.__electronDoublePreloadError
  delete window.__electronDoubleIpc
  delete window.__electronDoublePreloadError
  // Electron runs a window's preload in its top frame only (nodeIntegrationInSubFrames is off).
  if (window.top !== window) return
  const listeners = new Map()
  const ipcRenderer = {
    invoke: (channel, ...args) => ipc('invoke', channel, structuredClone(args)),
    send: (channel, ...args) => void ipc('send', channel, structuredClone(args)),
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set())
      listeners.get(channel).add(listener)
      return ipcRenderer
    },
    once(channel, listener) {
      const once = (...args) => {
        ipcRenderer.removeListener(channel, once)
        listener(...args)
      }
      return ipcRenderer.on(channel, once)
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener)
      return ipcRenderer
    },
    off: (channel, listener) => ipcRenderer.removeListener(channel, listener),
    removeAllListeners(channel) {
      if (channel === undefined) listeners.clear()
      else listeners.delete(channel)
      return ipcRenderer
    },
  }
  Object.defineProperty(window, '__electronDoubleDeliver', {
    value: (channel, args) => {
      for (const listener of [...(listeners.get(channel) ?? [])]) {
        listener({ sender: ipcRenderer, senderId: 0 }, ...structuredClone(args))
      }
    },
  })

  const copyOut = (value) => {
    if (typeof value === 'function') return (...args) => crossBack(value(...args.map(copyIn)))
    if (value instanceof Error) return new Error(value.message)
    if (value && typeof value === 'object' && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer)) {
      const copy = Array.isArray(value) ? [] : {}
      for (const key of Object.keys(value)) copy[key] = copyOut(value[key])
      return copy
    }
    return value === undefined ? undefined : structuredClone(value)
  }
  const copyIn = (value) =>
    typeof value === 'function' ? (...args) => value(...args.map(copyOut)) : copyOut(value)
  const crossBack = (result) =>
    result instanceof Promise
      ? result.then(copyOut, (error) => Promise.reject(copyOut(error)))
      : copyOut(result)
  const contextBridge = {
    exposeInMainWorld(key, api) {
      if (key in window) throw new Error('Cannot bind an API on top of an existing property on the window object')
      Object.defineProperty(window, key, { value: Object.freeze(copyOut(api)), enumerable: true })
    },
  }
  const electron = { ipcRenderer, contextBridge }
  const require = (name) => {
    if (name === 'electron' || name === 'electron/renderer') return electron
    throw new Error('module not found: ' + name)
  }
  const process = { platform: 'linux', type: 'renderer', sandboxed: true, contextIsolated: true, env: {}, argv: [] }
  const module = { exports: {} }
  try {
    ;(function (require, module, exports, process) {
`
const RUNTIME_TAIL = String.raw`
    })(require, module, module.exports, process)
  } catch (error) {
    reportPreloadError(String(error && error.stack || error))
  }
})()
`

/** The init script for a page whose preload has the given source. */
export function preloadScript(preloadSource: string): string {
  return `${RUNTIME_HEAD}${preloadSource}\n${RUNTIME_TAIL}`
}
