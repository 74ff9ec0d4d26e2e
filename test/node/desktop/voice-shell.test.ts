/** The desktop shell's part of voice: the audio IPC route, the keychain cipher, the mic permission. */
import { describe, expect, it, vi } from 'vitest'

// navigation.ts reaches shell.openExternal through the external chokepoint; none is called here.
vi.mock('electron', () => ({ shell: {} }))
import { IPC_AUDIO } from '../../../src/shared/contract'
import type { SenderInfo } from '../../../src/main/shell/ipc'
import { isAllowedPermission } from '../../../src/main/shell/navigation'
import {
  audioBytes,
  createAudioRoute,
  keychainCipher,
  registerAudioRoute,
} from '../../../src/main/shell/voice'

const APP = 'file:///opt/Atelier/out/renderer/index.html'
const trusted: SenderInfo = { senderFrame: { url: APP, parent: null }, sender: { id: 3 } }

describe('audio IPC route', () => {
  it('forwards PCM from the app window with its client id, drops everything else', () => {
    const onAudio = vi.fn()
    const onRejected = vi.fn()
    const route = createAudioRoute({ isAppRendererUrl: (u) => u === APP, onAudio, onRejected })
    const pcm = new Uint8Array([1, 0, 2, 0])
    route(trusted, 5, pcm)
    expect(onAudio).toHaveBeenCalledWith('electron:3', 5, pcm)
    route(
      { senderFrame: { url: 'https://evil.example/', parent: null }, sender: { id: 4 } },
      5,
      pcm,
    )
    expect(onRejected).toHaveBeenCalledWith('https://evil.example/')
    route({ senderFrame: { url: APP, parent: {} }, sender: { id: 3 } }, 5, pcm) // an iframe
    route(trusted, 'x', pcm)
    route(trusted, 5, new Uint8Array([1, 2, 3])) // odd length
    route(trusted, 5, 'not bytes')
    route(trusted, 5, new Uint8Array(64 * 1024 + 2)) // over the frame limit
    expect(onAudio).toHaveBeenCalledTimes(1)
  })

  it('accepts ArrayBuffers and views on part of a buffer', () => {
    const buf = new Uint8Array([9, 9, 1, 0, 2, 0, 9]).buffer
    expect(audioBytes(new Uint8Array(buf, 2, 4))).toEqual(new Uint8Array([1, 0, 2, 0]))
    expect(audioBytes(new Uint8Array([1, 0]).buffer)).toEqual(new Uint8Array([1, 0]))
  })

  it('registers one listener on the audio channel and removes it', () => {
    const on = vi.fn()
    const removeListener = vi.fn()
    const off = registerAudioRoute({ on, removeListener } as never, vi.fn())
    expect(on).toHaveBeenCalledWith(IPC_AUDIO, expect.any(Function))
    off()
    expect(removeListener).toHaveBeenCalledWith(IPC_AUDIO, on.mock.calls[0][1])
  })
})

describe('keychain cipher from safeStorage', () => {
  const storage = (available: boolean, backend: string) => ({
    isAsyncEncryptionAvailable: async () => available,
    getSelectedStorageBackend: () => backend as never,
    encryptStringAsync: async (s: string) => Buffer.from(`enc:${s}`),
    decryptStringAsync: async (b: Buffer) => ({
      shouldReEncrypt: false,
      result: b.toString().slice(4),
    }),
  })

  it('seals and opens with the OS keychain', async () => {
    const cipher = await keychainCipher(storage(true, 'unknown'), 'darwin')
    expect(cipher?.label).toBe('the macOS Keychain')
    expect(await cipher!.decrypt(await cipher!.encrypt('k'))).toBe('k')
    expect((await keychainCipher(storage(true, 'gnome_libsecret'), 'linux'))?.label).toMatch(
      /Secret Service/,
    )
  })

  it('is absent without real encryption (Linux basic_text is obfuscation, not a keychain)', async () => {
    expect(await keychainCipher(storage(true, 'basic_text'), 'linux')).toBeUndefined()
    expect(await keychainCipher(storage(false, 'gnome_libsecret'), 'linux')).toBeUndefined()
  })
})

describe('web permissions', () => {
  it('grants the microphone alone, never the camera', () => {
    expect(isAllowedPermission('media', ['audio'])).toBe(true)
    expect(isAllowedPermission('media', ['audio', 'video'])).toBe(false)
    expect(isAllowedPermission('media', ['video'])).toBe(false)
    expect(isAllowedPermission('media', undefined)).toBe(false)
    expect(isAllowedPermission('geolocation', undefined)).toBe(false)
    expect(isAllowedPermission('fullscreen', undefined)).toBe(true)
  })
})
