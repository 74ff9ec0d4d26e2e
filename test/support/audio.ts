/**
 * Audio helpers for voice tests: read 16-bit mono WAV files, make speech with espeak-ng, and
 * compare loudness envelopes so a test can tell that what arrived is the spoken file, played at
 * the sample rate the sender declared.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

export interface Pcm {
  sampleRate: number
  samples: Int16Array
}

export function readWav(file: string): Pcm {
  const buf = readFileSync(file)
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE')
    throw new Error(`${file}: not a WAV file`)
  let offset = 12
  let sampleRate = 0
  let channels = 0
  let bits = 0
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4)
    // A truncated file must not read past its end.
    const size = Math.min(buf.readUInt32LE(offset + 4), buf.length - offset - 8)
    const body = offset + 8
    if (id === 'fmt ') {
      channels = buf.readUInt16LE(body + 2)
      sampleRate = buf.readUInt32LE(body + 4)
      bits = buf.readUInt16LE(body + 14)
    } else if (id === 'data') {
      if (channels !== 1 || bits !== 16) throw new Error(`${file}: want 16-bit mono`)
      const data = buf.subarray(body, body + size - (size % 2))
      const samples = new Int16Array(data.length / 2)
      for (let i = 0; i < samples.length; i++) samples[i] = data.readInt16LE(i * 2)
      return { sampleRate, samples }
    }
    offset = body + size + (size % 2)
  }
  throw new Error(`${file}: no data chunk`)
}

/** Speaks `text` into a WAV file with espeak-ng (22,050 Hz, 16-bit mono). */
export function speak(text: string, file: string): Pcm {
  execFileSync('espeak-ng', ['-v', 'en-us', '-s', '150', '-w', file, text])
  return readWav(file)
}

export function pcmFromBytes(bytes: Uint8Array): Int16Array {
  const even = bytes.byteLength - (bytes.byteLength % 2)
  const copy = new Uint8Array(even)
  copy.set(bytes.subarray(0, even))
  return new Int16Array(copy.buffer)
}

export function rms(samples: Int16Array): number {
  if (samples.length === 0) return 0
  let sum = 0
  for (const s of samples) sum += s * s
  return Math.sqrt(sum / samples.length)
}

/** Loudness per frame of `frameMs`, using the given sample rate to size frames. */
export function envelope(samples: Int16Array, sampleRate: number, frameMs = 20): number[] {
  const size = Math.max(1, Math.round((sampleRate * frameMs) / 1000))
  const out: number[] = []
  for (let i = 0; i + size <= samples.length; i += size)
    out.push(rms(samples.subarray(i, i + size)))
  return out
}

/** Seconds of frames louder than a fraction of the loudest frame (voiced speech). */
export function speechSeconds(env: number[], frameMs = 20, fraction = 0.1): number {
  const peak = Math.max(0, ...env)
  if (peak === 0) return 0
  return (env.filter((v) => v > peak * fraction).length * frameMs) / 1000
}

function pearson(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length)
  if (n < 2) return 0
  let ma = 0
  let mb = 0
  for (let i = 0; i < n; i++) {
    ma += a[i]
    mb += b[i]
  }
  ma /= n
  mb /= n
  let num = 0
  let da = 0
  let db = 0
  for (let i = 0; i < n; i++) {
    num += (a[i] - ma) * (b[i] - mb)
    da += (a[i] - ma) ** 2
    db += (b[i] - mb) ** 2
  }
  return da === 0 || db === 0 ? 0 : num / Math.sqrt(da * db)
}

/**
 * The best correlation of the reference envelope against any window of the received one (the
 * capture may start before or after the speech). Envelopes at the wrong rate are stretched or
 * squeezed in time and correlate poorly.
 */
export function bestCorrelation(received: number[], reference: number[]): number {
  if (received.length < reference.length)
    return (
      pearson(received, reference.slice(0, received.length)) * (received.length / reference.length)
    )
  let best = -1
  for (let lag = 0; lag + reference.length <= received.length; lag++) {
    best = Math.max(best, pearson(received.slice(lag, lag + reference.length), reference))
  }
  return best
}
