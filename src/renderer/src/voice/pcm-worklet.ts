/**
 * Runs on the audio rendering thread (AudioWorkletGlobalScope): turns the microphone's float
 * samples into signed 16-bit PCM at the context's sample rate, in 50 ms chunks, each with its
 * loudness for the level meter. Chunks are transferred, not copied. "flush" sends the partial
 * chunk at once, so the last syllable before a key release is not cut off.
 */

// The worklet scope's globals (not in TypeScript's DOM library).
declare const sampleRate: number
declare function registerProcessor(name: string, processor: unknown): void
declare class AudioWorkletProcessor {
  readonly port: MessagePort
}

// The name capture.ts creates the node with.
const PCM_PROCESSOR = 'atelier-pcm'
const CHUNK_MS = 50

class PcmChunker extends AudioWorkletProcessor {
  private buffer = new Int16Array(Math.round((sampleRate * CHUNK_MS) / 1000))
  private filled = 0
  private sumSquares = 0

  constructor() {
    super()
    this.port.onmessage = (e: MessageEvent) => {
      if (e.data === 'flush') {
        this.send()
        this.port.postMessage({ flushed: true })
      }
    }
  }

  process(inputs: Float32Array[][]): boolean {
    const channel = inputs[0]?.[0]
    if (!channel) return true
    for (let i = 0; i < channel.length; i++) {
      const v = Math.max(-1, Math.min(1, channel[i]))
      this.sumSquares += v * v
      this.buffer[this.filled++] = v < 0 ? v * 0x8000 : v * 0x7fff
      if (this.filled === this.buffer.length) this.send()
    }
    return true
  }

  private send(): void {
    if (this.filled === 0) return
    const pcm = this.buffer.slice(0, this.filled).buffer
    const level = Math.sqrt(this.sumSquares / this.filled)
    this.port.postMessage({ pcm, level }, [pcm])
    this.filled = 0
    this.sumSquares = 0
  }
}

registerProcessor(PCM_PROCESSOR, PcmChunker)
