/**
 * One interface for every speech-to-text provider: open a stream with the audio format and the
 * key, push PCM into it, and hear back interim and final transcripts. Deepgram is the first
 * implementation (deepgram.ts); another provider adds a file beside it and an entry in PROVIDERS.
 */
import type { VoiceError, VoiceProvider } from '@shared/voice'

export interface SpeechStreamOptions {
  key: string
  endpoint: string
  model: string
  language: string
  sampleRate: number
  channels: 1
}

export interface SpeechTranscript {
  text: string
  isFinal: boolean
  speechFinal: boolean
}

export interface SpeechStreamEvents {
  /** The provider accepted the connection. */
  onOpen(): void
  onTranscript(t: SpeechTranscript): void
  /** Reported at most once; the stream is over afterwards. */
  onError(e: VoiceError): void
  /** The connection ended (after a finish, an abort or an error). */
  onClose(): void
}

export interface SpeechStream {
  /** 16-bit PCM; audio sent before the connection opens is held (bounded) and flushed. */
  send(pcm: Uint8Array): void
  /** No more audio: the provider returns its last results, then closes. */
  finish(): void
  /** Close now, discarding whatever the provider has not answered yet. */
  abort(): void
}

export interface SpeechProvider {
  id: VoiceProvider
  /** Human name for messages ("Deepgram"). */
  label: string
  open(opts: SpeechStreamOptions, events: SpeechStreamEvents): SpeechStream
}
