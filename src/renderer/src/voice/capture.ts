/**
 * Microphone capture for dictation: getUserMedia (mono) into an AudioContext at the rate the
 * provider is told about, through the PCM worklet, out as 50 ms chunks of 16-bit PCM. Stopping
 * flushes the last partial chunk, then releases the microphone (the OS indicator goes off).
 */
import workletUrl from './pcm-worklet.ts?worker&url'

/** 16 kHz mono is what speech models are trained on; Chromium resamples the device to it. */
export const CAPTURE_SAMPLE_RATE = 16_000
/** Registered by pcm-worklet.ts. */
const PROCESSOR = 'atelier-pcm'

export interface CaptureHandlers {
  onChunk(pcm: ArrayBuffer): void
  onLevel(level: number): void
  /** The device went away (unplugged, permission revoked) while capturing. */
  onEnded(): void
}

export interface Capture {
  sampleRate: number
  /** Sends what is buffered, then releases the microphone. */
  stop(): Promise<void>
  /** Releases the microphone at once, dropping the buffered chunk. */
  abort(): void
}

export class MicrophoneError extends Error {}

/** The AudioContext is made first (synchronously), so its rate is known before the device opens. */
export function createCaptureContext(): AudioContext {
  return new AudioContext({ sampleRate: CAPTURE_SAMPLE_RATE, latencyHint: 'interactive' })
}

export async function startCapture(ctx: AudioContext, handlers: CaptureHandlers): Promise<Capture> {
  let stream: MediaStream
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: {
        channelCount: 1,
        echoCancellation: true,
        noiseSuppression: true,
        autoGainControl: true,
      },
    })
  } catch (err) {
    void ctx.close()
    const name = err instanceof DOMException ? err.name : ''
    throw new MicrophoneError(
      name === 'NotAllowedError'
        ? 'Microphone access was denied. Allow it for Atelier in your system settings.'
        : name === 'NotFoundError'
          ? 'No microphone was found.'
          : `The microphone could not be opened (${err instanceof Error ? err.message : String(err)}).`,
    )
  }
  const release = () => {
    for (const track of stream.getTracks()) track.stop()
    void ctx.close()
  }
  try {
    await ctx.audioWorklet.addModule(workletUrl)
  } catch (err) {
    release()
    throw new MicrophoneError(`Audio processing could not start (${String(err)}).`)
  }
  const source = ctx.createMediaStreamSource(stream)
  const node = new AudioWorkletNode(ctx, PROCESSOR, {
    numberOfInputs: 1,
    numberOfOutputs: 0,
    channelCount: 1,
  })
  let flushed: (() => void) | null = null
  node.port.onmessage = (
    e: MessageEvent<{ pcm?: ArrayBuffer; level?: number; flushed?: boolean }>,
  ) => {
    if (e.data.pcm) {
      handlers.onChunk(e.data.pcm)
      handlers.onLevel(Math.min(1, (e.data.level ?? 0) * 4))
    }
    if (e.data.flushed) flushed?.()
  }
  source.connect(node)
  if (ctx.state === 'suspended') await ctx.resume()
  let done = false
  stream.getAudioTracks()[0]?.addEventListener('ended', () => {
    if (!done) handlers.onEnded()
  })
  return {
    sampleRate: ctx.sampleRate,
    async stop() {
      if (done) return
      done = true
      await new Promise<void>((resolve) => {
        flushed = resolve
        node.port.postMessage('flush')
        // A closed or stalled context never answers; do not hold the release for it.
        window.setTimeout(resolve, 200)
      })
      source.disconnect()
      release()
      handlers.onLevel(0)
    },
    abort() {
      if (done) return
      done = true
      source.disconnect()
      release()
      handlers.onLevel(0)
    },
  }
}
