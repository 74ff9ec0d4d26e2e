/**
 * The renderer's Content-Security-Policy. No 'unsafe-eval' anywhere; no remote origins. Styles
 * allow 'unsafe-inline' because React's `style={…}` props and xterm.js write inline styles
 * (inline *scripts* stay forbidden). `blob:` covers Web Workers created from bundled code and
 * generated textures; `data:` covers inlined fonts/images. In dev only, the Vite server needs its
 * HMR WebSocket on the same loopback origin and React Refresh's inline preamble script, so dev
 * adds 'unsafe-inline' to script-src; the packaged app never does.
 */
import type { RendererLocation } from './renderer-origin'

/** Directives a `<meta>` policy cannot carry: browsers ignore them there (and warn). */
const HEADER_ONLY_DIRECTIVES = new Set(['frame-ancestors', 'report-uri', 'sandbox'])

export function contentSecurityPolicy(location: RendererLocation): string {
  return serialize(directives(location))
}

/**
 * The packaged policy as written into the built index.html's `<meta>` tag. A page loaded from
 * file:// gets no response headers from a server, so the tag is what holds there even if the
 * shell's header injection ever misses a load; served pages (headless) get both, and a browser
 * enforces each. `'self'` also covers the headless page's WebSocket back to its own host:port.
 */
export function metaContentSecurityPolicy(): string {
  const all = directives({ kind: 'file', indexHtml: 'index.html' })
  return serialize(
    Object.fromEntries(Object.entries(all).filter(([name]) => !HEADER_ONLY_DIRECTIVES.has(name))),
  )
}

function serialize(directives: Record<string, string>): string {
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ')
}

function directives(location: RendererLocation): Record<string, string> {
  const devOrigin = location.kind === 'dev-server' ? new URL(location.url).origin : null
  const devSocket = devOrigin ? devOrigin.replace(/^http/, 'ws') : null
  const self = devOrigin ? `'self' ${devOrigin}` : "'self'"
  return {
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
}
