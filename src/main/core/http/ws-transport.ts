/**
 * The headless UI transport: one WebSocket per browser tab carrying the same contract as
 * Electron IPC — `invoke` frames answered by `result` frames, and `push` frames from the hub.
 * Binary frames carry microphone audio for a dictation stream (tag, stream id, PCM).
 */
import { randomUUID } from 'node:crypto'
import type { WebSocket } from 'ws'
import { ApiError, WsClientFrameSchema, type WsServerFrame } from '@shared/contract'
import { decodeAudioFrame } from '@shared/voice-audio'
import type { Dispatch } from '../api/dispatcher'
import type { Hub } from '../events/hub'

/** Invokes a single client may have in flight; more are refused rather than queued. */
export const MAX_INFLIGHT_PER_CLIENT = 64

export interface WsClientHooks {
  onAudio?: (streamId: number, pcm: Uint8Array) => void
  onClose?: () => void
}

export function attachWebSocketClient(
  ws: WebSocket,
  hub: Hub,
  dispatch: Dispatch,
  hooks: WsClientHooks = {},
): string {
  const clientId = `ws-${randomUUID()}`
  let inflight = 0
  const send = (frame: WsServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame))
  }
  const disconnect = hub.connect({
    id: clientId,
    push: (stream, data) => send({ t: 'push', stream, data }),
    buffered: () => ws.bufferedAmount,
  })
  ws.on('message', (buf, isBinary) => {
    if (isBinary) {
      const audio = hooks.onAudio && decodeAudioFrame(toBytes(buf))
      if (!audio) return ws.close(1003, 'unsupported binary frame')
      return hooks.onAudio!(audio.streamId, audio.pcm)
    }
    let frame
    try {
      frame = WsClientFrameSchema.parse(JSON.parse(buf.toString()))
    } catch {
      return ws.close(1007, 'invalid frame')
    }
    if (frame.t === 'ping') return send({ t: 'pong' })
    const { id } = frame
    if (inflight >= MAX_INFLIGHT_PER_CLIENT) {
      return send({
        t: 'result',
        id,
        ok: false,
        error: new ApiError('rate_limited', 'too many requests in flight').toJSON(),
      })
    }
    inflight++
    dispatch(frame.channel, frame.payload, { clientId })
      .then((data) => send({ t: 'result', id, ok: true, data }))
      .catch((err: unknown) => {
        const e = err instanceof ApiError ? err : new ApiError('internal', String(err))
        send({ t: 'result', id, ok: false, error: e.toJSON() })
      })
      .finally(() => inflight--)
  })
  ws.on('close', () => {
    disconnect()
    hooks.onClose?.()
  })
  ws.on('error', () => ws.terminate())
  return clientId
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data)
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data
}
