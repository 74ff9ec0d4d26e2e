/**
 * Kept recordings: only when the user turns "keep recordings" on, each capture is written as a
 * WAV file (16-bit PCM, mono) in `<data>/recordings`, owner-readable only. With the setting off
 * nothing is written anywhere — audio lives in memory on its way to the provider and is gone.
 */
import {
  createWriteStream,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  writeSync,
  closeSync,
} from 'node:fs'
import { join } from 'node:path'
import type { Logger } from '../log/logger'

export const RECORDINGS_DIR = 'recordings'
/** The oldest recordings are deleted beyond this many. */
export const MAX_KEPT_RECORDINGS = 500
const WAV_HEADER_BYTES = 44

export function wavHeader(sampleRate: number, dataBytes: number): Buffer {
  const h = Buffer.alloc(WAV_HEADER_BYTES)
  h.write('RIFF', 0, 'ascii')
  h.writeUInt32LE(36 + dataBytes, 4)
  h.write('WAVE', 8, 'ascii')
  h.write('fmt ', 12, 'ascii')
  h.writeUInt32LE(16, 16) // fmt chunk size
  h.writeUInt16LE(1, 20) // PCM
  h.writeUInt16LE(1, 22) // mono
  h.writeUInt32LE(sampleRate, 24)
  h.writeUInt32LE(sampleRate * 2, 28) // byte rate
  h.writeUInt16LE(2, 32) // block align
  h.writeUInt16LE(16, 34) // bits per sample
  h.write('data', 36, 'ascii')
  h.writeUInt32LE(dataBytes, 40)
  return h
}

export interface RecordingWriter {
  file: string
  write(pcm: Uint8Array): void
  /** Completes the header; resolves once the file is closed. */
  close(): Promise<void>
}

export function startRecording(
  dir: string,
  sampleRate: number,
  label: string,
  log: Pick<Logger, 'error'>,
): RecordingWriter {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  pruneRecordings(dir, MAX_KEPT_RECORDINGS - 1)
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const file = join(dir, `${stamp}-${label}.wav`)
  const out = createWriteStream(file, { mode: 0o600 })
  // A full disk must not take the app down; the capture itself goes on without its copy.
  out.on('error', (err) => log.error('could not write the recording', err))
  out.write(wavHeader(sampleRate, 0))
  let bytes = 0
  let closing: Promise<void> | undefined
  return {
    file,
    write(pcm) {
      bytes += pcm.byteLength
      out.write(Buffer.from(pcm))
    },
    close() {
      // Idempotent: a stream that ends is dropped, and stop() also waits for the same close.
      return (closing ??= new Promise((resolve) => {
        out.end(() => {
          try {
            const fd = openSync(file, 'r+')
            writeSync(fd, wavHeader(sampleRate, bytes), 0, WAV_HEADER_BYTES, 0)
            closeSync(fd)
          } catch (err) {
            log.error('could not finish the recording header', err)
          }
          resolve()
        })
      }))
    },
  }
}

function pruneRecordings(dir: string, keep: number): void {
  let names: string[]
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.wav'))
  } catch {
    return
  }
  // ISO timestamps sort in time order.
  names.sort()
  for (const name of names.slice(0, Math.max(0, names.length - keep)))
    rmSync(join(dir, name), { force: true })
}
