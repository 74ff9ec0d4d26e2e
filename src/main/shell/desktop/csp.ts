/**
 * The renderer's Content-Security-Policy. No 'unsafe-eval' anywhere; no remote origins. Styles
 * allow 'unsafe-inline' because React's `style={…}` props and xterm.js write inline styles
 * (inline *scripts* stay forbidden). `blob:` covers Web Workers created from bundled code and
 * generated textures; `data:` covers inlined fonts/images. In dev only, the Vite server needs its
 * HMR WebSocket on the same loopback origin and React Refresh's inline preamble script, so dev
 * adds 'unsafe-inline' to script-src; the packaged app never does.
 */
import type { RendererLocation } from './renderer-origin'

export function contentSecurityPolicy(location: RendererLocation): string {
  const devOrigin = location.kind === 'dev-server' ? new URL(location.url).origin : null
  const devSocket = devOrigin ? devOrigin.replace(/^http/, 'ws') : null
  const self = devOrigin ? `'self' ${devOrigin}` : "'self'"
  const directives: Record<string, string> = {
    'default-src': self,
    'script-src': devOrigin ? `${self} 'unsafe-inline'` : self,
    'style-src': `${self} 'unsafe-inline'`,
    'img-src': `${self} data: blob:`,
    'font-src': `${self} data:`,
    'media-src': `${self} data: blob:`,
    'connect-src': devSocket ? `${self} ${devSocket}` : self,
    'worker-src': `${self} blob:`,
    'object-src': "'none'",
    'frame-src': "'none'",
    'base-uri': "'none'",
    'form-action': "'none'",
    'frame-ancestors': "'none'",
  }
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ')
}
