/**
 * A stand-in for Deepgram's live transcription endpoint on 127.0.0.1, written to Deepgram's
 * documented streaming protocol:
 * - handshake on `/v1/listen` with the audio format and features as query parameters
 *   (`encoding`, `sample_rate`, `channels`, `interim_results`, `model`, `language`…) and the key
 *   as `Authorization: Token <key>`; a bad key gets HTTP 401 with a `dg-error` header and the
 *   JSON body `{err_code: "INVALID_AUTH", err_msg, request_id}`; a bad format gets 400;
 * - binary frames are audio (an empty one means "end", as Deepgram treats it);
 * - text frames are control messages: `KeepAlive`, `Finalize`, `CloseStream`;
 * - it answers with `Results` messages (`is_final`, `speech_final`,
 *   `channel.alternatives[0].transcript`, `from_finalize`), and on CloseStream with the last
 *   results, a `Metadata` summary and a 1000 close; no data for the idle timeout → close 1011
 *   "NET-0001".
 * It cannot recognise speech. Instead it is given the utterances a test speaks (espeak-ng WAVs
 * and their text) and recognises one by comparing loudness envelopes: that only succeeds if the
 * audio that arrived is that recording, as 16-bit PCM, at the sample rate the client declared.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { createHash, randomUUID } from 'node:crypto'
import type { AddressInfo, Socket } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { bestCorrelation, envelope, pcmFromBytes, rms, speechSeconds, type Pcm } from './audio'

export const DEEPGRAM_PATH = '/v1/listen'
const SUPPORTED_ENCODINGS = new Set([
  'linear16',
  'linear32',
  'flac',
  'mulaw',
  'alaw',
  'opus',
  'speex',
  'amr-nb',
  'amr-wb',
  'g729',
])
/** A match needs at least this envelope correlation. */
export const MATCH_THRESHOLD = 0.6
/** An interim result after every this much newly received audio. */
const INTERIM_EVERY_MS = 300
/** Quieter than this (16-bit RMS) counts as silence. */
export const SILENCE_RMS = 60

export interface Utterance {
  text: string
  audio: Pcm
}

export interface FakeDeepgramConnection {
  query: URLSearchParams
  authorization: string | undefined
  sampleRate: number
  encoding: string
  channels: number
  audioBytes: number
  /** Received audio as 16-bit samples. */
  samples(): Int16Array
  /** Control messages in arrival order (KeepAlive, Finalize, CloseStream). */
  controls: string[]
  /** Results messages sent back. */
  results: {
    transcript: string
    is_final: boolean
    speech_final: boolean
    from_finalize: boolean
  }[]
  /** How the best utterance matched at the end (null before the end). */
  match: { text: string; correlation: number } | null
  rms: number
  closed: { code: number; reason: string } | null
}

export interface FakeDeepgramOptions {
  /** Keys that are accepted; any other gets 401. */
  keys: string[]
  utterances?: Utterance[]
  /** Deepgram closes after 10 s without data. */
  idleTimeoutMs?: number
  /**
   * Answer every stream with this text instead of recognising (benchmarks: no envelope work in
   * the measured path). Silence still gets an empty transcript.
   */
  transcript?: string
}

export interface FakeDeepgram {
  endpoint: string
  port: number
  connections: FakeDeepgramConnection[]
  /** Resolves when a connection has received at least `bytes` of audio. */
  waitForAudio(bytes: number, index?: number): Promise<FakeDeepgramConnection>
  /** Resolves when `count` connections have closed. */
  waitForClosed(count: number): Promise<void>
  /** The utterances a test is about to speak (recognition picks among these). */
  setUtterances(utterances: Utterance[]): void
  /** Ends every open stream as Deepgram does on an internal failure (1011 NET-0000). */
  failOpenStreams(): void
  close(): Promise<void>
}

function refuse(socket: Socket, status: number, text: string, code: string, message: string) {
  const body = JSON.stringify({ err_code: code, err_msg: message, request_id: randomUUID() })
  socket.end(
    [
      `HTTP/1.1 ${status} ${text}`,
      'content-type: application/json',
      `content-length: ${Buffer.byteLength(body)}`,
      `dg-request-id: ${randomUUID()}`,
      `dg-error: ${message}`,
      'connection: close',
      '',
      body,
    ].join('\r\n'),
  )
}

