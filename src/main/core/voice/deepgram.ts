/**
 * Deepgram's live transcription over a WebSocket (`/v1/listen`), as Deepgram documents it:
 * - the handshake carries the audio format and features as query parameters and the key as
 *   `Authorization: Token <key>`; a refused handshake is an HTTP error (401 for a bad key) with
 *   the reason in the `dg-error` header and a JSON body `{err_code, err_msg}`;
 * - audio goes up as binary frames (never an empty one: Deepgram reads that as the end);
 * - `Results` messages come down with `is_final`, `speech_final` and
 *   `channel.alternatives[0].transcript`; `Metadata`, `SpeechStarted` and `UtteranceEnd` too;
 * - the text frame `{"type":"KeepAlive"}` holds the connection open through a pause (Deepgram
 *   closes it after 10 s without audio, close reason NET-0001), `{"type":"CloseStream"}` asks it
 *   to answer the remaining audio, send a Metadata summary and close with 1000;
 * - errors mid-stream arrive as close frames whose reason names them (DATA-0000: not audio).
 */
import WebSocket from 'ws'
import type { IncomingMessage } from 'node:http'
import type { VoiceError } from '@shared/voice'
import type {
  SpeechProvider,
  SpeechStream,
  SpeechStreamEvents,
  SpeechStreamOptions,
} from './provider'

export const DEEPGRAM_CONNECT_TIMEOUT_MS = 5_000
/** Deepgram drops a connection after 10 s without data; its docs advise a KeepAlive every 3–5 s. */
export const DEEPGRAM_KEEPALIVE_AFTER_MS = 4_000
/** Audio held while the handshake is in flight: about 10 s at 48 kHz, 30 s at 16 kHz. */
export const MAX_PENDING_AUDIO_BYTES = 1024 * 1024
const MAX_ERROR_BODY_BYTES = 4096

const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
])

export function deepgramUrl(opts: SpeechStreamOptions): string {
  const url = new URL(opts.endpoint)
  const params: Record<string, string> = {
    model: opts.model,
    language: opts.language,
    encoding: 'linear16',
    sample_rate: String(opts.sampleRate),
    channels: String(opts.channels),
    interim_results: 'true',
    smart_format: 'true',
    punctuate: 'true',
  }
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v)
  return url.toString()
}

/** What a refused handshake means, from its status, `dg-error` header and JSON body. */
export function handshakeError(
  status: number,
  dgError: string | undefined,
  body: string,
): VoiceError {
  let detail = dgError?.trim() ?? ''
  try {
    const parsed = JSON.parse(body) as { err_code?: unknown; err_msg?: unknown }
    const parts = [parsed.err_code, parsed.err_msg].filter((p) => typeof p === 'string')
    if (!detail && parts.length) detail = parts.join(': ')
  } catch {
    if (!detail) detail = body.trim().slice(0, 200)
  }
  const suffix = detail ? ` (${status} ${detail})` : ` (HTTP ${status})`
  if (status === 401 || status === 403)
    return {
      reason: 'rejected_key',
      message: `Deepgram rejected the API key${suffix}. Check it in Settings → Voice.`,
    }
  if (status === 402)
    return {
      reason: 'provider',
      message: `Deepgram refused: the account is out of credit${suffix}.`,
    }
  if (status === 429)
    return { reason: 'provider', message: `Deepgram is rate limiting this key${suffix}.` }
  return { reason: 'provider', message: `Deepgram refused the connection${suffix}.` }
}

/** A close frame that ended a stream nobody asked to end. */
export function closeError(code: number, reason: string): VoiceError {
  const text = reason.trim()
  if (text.startsWith('NET-0001'))
    return { reason: 'timeout', message: `Deepgram stopped waiting for audio (${text}).` }
  if (text.startsWith('DATA-'))
    return { reason: 'audio', message: `Deepgram could not decode the audio (${text}).` }
  return {
    reason: 'provider',
    message: `Deepgram closed the stream (code ${code}${text ? `, ${text}` : ''}).`,
  }
}

function networkError(err: Error & { code?: string }, endpoint: string): VoiceError {
  const host = new URL(endpoint).host
  if ((err.code && NETWORK_ERRORS.has(err.code)) || /handshake has timed out/i.test(err.message))
    return {
      reason: 'unreachable',
      message: `Could not reach Deepgram at ${host} (${err.code ?? 'timed out'}). Check the network or the endpoint in Settings → Voice.`,
    }
  return { reason: 'provider', message: `Deepgram connection failed: ${err.message}` }
}

