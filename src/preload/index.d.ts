import type { AtelierApi } from '@shared/contract'

declare global {
  interface Window {
    /** Present in the desktop app (preload); absent in a plain browser (headless mode uses WebSocket). */
    atelier?: AtelierApi
  }
}

export {}