/** The reference envelope trimmed to its speech (espeak pads with silence). */
function speechEnvelope(audio: Pcm): number[] {
  const env = envelope(audio.samples, audio.sampleRate)
  const peak = Math.max(...env)
  const first = env.findIndex((v) => v > peak * 0.05)
  const last = env.length - 1 - [...env].reverse().findIndex((v) => v > peak * 0.05)
  return env.slice(first, last + 1)
}

export async function startFakeDeepgram(opts: FakeDeepgramOptions): Promise<FakeDeepgram> {
  const reference = (u: Utterance) => ({
    text: u.text,
    env: speechEnvelope(u.audio),
    speech: speechSeconds(envelope(u.audio.samples, u.audio.sampleRate)),
  })
  let references = (opts.utterances ?? []).map(reference)
  const idleTimeoutMs = opts.idleTimeoutMs ?? 10_000
  const connections: FakeDeepgramConnection[] = []
  const waiters = new Set<() => void>()
  const notify = () => {
    for (const w of [...waiters]) w()
  }
  const server: Server = createServer((_req, res) => {
    res.writeHead(404).end()
  })
  const wss = new WebSocketServer({ noServer: true })

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (url.pathname !== DEEPGRAM_PATH)
      return refuse(socket, 404, 'Not Found', 'NOT_FOUND', 'Not found.')
    const auth = req.headers.authorization
    const key = /^Token (.+)$/.exec(auth ?? '')?.[1]
    if (!key || !opts.keys.includes(key))
      return refuse(socket, 401, 'Unauthorized', 'INVALID_AUTH', 'Invalid credentials.')
    const encoding = url.searchParams.get('encoding') ?? ''
    const sampleRate = Number(url.searchParams.get('sample_rate'))
    const channels = Number(url.searchParams.get('channels') ?? '1')
    if (encoding && !SUPPORTED_ENCODINGS.has(encoding))
      return refuse(socket, 400, 'Bad Request', 'Bad Request', `unsupported encoding ${encoding}`)
    if (encoding && (!Number.isInteger(sampleRate) || sampleRate <= 0))
      return refuse(
        socket,
        400,
        'Bad Request',
        'Bad Request',
        'sample_rate is required with encoding',
      )
    wss.handleUpgrade(req, socket, head, (ws) =>
      serve(ws, { query: url.searchParams, auth, encoding, sampleRate, channels }),
    )
  })

  function serve(
    ws: WebSocket,
    h: {
      query: URLSearchParams
      auth: string | undefined
      encoding: string
      sampleRate: number
      channels: number
    },
  ) {
    const chunks: Buffer[] = []
    const requestId = randomUUID()
    const interim = h.query.get('interim_results') === 'true'
    const conn: FakeDeepgramConnection = {
      query: h.query,
      authorization: h.auth,
      sampleRate: h.sampleRate,
      encoding: h.encoding,
      channels: h.channels,
      audioBytes: 0,
      samples: () => pcmFromBytes(Buffer.concat(chunks)),
      controls: [],
      results: [],
      match: null,
      rms: 0,
      closed: null,
    }
    connections.push(conn)
    let sinceInterim = 0
    let idle: NodeJS.Timeout
    const touch = () => {
      clearTimeout(idle)
      idle = setTimeout(() => ws.close(1011, 'NET-0001'), idleTimeoutMs)
    }
    touch()
    const seconds = () => conn.audioBytes / 2 / h.sampleRate

    const recognise = (): { text: string; correlation: number } | null => {
      if (opts.transcript !== undefined) return { text: opts.transcript, correlation: 1 }
      const env = envelope(conn.samples(), h.sampleRate)
      let best: { text: string; correlation: number } | null = null
      for (const r of references) {
        const correlation = bestCorrelation(env, r.env)
        if (!best || correlation > best.correlation) best = { text: r.text, correlation }
      }
      return best
    }
    const sendResults = (
      transcript: string,
      isFinal: boolean,
      speechFinal: boolean,
      fromFinalize: boolean,
    ) => {
      const message = {
        type: 'Results',
        channel_index: [0, 1],
        duration: seconds(),
        start: 0,
        is_final: isFinal,
        speech_final: speechFinal,
        channel: {
          alternatives: [
            {
              transcript,
              confidence: transcript ? 0.98 : 0,
              words: transcript
                .split(/\s+/)
                .filter(Boolean)
                .map((w, i) => ({
                  word: w.toLowerCase(),
                  start: i * 0.3,
                  end: i * 0.3 + 0.25,
                  confidence: 0.98,
                  punctuated_word: w,
                })),
            },
          ],
        },
        metadata: {
          request_id: requestId,
          model_info: { name: 'fake-nova', version: '0', arch: 'fake' },
          model_uuid: randomUUID(),
        },
        from_finalize: fromFinalize,
      }
      conn.results.push({
        transcript,
        is_final: isFinal,
        speech_final: speechFinal,
        from_finalize: fromFinalize,
      })
      ws.send(JSON.stringify(message))
    }
    /** Interim words in proportion to the speech heard so far, of the best match so far. */
    const sendInterim = () => {
      if (opts.transcript !== undefined) {
        const words = opts.transcript.split(/\s+/)
        return sendResults(
          words.slice(0, Math.ceil(words.length / 2)).join(' '),
          false,
          false,
          false,
        )
      }
      const best = recognise()
      if (!best || best.correlation < MATCH_THRESHOLD * 0.5) return
      const ref = references.find((r) => r.text === best.text)!
      const heard = speechSeconds(envelope(conn.samples(), h.sampleRate))
      const words = best.text.split(/\s+/)
      const count = Math.min(
        words.length - 1,
        Math.ceil((heard / Math.max(ref.speech, 0.1)) * words.length),
      )
      if (count > 0) sendResults(words.slice(0, count).join(' '), false, false, false)
    }
    const finalResults = (fromFinalize: boolean) => {
      const samples = conn.samples()
      conn.rms = rms(samples)
      conn.match = recognise()
      const heard =
        conn.rms > SILENCE_RMS && conn.match && conn.match.correlation >= MATCH_THRESHOLD
      sendResults(heard ? conn.match!.text : '', true, true, fromFinalize)
    }
    const closeStream = () => {
      finalResults(false)
      ws.send(
        JSON.stringify({
          type: 'Metadata',
          transaction_key: 'deprecated',
          request_id: requestId,
          sha256: createHash('sha256').update(Buffer.concat(chunks)).digest('hex'),
          created: new Date().toISOString(),
          duration: seconds(),
          channels: h.channels,
        }),
      )
      ws.close(1000)
    }

    ws.on('message', (data, isBinary) => {
      touch()
      if (isBinary) {
        const bytes = Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[])
        if (bytes.length === 0) return closeStream()
        chunks.push(bytes)
        conn.audioBytes += bytes.length
        sinceInterim += bytes.length
        notify()
        if (interim && (sinceInterim / 2 / h.sampleRate) * 1000 >= INTERIM_EVERY_MS) {
          sinceInterim = 0
          sendInterim()
        }
        return
      }
      let type: string
      try {
        type = String((JSON.parse(String(data)) as { type?: unknown }).type)
      } catch {
        return ws.close(1008, 'DATA-0000')
      }
      conn.controls.push(type)
      notify()
      if (type === 'CloseStream') closeStream()
      else if (type === 'Finalize') finalResults(true)
    })
    ws.on('close', (code, reason) => {
      clearTimeout(idle)
      conn.closed = { code, reason: String(reason) }
      notify()
    })
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const until = (check: () => boolean) =>
    new Promise<void>((resolve) => {
      if (check()) return resolve()
      const w = () => {
        if (!check()) return
        waiters.delete(w)
        resolve()
      }
      waiters.add(w)
    })

  return {
    endpoint: `ws://127.0.0.1:${port}${DEEPGRAM_PATH}`,
    port,
    connections,
    async waitForAudio(bytes, index) {
      const pick = () =>
        index === undefined ? connections[connections.length - 1] : connections[index]
      await until(() => (pick()?.audioBytes ?? 0) >= bytes)
      return pick()!
    },
    waitForClosed: (count) => until(() => connections.filter((c) => c.closed).length >= count),
    setUtterances(utterances) {
      references = utterances.map(reference)
    },
    failOpenStreams() {
      for (const c of wss.clients) c.close(1011, 'NET-0000')
    },
    async close() {
      for (const c of wss.clients) c.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