function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    res.on('data', (c: Buffer) => {
      if (size < MAX_ERROR_BODY_BYTES) chunks.push(c)
      size += c.length
    })
    res.on('end', () =>
      resolve(Buffer.concat(chunks).toString('utf8').slice(0, MAX_ERROR_BODY_BYTES)),
    )
    res.on('error', () => resolve(''))
  })
}

interface DeepgramMessage {
  type?: unknown
  is_final?: unknown
  speech_final?: unknown
  channel?: { alternatives?: { transcript?: unknown }[] }
  description?: unknown
  message?: unknown
}

function openDeepgram(
  opts: SpeechStreamOptions,
  events: SpeechStreamEvents,
  keepAliveAfterMs: number,
): SpeechStream {
  const ws = new WebSocket(deepgramUrl(opts), {
    headers: { Authorization: `Token ${opts.key}` },
    handshakeTimeout: DEEPGRAM_CONNECT_TIMEOUT_MS,
    perMessageDeflate: false,
  })
  let pending: Uint8Array[] = []
  let pendingBytes = 0
  let finishing = false
  let aborted = false
  let failed = false
  let lastSentAt = Date.now()
  let keepAlive: NodeJS.Timeout | null = null

  const fail = (error: VoiceError) => {
    if (failed || aborted) return
    failed = true
    events.onError(error)
  }
  const sendText = (message: object) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message))
  }

  ws.on('open', () => {
    for (const chunk of pending) ws.send(chunk, { binary: true })
    pending = []
    pendingBytes = 0
    lastSentAt = Date.now()
    events.onOpen()
    if (finishing) sendText({ type: 'CloseStream' })
    keepAlive = setInterval(
      () => {
        if (!finishing && Date.now() - lastSentAt >= keepAliveAfterMs) {
          sendText({ type: 'KeepAlive' })
          lastSentAt = Date.now()
        }
      },
      Math.min(1_000, keepAliveAfterMs / 2),
    )
    keepAlive.unref()
  })
  ws.on('message', (data, isBinary) => {
    if (isBinary) return
    let msg: DeepgramMessage
    try {
      msg = JSON.parse(String(data)) as DeepgramMessage
    } catch {
      return
    }
    if (msg.type === 'Results') {
      const text = msg.channel?.alternatives?.[0]?.transcript
      if (typeof text !== 'string' || text.trim() === '') return
      events.onTranscript({
        text: text.trim(),
        isFinal: msg.is_final === true,
        speechFinal: msg.speech_final === true,
      })
    } else if (msg.type === 'Error') {
      const detail = [msg.description, msg.message].find((d) => typeof d === 'string')
      fail({
        reason: 'provider',
        message: `Deepgram reported an error: ${String(detail ?? 'unknown')}`,
      })
    }
  })
  ws.on('unexpected-response', (req, res) => {
    const status = res.statusCode ?? 0
    const header = res.headers['dg-error']
    void readBody(res).then((body) => {
      fail(handshakeError(status, Array.isArray(header) ? header[0] : header, body))
      req.destroy()
      ws.terminate()
    })
  })
  ws.on('error', (err) => fail(networkError(err, opts.endpoint)))
  ws.on('close', (code, reason) => {
    if (keepAlive) clearInterval(keepAlive)
    if (!aborted && !(finishing && code === 1000)) fail(closeError(code, String(reason)))
    events.onClose()
  })

  return {
    send(pcm) {
      if (pcm.byteLength === 0 || finishing || aborted) return
      if (ws.readyState === WebSocket.OPEN) {
        ws.send(pcm, { binary: true })
        lastSentAt = Date.now()
      } else if (ws.readyState === WebSocket.CONNECTING) {
        pending.push(pcm)
        pendingBytes += pcm.byteLength
        // Bounded: the oldest audio goes first if the handshake takes very long.
        while (pendingBytes > MAX_PENDING_AUDIO_BYTES && pending.length > 1)
          pendingBytes -= pending.shift()!.byteLength
      }
    },
    finish() {
      if (finishing || aborted) return
      finishing = true
      sendText({ type: 'CloseStream' })
    },
    abort() {
      if (aborted) return
      aborted = true
      if (ws.readyState === WebSocket.OPEN) ws.close(1000)
      else ws.terminate()
    },
  }
}

export function createDeepgramProvider(opts: { keepAliveAfterMs?: number } = {}): SpeechProvider {
  const keepAliveAfterMs = opts.keepAliveAfterMs ?? DEEPGRAM_KEEPALIVE_AFTER_MS
  return {
    id: 'deepgram',
    label: 'Deepgram',
    open: (streamOpts, events) => openDeepgram(streamOpts, events, keepAliveAfterMs),
  }
}
