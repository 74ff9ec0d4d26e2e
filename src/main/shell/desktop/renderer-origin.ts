/**
 * Where the app's own renderer lives, and whether a frame URL is it. Every IPC call and every
 * navigation is checked against this, so a page that is not ours (a link that slipped through, an
 * injected iframe) can never reach the core.
 *
 * - dev: electron-vite's dev server (ELECTRON_RENDERER_URL), e.g. http://localhost:5173/
 *   → same origin required (HMR may change the path).
 * - prod: file://…/out/renderer/index.html → exactly that file (query/hash ignored).
 */
import { pathToFileURL } from 'node:url'

export type RendererLocation =
  { kind: 'dev-server'; url: string } | { kind: 'file'; indexHtml: string }

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Decides dev vs prod from electron-vite's env var; a dev URL must be loopback http(s). */
export function resolveRendererLocation(
  devServerUrl: string | undefined,
  indexHtml: string,
): RendererLocation {
  if (devServerUrl) {
    const url = new URL(devServerUrl)
    if (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      LOOPBACK_HOSTS.has(url.hostname)
    ) {
      return { kind: 'dev-server', url: url.href }
    }
    throw new Error(`ELECTRON_RENDERER_URL must be a loopback http(s) URL, got ${devServerUrl}`)
  }
  return { kind: 'file', indexHtml }
}

/** The URL the window loads. */
export function rendererEntryUrl(location: RendererLocation): string {
  return location.kind === 'dev-server' ? location.url : pathToFileURL(location.indexHtml).href
}

export function isAppRendererUrl(
  frameUrl: string | undefined | null,
  location: RendererLocation,
): boolean {
  if (!frameUrl) return false
  let url: URL
  try {
    url = new URL(frameUrl)
  } catch {
    return false
  }
  if (location.kind === 'dev-server') {
    return url.origin === new URL(location.url).origin
  }
  const expected = new URL(pathToFileURL(location.indexHtml).href)
  return (
    url.protocol === 'file:' && url.host === expected.host && url.pathname === expected.pathname
  )
}
