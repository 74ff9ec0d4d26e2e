/** The preload exposes exactly the contract over the two IPC channel names, and stays sandbox-safe. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { IPC_AUDIO, IPC_INVOKE, IPC_PUSH, type AtelierApi } from '../../../src/shared/contract'

const exposed: Record<string, unknown> = {}
const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
const invoke = vi.fn()
const send = vi.fn()
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args),
    send: (...args: unknown[]) => send(...args),
    on: (channel: string, fn: (...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set())
      listeners.get(channel)!.add(fn)
    },
    removeListener: (channel: string, fn: (...args: unknown[]) => void) =>
      listeners.get(channel)?.delete(fn),
  },
}))

const preload = await import('../../../src/preload/index')
const api = exposed.atelier as AtelierApi

describe('preload', () => {
  it('mirrors the contract’s IPC channel names', () => {
    expect(preload.PRELOAD_IPC_INVOKE).toBe(IPC_INVOKE)
    expect(preload.PRELOAD_IPC_PUSH).toBe(IPC_PUSH)
    expect(preload.PRELOAD_IPC_AUDIO).toBe(IPC_AUDIO)
  })

  it('exposes window.atelier with exactly invoke, on and sendAudio', () => {
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on', 'sendAudio'])
  })

  it('sendAudio posts the stream id and the PCM on the audio channel, no reply awaited', () => {
    const pcm = new Int16Array([1, -1, 300]).buffer
    api.sendAudio(7, pcm)
    expect(send).toHaveBeenLastCalledWith(IPC_AUDIO, 7, new Uint8Array(pcm))
  })

  it('invoke resolves data and rejects with the error fields intact', async () => {
    invoke.mockResolvedValueOnce({ ok: true, data: { sessions: [] } })
    await expect(api.invoke('sessions.list', {})).resolves.toEqual({ sessions: [] })
    expect(invoke).toHaveBeenLastCalledWith(IPC_INVOKE, 'sessions.list', {})
    invoke.mockResolvedValueOnce({
      ok: false,
      error: { code: 'not_found', message: 'no such session', field: 'id' },
    })
    await expect(api.invoke('sessions.delete', { id: 'x' })).rejects.toEqual({
      name: 'ApiError',
      code: 'not_found',
      message: 'no such session',
      field: 'id',
    })
  })

  it('on delivers only its stream and unsubscribes', () => {
    const got: unknown[] = []
    const off = api.on('sessions', (p) => got.push(p))
    const emit = (stream: string, data: unknown) =>
      listeners.get(IPC_PUSH)?.forEach((fn) => fn({}, stream, data))
    emit('events', { events: [] })
    emit('sessions', { sessions: [1] })
    off()
    emit('sessions', { sessions: [2] })
    expect(got).toEqual([{ sessions: [1] }])
  })

  it('imports nothing at runtime but electron (a sandboxed preload cannot require npm packages)', () => {
    const source = readFileSync(join(import.meta.dirname, '../../../src/preload/index.ts'), 'utf8')
    const runtimeImports = [...source.matchAll(/^import\s+(?!type\b)[^'"]*['"]([^'"]+)['"]/gm)].map(
      (m) => m[1],
    )
    expect(runtimeImports).toEqual(['electron'])
  })
})
