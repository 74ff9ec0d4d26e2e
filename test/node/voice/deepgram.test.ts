/**
 * The Deepgram provider against a fake Deepgram server written to Deepgram's documented streaming
 * protocol: query parameters, the Token header, binary PCM up, Results down, KeepAlive through a
 * pause, CloseStream for the last results, and the errors a user must understand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer } from 'node:net'
import type { VoiceError } from '../../../src/shared/voice'
import { createDeepgramProvider, handshakeError } from '../../../src/main/core/voice/deepgram'
import type {
  SpeechStream,
  SpeechStreamOptions,
  SpeechTranscript,
} from '../../../src/main/core/voice/provider'
import { speak, type Pcm } from '../../support/audio'
import { startFakeDeepgram, type FakeDeepgram } from '../../support/fake-deepgram'

const KEY = 'dg_test_key_0123456789abcdef0123456789'
const TEXT = 'run the test suite again'
let dir: string
let phrase: Pcm
let fake: FakeDeepgram

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-dg-'))
  phrase = speak(TEXT, join(dir, 'phrase.wav'))
  fake = await startFakeDeepgram({ keys: [KEY], utterances: [{ text: TEXT, audio: phrase }] })
})

afterAll(async () => {
  await fake?.close()
  rmSync(dir, { recursive: true, force: true })
})

interface Run {
  stream: SpeechStream
  transcripts: SpeechTranscript[]
  errors: VoiceError[]
  opened: Promise<void>
  closed: Promise<void>
}

function open(over: Partial<SpeechStreamOptions> = {}, keepAliveAfterMs?: number): Run {
  const transcripts: SpeechTranscript[] = []
  const errors: VoiceError[] = []
  let onOpen!: () => void
  let onClose!: () => void
  const opened = new Promise<void>((r) => (onOpen = r))
  const closed = new Promise<void>((r) => (onClose = r))
  const stream = createDeepgramProvider({ keepAliveAfterMs }).open(
    {
      key: KEY,
      endpoint: fake.endpoint,
      model: 'nova-3',
      language: 'en',
      sampleRate: phrase.sampleRate,
      channels: 1,
      ...over,
    },
    {
      onOpen,
      onTranscript: (t) => transcripts.push(t),
      onError: (e) => errors.push(e),
      onClose,
    },
  )
  return { stream, transcripts, errors, opened, closed }
}

/** Sends PCM in 50 ms chunks, as the renderer does. */
function sendAll(stream: SpeechStream, samples: Int16Array, rate: number) {
  const chunk = Math.round(rate * 0.05)
  for (let i = 0; i < samples.length; i += chunk) {
    const part = samples.slice(i, i + chunk)
    stream.send(new Uint8Array(part.buffer))
  }
}

describe('Deepgram provider', () => {
  it('streams linear16 with the documented parameters and returns interim and final results', async () => {
    const run = open()
    // Audio sent before the handshake completes is held and flushed, not lost.
    sendAll(run.stream, phrase.samples, phrase.sampleRate)
    await run.opened
    run.stream.finish()
    await run.closed
    const conn = fake.connections.at(-1)!
    expect(conn.authorization).toBe(`Token ${KEY}`)
    expect(Object.fromEntries(conn.query)).toMatchObject({
      encoding: 'linear16',
      sample_rate: String(phrase.sampleRate),
      channels: '1',
      interim_results: 'true',
      model: 'nova-3',
      language: 'en',
    })
    expect(conn.audioBytes).toBe(phrase.samples.length * 2)
    expect(conn.controls).toEqual(['CloseStream'])
    await expect.poll(() => conn.closed).toEqual({ code: 1000, reason: '' })
    expect(conn.match?.correlation).toBeGreaterThan(0.95)
    expect(run.errors).toEqual([])
    expect(run.transcripts.some((t) => !t.isFinal)).toBe(true)
    expect(run.transcripts.at(-1)).toEqual({ text: TEXT, isFinal: true, speechFinal: true })
  })

  it('the fake hears nothing when the declared rate is not the audio’s (the check can fail)', async () => {
    const run = open({ sampleRate: 16_000 })
    sendAll(run.stream, phrase.samples, 16_000)
    await run.opened
    run.stream.finish()
    await run.closed
    expect(fake.connections.at(-1)!.match!.correlation).toBeLessThan(0.6)
    expect(run.transcripts.filter((t) => t.isFinal)).toEqual([])
  })

  it('sends KeepAlive text frames through a pause, never an empty audio frame', async () => {
    const run = open({}, 200)
    await run.opened
    run.stream.send(new Uint8Array(0))
    const conn = fake.connections.at(-1)!
    await expect
      .poll(() => conn.controls.filter((c) => c === 'KeepAlive').length)
      .toBeGreaterThan(1)
    expect(conn.audioBytes).toBe(0)
    expect(conn.closed).toBeNull()
    run.stream.abort()
    await run.closed
    expect(run.errors).toEqual([])
  })

  it('a rejected key is reported as such, with Deepgram’s reason', async () => {
    const run = open({ key: 'dg_wrong_key_0000000000000000000000' })
    await run.closed
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0].reason).toBe('rejected_key')
    expect(run.errors[0].message).toMatch(/rejected the API key \(401 Invalid credentials\.\)/)
  })

  it('an endpoint nobody listens on is reported as unreachable', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer()
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port
        s.close(() => resolve(p))
      })
    })
    const run = open({ endpoint: `ws://127.0.0.1:${port}/v1/listen` })
    await run.closed
    expect(run.errors.map((e) => e.reason)).toEqual(['unreachable'])
    expect(run.errors[0].message).toContain(`127.0.0.1:${port}`)
  })

  it('maps close reasons and handshake bodies to clear messages', () => {
    expect(
      handshakeError(
        401,
        undefined,
        '{"err_code":"INVALID_AUTH","err_msg":"Invalid credentials."}',
      ),
    ).toEqual({
      reason: 'rejected_key',
      message:
        'Deepgram rejected the API key (401 INVALID_AUTH: Invalid credentials.). Check it in Settings → Voice.',
    })
    expect(handshakeError(402, 'Insufficient credits', '').reason).toBe('provider')
  })
})
