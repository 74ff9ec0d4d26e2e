/**
 * Speech-to-text API keys. The desktop shell hands in a cipher backed by the OS keychain
 * (Electron safeStorage); without one (headless mode, or a Linux desktop with no keyring) a key
 * is saved in a file only its owner can read. An environment variable is the fallback when no key
 * is saved. Keys are read only here and by the provider connection; nothing returns them to a UI.
 */
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { VoiceKeySource, VoiceProvider, VoiceStatus } from '@shared/voice'

/** What the shell lends the core to keep secrets in the OS keychain. */
export interface SecretCipher {
  /** Shown in settings: "macOS Keychain", "GNOME Keyring"… */
  label: string
  encrypt(plain: string): Promise<Buffer>
  decrypt(data: Buffer): Promise<string>
}

/** The environment variable each provider's key may come from. */
export const KEY_ENV_VARS: Record<VoiceProvider, string> = { deepgram: 'DEEPGRAM_API_KEY' }

export const SECRETS_DIR = 'secrets'
const FILE_MODE = 0o600
const DIR_MODE = 0o700

export interface KeyStoreOptions {
  dataDir: string
  cipher?: SecretCipher
  env?: NodeJS.ProcessEnv
}

export class VoiceKeyStore {
  private readonly dir: string
  private readonly env: NodeJS.ProcessEnv

  constructor(private readonly opts: KeyStoreOptions) {
    this.dir = join(opts.dataDir, SECRETS_DIR)
    this.env = opts.env ?? process.env
  }

  private file(provider: VoiceProvider, encrypted: boolean): string {
    return join(this.dir, `${provider}.key${encrypted ? '.enc' : ''}`)
  }

  private readFile(path: string): Buffer | null {
    try {
      return readFileSync(path)
    } catch {
      return null
    }
  }

  /** The key and where it came from, or null when none is set anywhere. */
  async read(provider: VoiceProvider): Promise<{ key: string; source: VoiceKeySource } | null> {
    const { cipher } = this.opts
    if (cipher) {
      const sealed = this.readFile(this.file(provider, true))
      if (sealed) {
        const key = (await cipher.decrypt(sealed)).trim()
        if (key) return { key, source: 'keychain' }
      }
    }
    const plain = this.readFile(this.file(provider, false))?.toString('utf8').trim()
    if (plain) return { key: plain, source: 'file' }
    const fromEnv = this.env[KEY_ENV_VARS[provider]]?.trim()
    if (fromEnv) return { key: fromEnv, source: 'env' }
    return null
  }

  async save(provider: VoiceProvider, key: string): Promise<void> {
    mkdirSync(this.dir, { recursive: true, mode: DIR_MODE })
    chmodSync(this.dir, DIR_MODE)
    const { cipher } = this.opts
    if (cipher) {
      writeSecret(this.file(provider, true), await cipher.encrypt(key))
      // A plain copy left from headless use must not outlive the keychain one.
      rmSync(this.file(provider, false), { force: true })
    } else {
      writeSecret(this.file(provider, false), Buffer.from(key, 'utf8'))
    }
  }

  clear(provider: VoiceProvider): void {
    rmSync(this.file(provider, true), { force: true })
    rmSync(this.file(provider, false), { force: true })
  }

  async status(provider: VoiceProvider, recordingsDir: string): Promise<VoiceStatus> {
    let source: VoiceKeySource | null = null
    try {
      source = (await this.read(provider))?.source ?? null
    } catch {
      // An unreadable keychain entry counts as no key; saving a new one replaces it.
    }
    const { cipher } = this.opts
    return {
      provider,
      keySet: source !== null,
      keySource: source,
      envVar: KEY_ENV_VARS[provider],
      storage: cipher ? 'keychain' : 'file',
      storageLabel: cipher ? cipher.label : 'a file in the data folder only you can read',
      recordingsDir,
    }
  }
}

/** Written with owner-only permissions from the first byte (then chmod for an existing file). */
function writeSecret(path: string, data: Buffer): void {
  writeFileSync(path, data, { mode: FILE_MODE })
  chmodSync(path, FILE_MODE)
}
