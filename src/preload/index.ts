/**
 * The renderer's only door to the app: `window.atelier`, exactly the contract's `AtelierApi`.
 * Runs sandboxed, so it may import nothing at runtime but `electron` (electron-vite leaves npm
 * dependencies such as zod external, and a sandboxed preload cannot require them); contract
 * imports are type-only and the two channel names are mirrored below (a test keeps them equal).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { ApiErrorBody, AtelierApi } from '@shared/contract'

/** Mirror IPC_INVOKE / IPC_PUSH / IPC_AUDIO in src/shared/contract (checked by test/node/desktop/preload.test.ts). */
export const PRELOAD_IPC_INVOKE = 'atelier:invoke'
export const PRELOAD_IPC_PUSH = 'atelier:push'
export const PRELOAD_IPC_AUDIO = 'atelier:audio'

type InvokeResult = { ok: true; data: unknown } | { ok: false; error: ApiErrorBody }

/**
 * Failures reject with a plain `{ name: 'ApiError', code, message, field? }` object, not an Error:
 * contextBridge copies Error objects without their custom properties, which would lose `code`
 * and `field`; plain objects cross intact. `ApiErrorSchema.safeParse(reason)` reads it back.
 */
function rejection(body: ApiErrorBody): ApiErrorBody & { name: 'ApiError' } {
  return { name: 'ApiError', ...body }
}

const api: AtelierApi = {
  async invoke(channel, request) {
    const result = (await ipcRenderer.invoke(PRELOAD_IPC_INVOKE, channel, request)) as InvokeResult
    if (result.ok) return result.data as never
    throw rejection(result.error)
  },
  on(stream, listener) {
    const handler = (_event: IpcRendererEvent, name: unknown, data: unknown): void => {
      if (name === stream) listener(data as never)
    }
    ipcRenderer.on(PRELOAD_IPC_PUSH, handler)
    return () => {
      ipcRenderer.removeListener(PRELOAD_IPC_PUSH, handler)
    }
  },
  sendAudio(streamId, pcm) {
    // Fire and forget: a 50 ms chunk every 50 ms needs no round trip. A typed array crosses IPC
    // as bytes by structured clone (no JSON, no base64).
    ipcRenderer.send(PRELOAD_IPC_AUDIO, streamId, new Uint8Array(pcm))
  },
}

contextBridge.exposeInMainWorld('atelier', api)
