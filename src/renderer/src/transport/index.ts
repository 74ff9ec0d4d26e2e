/**
 * Picks the transport: Electron's preload bridge (`window.atelier`) when present, otherwise the
 * headless WebSocket to the page's own origin.
 */
import type { AtelierApi } from '@shared/contract'
import { pageCredential, WsClient, TransportError, type ConnectionState } from './ws-client'

export { TransportError }
export type { ConnectionState }

declare global {
  interface Window {
    atelier?: AtelierApi
  }
}

export interface Transport {
  api: AtelierApi
  onState(cb: (s: ConnectionState) => void): () => void
  state(): ConnectionState
  runtime: 'electron' | 'headless'
}

export function createTransport(): Transport {
  if (window.atelier) {
    return {
      api: window.atelier,
      onState: () => () => {},
      state: () => 'open',
      runtime: 'electron',
    }
  }
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`
  const client = new WsClient(url, pageCredential())
  return {
    api: client,
    onState: (cb) => client.onState(cb),
    state: () => client.state,
    runtime: 'headless',
  }
}

let connected: AtelierApi | null = null

/** Makes `api` the one every call to the core goes through (startSync does, at start-up). */
export function connectCore(api: AtelierApi): void {
  connected = api
}

/** The core's contract API: every invoke and push subscription goes through it. */
export function core(): AtelierApi {
  if (!connected) throw new Error('transport not started')
  return connected
}
