/**
 * Voice input: dictation and spoken commands. The renderer captures the microphone and streams
 * 16-bit PCM to the core; the core holds the speech-to-text provider's connection and API key
 * (the key never travels to the renderer) and pushes transcripts back to the client that asked.
 */
import { z } from 'zod'

export const VOICE_PROVIDERS = ['deepgram'] as const
export const VoiceProviderSchema = z.enum(VOICE_PROVIDERS)
export type VoiceProvider = z.infer<typeof VoiceProviderSchema>

/** Deepgram's hosted streaming endpoint; self-hosted deployments set their own. */
export const DEEPGRAM_DEFAULT_ENDPOINT = 'wss://api.deepgram.com/v1/listen'

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * The key travels in a header of this connection, so it must be encrypted (wss) — except to a
 * server on this machine (a self-hosted provider or a test double), where ws is accepted.
 */
export function isAcceptableVoiceEndpoint(text: string): boolean {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return false
  }
  if (url.username || url.password) return false
  if (url.protocol === 'wss:') return true
  return url.protocol === 'ws:' && LOOPBACK_HOSTS.has(url.hostname)
}

export const VoiceSettingsSchema = z.object({
  provider: VoiceProviderSchema,
  /** The provider's model name (Deepgram: nova-3, nova-2, …). */
  model: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, 'model: letters, digits, . _ -'),
  /** BCP-47 language tag, or "multi" for Deepgram's multilingual mode. */
  language: z.string().regex(/^(multi|[a-z]{2,3}(-[a-z0-9]{2,8})*)$/i, 'language: e.g. en, en-US'),
  endpoint: z
    .string()
    .max(2048)
    .refine(isAcceptableVoiceEndpoint, 'endpoint: a wss:// URL (ws:// only on this machine)'),
  /** Start and stop sounds while capturing. */
  soundCues: z.boolean(),
  /** "To <session>: …" sends the rest to that session. */
  addressing: z.boolean(),
  /** "allow", "deny", "always", "next", "skip" act on the request in focus. */
  commands: z.boolean(),
  /** Keep each capture as a WAV file in the data folder (off: nothing is written). */
  keepRecordings: z.boolean(),
})
export type VoiceSettings = z.infer<typeof VoiceSettingsSchema>

export const DEFAULT_VOICE_SETTINGS: VoiceSettings = {
  provider: 'deepgram',
  model: 'nova-3',
  language: 'en',
  endpoint: DEEPGRAM_DEFAULT_ENDPOINT,
  soundCues: true,
  addressing: true,
  commands: false,
  keepRecordings: false,
}

/** Where a provider's key comes from, in the order they are looked up. */
export const VoiceKeySourceSchema = z.enum(['keychain', 'file', 'env'])
export type VoiceKeySource = z.infer<typeof VoiceKeySourceSchema>

/** What settings show about a key: whether one is set and where it lives — never the key. */
export const VoiceStatusSchema = z.object({
  provider: VoiceProviderSchema,
  keySet: z.boolean(),
  keySource: VoiceKeySourceSchema.nullable(),
  /** The environment variable read when no key is saved. */
  envVar: z.string(),
  /** Where "save key" puts it: the OS keychain (desktop) or a 0600 file (headless). */
  storage: z.enum(['keychain', 'file']),
  /** Human name of that storage ("Keychain", "a file readable only by you"). */
  storageLabel: z.string(),
  recordingsDir: z.string(),
})
export type VoiceStatus = z.infer<typeof VoiceStatusSchema>

/** API keys are opaque tokens: printable, no spaces, bounded. */
export const VoiceKeySchema = z
  .string()
  .trim()
  .min(16, 'key: too short to be an API key')
  .max(512, 'key: too long')
  .regex(/^[\x21-\x7e]+$/, 'key: printable characters without spaces')

export const VOICE_ERROR_REASONS = [
  'missing_key',
  'rejected_key',
  'unreachable',
  'provider',
  'audio',
  'timeout',
] as const
export const VoiceErrorReasonSchema = z.enum(VOICE_ERROR_REASONS)
export type VoiceErrorReason = z.infer<typeof VoiceErrorReasonSchema>

export const VoiceErrorSchema = z.object({ reason: VoiceErrorReasonSchema, message: z.string() })
export type VoiceError = z.infer<typeof VoiceErrorSchema>

/** Pushes to the client that started a stream. */
export const VoicePushSchema = z.discriminatedUnion('kind', [
  /** The provider accepted the connection; audio is flowing to it. */
  z.object({ streamId: z.number().int(), kind: z.literal('ready') }),
  z.object({
    streamId: z.number().int(),
    kind: z.literal('transcript'),
    text: z.string(),
    /** This segment will not change again. */
    isFinal: z.boolean(),
    /** The speaker paused: the end of an utterance. */
    speechFinal: z.boolean(),
  }),
  z.object({ streamId: z.number().int(), kind: z.literal('error'), error: VoiceErrorSchema }),
])
export type VoicePush = z.infer<typeof VoicePushSchema>
