/**
 * Voice through a whole core: a UI client on the headless WebSocket opens a stream, sends
 * binary audio frames, hears interim results pushed to it alone, and stop answers with the final
 * transcript. Keys: saved in a 0600 file (headless) or sealed by the shell's keychain cipher,
 * read from the environment as a fallback, and never sent to any client. Recordings exist only
 * when the user turns them on.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import type { VoicePush, VoiceStatus } from '../../../src/shared/voice'
import { encodeAudioFrame } from '../../../src/shared/voice-audio'
import type { SecretCipher } from '../../../src/main/core/voice/key-store'
import { readWav, speak, type Pcm } from '../../support/audio'
import { startFakeDeepgram, type FakeDeepgram } from '../../support/fake-deepgram'
import { startTestCore, type TestCore } from '../../support/core'

const KEY = 'dg_core_test_key_5e1f2a3b4c5d6e7f8a9b0c1d'
const TEXT = 'to builder run the tests'
let dir: string
let phrase: Pcm
let fake: FakeDeepgram
let t: TestCore | null = null

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-voice-core-'))
  phrase = speak(TEXT, join(dir, 'phrase.wav'))
  fake = await startFakeDeepgram({ keys: [KEY], utterances: [{ text: TEXT, audio: phrase }] })
})
afterAll(async () => {
  await fake?.close()
  rmSync(dir, { recursive: true, force: true })
})
afterEach(async () => {
  await t?.close()
  t = null
  delete process.env.DEEPGRAM_API_KEY
})

interface Client {
  raw: string[]
  voice: VoicePush[]
  invoke<T>(channel: string, payload: unknown): Promise<T>
  audio(streamId: number, samples: Int16Array): void
  close(): void
}

async function connect(core: TestCore): Promise<Client> {
  const ws = new WebSocket(`ws://127.0.0.1:${core.core.info.port}/ws`, [
    'atelier.v1',
    `bearer.${core.core.info.token}`,
  ])
  const raw: string[] = []
  const voice: VoicePush[] = []
  const pending = new Map<number, (f: { ok: boolean; data?: unknown; error?: unknown }) => void>()
  let nextId = 1
  ws.on('message', (buf) => {
    raw.push(String(buf))
    const frame = JSON.parse(String(buf)) as {
      t: string
      stream?: string
      data?: unknown
      id?: number
      ok?: boolean
    }
    if (frame.t === 'push' && frame.stream === 'voice') voice.push(frame.data as VoicePush)
    if (frame.t === 'result') pending.get(frame.id!)?.(frame as { ok: boolean })
  })
  await new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
  return {
    raw,
    voice,
    invoke<T>(channel: string, payload: unknown) {
      const id = nextId++
      return new Promise<T>((resolve, reject) => {
        pending.set(id, (f) =>
          f.ok ? resolve(f.data as T) : reject(new Error(JSON.stringify(f.error))),
        )
        ws.send(JSON.stringify({ t: 'invoke', id, channel, payload }))
      })
    },
    audio(streamId, samples) {
      const chunk = Math.round(phrase.sampleRate * 0.05)
      for (let i = 0; i < samples.length; i += chunk) {
        const part = samples.slice(i, i + chunk)
        ws.send(encodeAudioFrame(streamId, part.buffer))
      }
    },
    close: () => ws.close(),
  }
}

async function useFake(core: TestCore, over: Record<string, unknown> = {}) {
  await core.api('settings.update', { voice: { endpoint: fake.endpoint, ...over } })
}

/** One whole capture of the phrase: start, every frame, stop. */
async function dictate(client: Client): Promise<{ transcript: string }> {
  const { streamId } = await client.invoke<{ streamId: number }>('voice.start', {
    encoding: 'linear16',
    sampleRate: phrase.sampleRate,
    channels: 1,
  })
  client.audio(streamId, phrase.samples)
  // The stream's connection is the newest one (tests dictate one at a time).
  await fake.waitForAudio(phrase.samples.length * 2)
  return client.invoke('voice.stop', { streamId })
}

