/**
 * The audio that voice input streams, and its framing on the headless WebSocket. No schemas here:
 * the renderer's first load takes this module without zod.
 */

/** The only audio format streamed: signed 16-bit little-endian PCM, mono. */
export const VOICE_ENCODING = 'linear16'
export const VOICE_MIN_SAMPLE_RATE = 8_000
export const VOICE_MAX_SAMPLE_RATE = 48_000

/**
 * Binary audio frames on the headless WebSocket: one tag byte, the stream id (uint32 LE), then
 * PCM. Electron IPC carries the same two values as separate arguments.
 */
export const AUDIO_FRAME_TAG = 0x01
export const AUDIO_FRAME_HEADER_BYTES = 5
/** 64 KiB of PCM is 0.68 s at 48 kHz; the renderer sends 50 ms chunks. */
export const MAX_AUDIO_FRAME_BYTES = 64 * 1024

export function encodeAudioFrame(streamId: number, pcm: ArrayBuffer): Uint8Array<ArrayBuffer> {
  const frame = new Uint8Array(AUDIO_FRAME_HEADER_BYTES + pcm.byteLength)
  frame[0] = AUDIO_FRAME_TAG
  new DataView(frame.buffer).setUint32(1, streamId, true)
  frame.set(new Uint8Array(pcm), AUDIO_FRAME_HEADER_BYTES)
  return frame
}

/** Null for anything that is not a well-formed audio frame (wrong tag, odd length, too big). */
export function decodeAudioFrame(frame: Uint8Array): { streamId: number; pcm: Uint8Array } | null {
  if (frame.byteLength <= AUDIO_FRAME_HEADER_BYTES) return null
  if (frame[0] !== AUDIO_FRAME_TAG) return null
  const pcmBytes = frame.byteLength - AUDIO_FRAME_HEADER_BYTES
  if (pcmBytes % 2 !== 0 || pcmBytes > MAX_AUDIO_FRAME_BYTES) return null
  const streamId = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(1, true)
  return { streamId, pcm: frame.subarray(AUDIO_FRAME_HEADER_BYTES) }
}
