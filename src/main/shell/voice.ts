/**
 * The desktop side of voice input: microphone audio arrives from the renderer on its own IPC
 * channel (fire and forget, sender-checked like every invoke) and goes to the core; API keys are
 * sealed with the OS keychain through Electron's safeStorage, lent to the core as a cipher.
 */
import type { IpcMain, IpcMainEvent, SafeStorage } from 'electron'
import { IPC_AUDIO } from '@shared/contract'
import { MAX_AUDIO_FRAME_BYTES } from '@shared/voice-audio'
import type { SecretCipher } from '../core/voice/key-store'
import { clientIdFor, isTrustedSender, type SenderInfo } from './ipc'

/** PCM bytes from an IPC argument, or null for anything else (odd length, too big, not bytes). */
export function audioBytes(value: unknown): Uint8Array | null {
  let bytes: Uint8Array
  if (value instanceof ArrayBuffer) bytes = new Uint8Array(value)
  else if (ArrayBuffer.isView(value))
    bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
  else return null
  if (bytes.byteLength === 0 || bytes.byteLength % 2 !== 0) return null
  return bytes.byteLength <= MAX_AUDIO_FRAME_BYTES ? bytes : null
}

export interface AudioRouteOptions {
  isAppRendererUrl: (url: string) => boolean
  onAudio: (clientId: string, streamId: number, pcm: Uint8Array) => void
  onRejected?: (url: string | null) => void
}

export function createAudioRoute(opts: AudioRouteOptions) {
  return (event: SenderInfo, streamId: unknown, pcm: unknown): void => {
    if (!isTrustedSender(event, opts.isAppRendererUrl)) {
      opts.onRejected?.(event.senderFrame?.url ?? null)
      return
    }
    const bytes = audioBytes(pcm)
    if (!Number.isInteger(streamId) || !bytes) return
    opts.onAudio(clientIdFor(event.sender.id), streamId as number, bytes)
  }
}

export function registerAudioRoute(
  ipcMain: IpcMain,
  route: ReturnType<typeof createAudioRoute>,
): () => void {
  const listener = (event: IpcMainEvent, streamId: unknown, pcm: unknown) =>
    route(event, streamId, pcm)
  ipcMain.on(IPC_AUDIO, listener)
  return () => ipcMain.removeListener(IPC_AUDIO, listener)
}

const KEYCHAIN_LABELS: Record<string, string> = {
  darwin: 'the macOS Keychain',
  win32: 'Windows DPAPI',
  gnome_libsecret: 'the Secret Service keyring (GNOME Keyring / KWallet)',
  kwallet: 'KWallet',
  kwallet5: 'KWallet',
  kwallet6: 'KWallet',
}

/**
 * A cipher backed by the OS keychain, or undefined when there is none worth the name: on Linux
 * without a keyring Electron falls back to a fixed built-in password ("basic_text"), which is
 * obfuscation, so the core then keeps the key in an owner-only file and says so.
 */
export async function keychainCipher(
  safeStorage: Pick<
    SafeStorage,
    | 'isAsyncEncryptionAvailable'
    | 'encryptStringAsync'
    | 'decryptStringAsync'
    | 'getSelectedStorageBackend'
  >,
  platform: NodeJS.Platform,
): Promise<SecretCipher | undefined> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return undefined
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : platform
  const label = KEYCHAIN_LABELS[backend]
  if (!label) return undefined
  return {
    label,
    encrypt: (plain) => safeStorage.encryptStringAsync(plain),
    decrypt: async (data) => (await safeStorage.decryptStringAsync(data)).result,
  }
}
