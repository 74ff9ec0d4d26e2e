/**
 * Dictation streams: each UI client may have one open at a time. The service looks the key up,
 * opens the provider's stream, forwards the client's audio frames, pushes transcripts back to
 * that client only, and on stop answers with the final transcript. Streams are bounded in
 * number, in duration and in silence from the client, so a vanished renderer frees everything.
 */
import { join } from 'node:path'
import { ApiError } from '@shared/contract/define'
import type {
  VoiceError,
  VoicePush,
  VoiceSettings,
  VoiceStatus,
  VoiceProvider,
} from '@shared/voice'
import type { Logger } from '../log/logger'
import { KEY_ENV_VARS, type VoiceKeyStore } from './key-store'
import type { SpeechProvider, SpeechStream } from './provider'
import { RECORDINGS_DIR, startRecording, type RecordingWriter } from './recordings'

/** Streams open at once across all clients. */
export const MAX_VOICE_STREAMS = 8
/** One push-to-talk capture may not run longer than this. */
export const MAX_STREAM_MS = 5 * 60_000
/** A stream whose client sends nothing (no audio, no stop) for this long is dropped. */
export const CLIENT_IDLE_MS = 15_000
/** How long stop waits for the provider's last results before answering with what it has. */
export const FINISH_TIMEOUT_MS = 5_000

export interface VoiceServiceOptions {
  dataDir: string
  keys: VoiceKeyStore
  settings: () => VoiceSettings
  providers: Record<VoiceProvider, SpeechProvider>
  /** Delivers a push to one client; false when that client is gone. */
  push: (clientId: string, payload: VoicePush) => boolean
  /** Stream failures (reason and message only: never audio, transcripts or keys). */
  log: Pick<Logger, 'warn' | 'error'>
}

interface Stream {
  id: number
  clientId: string
  sampleRate: number
  provider: SpeechProvider
  connection: SpeechStream | null
  finals: string[]
  interim: string
  error: VoiceError | undefined
  closed: boolean
  onClosed: (() => void)[]
  recording: RecordingWriter | null
  lastClientActivity: number
  deadline: number
  timer: NodeJS.Timeout
  /** Set once the provider was asked for its last results. */
  finishing: Promise<void> | null
}

export interface StartOptions {
  sampleRate: number
  channels: 1
}

export class VoiceService {
  private readonly streams = new Map<number, Stream>()
  private nextId = 1
  readonly recordingsDir: string

  constructor(private readonly opts: VoiceServiceOptions) {
    this.recordingsDir = join(opts.dataDir, RECORDINGS_DIR)
  }

  status(): Promise<VoiceStatus> {
    return this.opts.keys.status(this.opts.settings().provider, this.recordingsDir)
  }

  async setKey(provider: VoiceProvider, key: string): Promise<VoiceStatus> {
    await this.opts.keys.save(provider, key)
    return this.opts.keys.status(provider, this.recordingsDir)
  }

  clearKey(provider: VoiceProvider): Promise<VoiceStatus> {
    this.opts.keys.clear(provider)
    return this.opts.keys.status(provider, this.recordingsDir)
  }

  get openStreams(): number {
    return this.streams.size
  }

  async start(clientId: string, options: StartOptions): Promise<{ streamId: number }> {
    const settings = this.opts.settings()
    const provider = this.opts.providers[settings.provider]
    // A client talks through one stream at a time: a new press replaces a stuck old one.
    for (const s of this.streams.values()) if (s.clientId === clientId) this.drop(s)
    if (this.streams.size >= MAX_VOICE_STREAMS)
      throw new ApiError('rate_limited', 'too many voice streams are open')
    let found: Awaited<ReturnType<VoiceKeyStore['read']>>
    try {
      found = await this.opts.keys.read(settings.provider)
    } catch (err) {
      throw new ApiError(
        'unavailable',
        `The ${provider.label} API key could not be read from the keychain (${err instanceof Error ? err.message : String(err)}). Save it again in Settings → Voice.`,
      )
    }
    if (!found)
      throw new ApiError(
        'unavailable',
        `No ${provider.label} API key is set. Add one in Settings → Voice, or set ${KEY_ENV_VARS[settings.provider]}.`,
      )
    const id = this.nextId++
    const stream: Stream = {
      id,
      clientId,
      sampleRate: options.sampleRate,
      provider,
      connection: null,
      finals: [],
      interim: '',
      error: undefined,
      closed: false,
      onClosed: [],
      recording: settings.keepRecordings
        ? startRecording(
            this.recordingsDir,
            options.sampleRate,
            `${provider.id}-${id}`,
            this.opts.log,
          )
        : null,
      lastClientActivity: Date.now(),
      deadline: Date.now() + MAX_STREAM_MS,
      timer: setInterval(() => this.sweep(stream), 1_000),
      finishing: null,
    }
    stream.timer.unref()
    this.streams.set(id, stream)
    stream.connection = provider.open(
      {
        key: found.key,
        endpoint: settings.endpoint,
        model: settings.model,
        language: settings.language,
        sampleRate: options.sampleRate,
        channels: options.channels,
      },
      {
        onOpen: () => this.push(stream, { streamId: id, kind: 'ready' }),
        onTranscript: (t) => {
          if (t.isFinal) {
            stream.finals.push(t.text)
            stream.interim = ''
          } else {
            stream.interim = t.text
          }
          this.push(stream, { streamId: id, kind: 'transcript', ...t })
        },
        onError: (error) => {
          this.opts.log.warn(`stream ${id} failed (${error.reason}): ${error.message}`)
          stream.error = error
          this.push(stream, { streamId: id, kind: 'error', error })
        },
        onClose: () => this.closed(stream),
      },
    )
    return { streamId: id }
  }