describe('voice in the core', () => {
  it('dictation end to end over the WebSocket: interim pushes, final transcript on stop', async () => {
    t = await startTestCore()
    await useFake(t)
    await t.api('voice.setKey', { provider: 'deepgram', key: KEY })
    const a = await connect(t)
    const b = await connect(t)
    const result = await dictate(a)
    expect(result).toEqual({ transcript: TEXT })
    expect(a.voice.some((p) => p.kind === 'ready')).toBe(true)
    expect(a.voice.some((p) => p.kind === 'transcript' && !p.isFinal)).toBe(true)
    // Another window never hears someone else's dictation.
    expect(b.voice).toEqual([])
    // The key never travels to a client, in any frame.
    expect([...a.raw, ...b.raw].some((f) => f.includes(KEY))).toBe(false)
    // Nothing is written to disk unless recordings are kept.
    expect(existsSync(join(t.dataDir, 'recordings'))).toBe(false)
    a.close()
    b.close()
  })

  it('keeps a WAV of each capture only when asked to', async () => {
    t = await startTestCore()
    await useFake(t, { keepRecordings: true })
    process.env.DEEPGRAM_API_KEY = KEY
    const a = await connect(t)
    await dictate(a)
    const folder = join(t.dataDir, 'recordings')
    const files = readdirSync(folder)
    expect(files).toHaveLength(1)
    expect(statSync(join(folder, files[0])).mode & 0o777).toBe(0o600)
    const kept = readWav(join(folder, files[0]))
    expect(kept.sampleRate).toBe(phrase.sampleRate)
    expect(kept.samples).toEqual(phrase.samples)
    a.close()
  })

  it('missing and rejected keys fail with messages that say what to do', async () => {
    t = await startTestCore()
    await useFake(t)
    const a = await connect(t)
    const start = () =>
      a.invoke<{ streamId: number }>('voice.start', {
        encoding: 'linear16',
        sampleRate: 16_000,
        channels: 1,
      })
    await expect(start()).rejects.toThrow(
      /No Deepgram API key is set.*Settings → Voice.*DEEPGRAM_API_KEY/,
    )
    await t.api('voice.setKey', { provider: 'deepgram', key: 'dg_not_the_right_key_000000000000' })
    const { streamId } = await start()
    await expect
      .poll(() => a.voice.find((p) => p.kind === 'error'))
      .toMatchObject({ streamId, kind: 'error', error: { reason: 'rejected_key' } })
    const stopped = await a.invoke<{ transcript: string; error?: { reason: string } }>(
      'voice.stop',
      { streamId },
    )
    expect(stopped.error?.reason).toBe('rejected_key')
    a.close()
  })

  it('headless keys: 0600 file, environment fallback, status never includes the key', async () => {
    t = await startTestCore()
    const none = await t.api<VoiceStatus>('voice.status')
    expect(none).toMatchObject({
      keySet: false,
      keySource: null,
      storage: 'file',
      envVar: 'DEEPGRAM_API_KEY',
    })
    process.env.DEEPGRAM_API_KEY = KEY
    expect(await t.api<VoiceStatus>('voice.status')).toMatchObject({
      keySet: true,
      keySource: 'env',
    })
    const saved = await t.api<VoiceStatus>('voice.setKey', { provider: 'deepgram', key: `${KEY}x` })
    expect(saved).toMatchObject({ keySet: true, keySource: 'file' })
    expect(JSON.stringify(saved)).not.toContain(KEY)
    const file = join(t.dataDir, 'secrets', 'deepgram.key')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(statSync(join(t.dataDir, 'secrets')).mode & 0o777).toBe(0o700)
    expect(readFileSync(file, 'utf8')).toBe(`${KEY}x`)
    const cleared = await t.api<VoiceStatus>('voice.clearKey', { provider: 'deepgram' })
    expect(cleared).toMatchObject({ keySet: true, keySource: 'env' })
    expect(existsSync(file)).toBe(false)
    // Never in the settings file either.
    expect(JSON.stringify(await t.api('settings.get'))).not.toContain(KEY)
  })

  it('desktop keys are sealed by the keychain cipher the shell lends', async () => {
    const sealed: string[] = []
    const cipher: SecretCipher = {
      label: 'a test keychain',
      encrypt: async (plain) => {
        sealed.push(plain)
        return Buffer.from(`sealed:${Buffer.from(plain).reverse().toString('base64')}`)
      },
      decrypt: async (data) =>
        Buffer.from(data.toString().slice('sealed:'.length), 'base64').reverse().toString(),
    }
    t = await startTestCore({ secretCipher: cipher })
    await useFake(t)
    const status = await t.api<VoiceStatus>('voice.setKey', { provider: 'deepgram', key: KEY })
    expect(status).toMatchObject({
      keySource: 'keychain',
      storage: 'keychain',
      storageLabel: 'a test keychain',
    })
    const file = join(t.dataDir, 'secrets', 'deepgram.key.enc')
    expect(readFileSync(file).includes(KEY)).toBe(false)
    expect(existsSync(join(t.dataDir, 'secrets', 'deepgram.key'))).toBe(false)
    // The decrypted key is what goes to the provider.
    const a = await connect(t)
    const { streamId } = await a.invoke<{ streamId: number }>('voice.start', {
      encoding: 'linear16',
      sampleRate: phrase.sampleRate,
      channels: 1,
    })
    await expect.poll(() => a.voice.some((p) => p.kind === 'ready')).toBe(true)
    expect(fake.connections.at(-1)!.authorization).toBe(`Token ${KEY}`)
    await a.invoke('voice.cancel', { streamId })
    a.close()
  })

  it('refuses malformed audio frames and voice endpoints that would send the key in clear', async () => {
    t = await startTestCore()
    await expect(useFake(t, { endpoint: 'ws://api.deepgram.com/v1/listen' })).rejects.toThrow(/wss/)
    const ws = new WebSocket(`ws://127.0.0.1:${t.core.info.port}/ws`, [
      'atelier.v1',
      `bearer.${t.core.info.token}`,
    ])
    await new Promise((resolve) => ws.once('open', resolve))
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
    // Odd PCM length: not 16-bit samples.
    ws.send(new Uint8Array([1, 0, 0, 0, 1, 7, 7, 7]))
    expect(await closed).toBe(1003)
  })
})
