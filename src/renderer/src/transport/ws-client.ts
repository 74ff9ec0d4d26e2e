/**
 * The headless transport: the contract over one authenticated WebSocket. The page URL carries a
 * single-use ticket; the page removes it from the address bar at once, trades it for a browser
 * token (good for this WebSocket only) and keeps that in sessionStorage for reloads.
 */
import type {
  AtelierApi,
  ChannelName,
  RequestOf,
  ResponseOf,
  StreamName,
  StreamPayload,
  WsServerFrame,
} from '@shared/contract'
import { encodeAudioFrame } from '@shared/voice-audio'

export const TOKEN_STORAGE_KEY = 'atelier.token'
const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 4000]
const INVOKE_TIMEOUT_MS = 30_000

export class TransportError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly field?: string,
  ) {
    super(message)
  }
}

export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorized'

/**
 * The browser token: a ?ticket= in the URL is scrubbed from the address bar first, then redeemed
 * (once; a reload finds the token in sessionStorage). An empty string when there is neither.
 */
export async function pageCredential(
  loc: Location = window.location,
  history: History = window.history,
  post: typeof fetch = (input, init) => fetch(input, init),
): Promise<string> {
  const url = new URL(loc.href)
  const ticket = url.searchParams.get('ticket')
  if (ticket) {
    url.searchParams.delete('ticket')
    history.replaceState(null, '', url.pathname + (url.search ? url.search : '') + url.hash)
    try {
      const res = await post('/auth/ticket', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ticket }),
      })
      if (res.ok) {
        const { token } = (await res.json()) as { token: string }
        sessionStorage.setItem(TOKEN_STORAGE_KEY, token)
        return token
      }
    } catch {
      // The app is unreachable: fall back to a token from an earlier load, if any.
    }
  }
  return sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? ''
}

export class WsClient implements AtelierApi {
  private ws: WebSocket | null = null
  private nextId = 1
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: number }
  >()
  private readonly listeners = new Map<StreamName, Set<(p: unknown) => void>>()
  private readonly stateListeners = new Set<(s: ConnectionState) => void>()
  private attempt = 0
  state: ConnectionState = 'connecting'
  private openWaiters: (() => void)[] = []

  constructor(
    private readonly url: string,
    private readonly credential: Promise<string>,
  ) {
    void this.open()
  }

  private setState(s: ConnectionState): void {
    this.state = s
    for (const cb of this.stateListeners) cb(s)
  }

  onState(cb: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(cb)
    return () => this.stateListeners.delete(cb)
  }

  private async open(): Promise<void> {
    this.setState('connecting')
    const token = await this.credential
    const ws = new WebSocket(this.url, ['atelier.v1', `bearer.${token}`])
    this.ws = ws
    let opened = false
    ws.onopen = () => {
      opened = true
      this.attempt = 0
      this.setState('open')
      for (const w of this.openWaiters.splice(0)) w()
    }
    ws.onmessage = (msg) => this.receive(String(msg.data))
    ws.onclose = () => {
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer)
        p.reject(new TransportError('unavailable', 'connection lost'))
        this.pending.delete(id)
      }
      // A handshake refused before opening is almost always a bad token: stop retrying.
      if (!opened && this.attempt >= 2) {
        this.setState('unauthorized')
      } else {
        this.setState('closed')
      }
      const delay = RECONNECT_DELAYS_MS[Math.min(this.attempt, RECONNECT_DELAYS_MS.length - 1)]
      this.attempt++
      window.setTimeout(() => void this.open(), delay)
    }
  }

  private receive(text: string): void {
    let frame: WsServerFrame
    try {
      frame = JSON.parse(text) as WsServerFrame
    } catch {
      return
    }
    if (frame.t === 'result') {
      const p = this.pending.get(frame.id)
      if (!p) return
      this.pending.delete(frame.id)
      clearTimeout(p.timer)
      if (frame.ok) p.resolve(frame.data)
      else p.reject(new TransportError(frame.error.code, frame.error.message, frame.error.field))
    } else if (frame.t === 'push') {
      for (const cb of this.listeners.get(frame.stream) ?? []) cb(frame.data)
    }
  }

  private whenOpen(): Promise<void> {
    if (this.ws?.readyState === WebSocket.OPEN) return Promise.resolve()
    return new Promise((r) => this.openWaiters.push(r))
  }

  async invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    await this.whenOpen()
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const timer = window.setTimeout(() => {
        this.pending.delete(id)
        reject(new TransportError('unavailable', `${channel} timed out`))
      }, INVOKE_TIMEOUT_MS)
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer })
      this.ws!.send(JSON.stringify({ t: 'invoke', id, channel, payload: request }))
    })
  }

  /** Audio goes out as one binary frame per chunk; dropped while the socket is not open. */
  sendAudio(streamId: number, pcm: ArrayBuffer): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(encodeAudioFrame(streamId, pcm))
  }

  on<S extends StreamName>(stream: S, listener: (payload: StreamPayload<S>) => void): () => void {
    let set = this.listeners.get(stream)
    if (!set) this.listeners.set(stream, (set = new Set()))
    set.add(listener as (p: unknown) => void)
    return () => set.delete(listener as (p: unknown) => void)
  }
}