  /** An audio frame from a client; frames for unknown or foreign streams are ignored. */
  audio(clientId: string, streamId: number, pcm: Uint8Array): void {
    const s = this.streams.get(streamId)
    if (!s || s.clientId !== clientId || s.finishing) return
    s.lastClientActivity = Date.now()
    s.recording?.write(pcm)
    s.connection?.send(pcm)
  }

  async stop(
    clientId: string,
    streamId: number,
  ): Promise<{ transcript: string; error?: VoiceError }> {
    const s = this.owned(clientId, streamId)
    s.lastClientActivity = Date.now()
    await this.finish(s)
    const result = this.result(s)
    this.drop(s)
    // A kept recording is complete on disk (data and header) before the caller hears the result.
    await s.recording?.close()
    return result
  }

  /** Asks the provider for its last results and waits for them (bounded); idempotent. */
  private finish(s: Stream): Promise<void> {
    s.finishing ??= (async () => {
      if (s.closed) return
      const closed = new Promise<void>((resolve) => s.onClosed.push(resolve))
      s.connection?.finish()
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), FINISH_TIMEOUT_MS)
      })
      const outcome = await Promise.race([closed, timeout])
      clearTimeout(timer)
      if (outcome === 'timeout')
        s.error ??= {
          reason: 'timeout',
          message: `${s.provider.label} did not finish the transcript in time; what it heard so far is kept.`,
        }
    })()
    return s.finishing
  }

  cancel(clientId: string, streamId: number): void {
    const s = this.streams.get(streamId)
    if (s && s.clientId === clientId) this.drop(s)
  }

  /** A client went away: its streams go too. */
  dropClient(clientId: string): void {
    for (const s of this.streams.values()) if (s.clientId === clientId) this.drop(s)
  }

  close(): void {
    for (const s of this.streams.values()) this.drop(s)
  }

  /** The finals in order, plus an interim the provider never confirmed (nothing heard is lost). */
  private result(s: Stream): { transcript: string; error?: VoiceError } {
    const parts = [...s.finals, ...(s.interim ? [s.interim] : [])]
    const transcript = parts.join(' ').replace(/\s+/g, ' ').trim()
    return s.error ? { transcript, error: s.error } : { transcript }
  }

  private owned(clientId: string, streamId: number): Stream {
    const s = this.streams.get(streamId)
    if (!s || s.clientId !== clientId)
      throw new ApiError('not_found', `no voice stream ${streamId}`, 'streamId')
    return s
  }

  private push(s: Stream, payload: VoicePush): void {
    if (!this.streams.has(s.id)) return
    if (!this.opts.push(s.clientId, payload)) this.drop(s)
  }

  private closed(s: Stream): void {
    s.closed = true
    for (const resolve of s.onClosed.splice(0)) resolve()
  }

  private sweep(s: Stream): void {
    const now = Date.now()
    if (now - s.lastClientActivity > CLIENT_IDLE_MS) return this.drop(s)
    if (now > s.deadline && !s.finishing) {
      // Long captures end on their own; the client hears why and collects the transcript.
      const error: VoiceError = {
        reason: 'timeout',
        message: `Dictation stops after ${MAX_STREAM_MS / 60_000} minutes.`,
      }
      s.error ??= error
      this.push(s, { streamId: s.id, kind: 'error', error })
      void this.finish(s)
    }
  }

  private drop(s: Stream): void {
    if (!this.streams.delete(s.id)) return
    clearInterval(s.timer)
    s.connection?.abort()
    void s.recording?.close()
    for (const resolve of s.onClosed.splice(0)) resolve()
  }
}
