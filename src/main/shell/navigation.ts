/**
 * The renderer never navigates away from the app and never opens windows. A clicked http(s) link
 * goes to the browser through the external chokepoint; anything else is dropped. Also: no
 * <webview>, CSP on every response, and web permissions limited to what the UI uses.
 */
import type { App, Session, WebContents } from 'electron'
import { contentSecurityPolicy } from './desktop/csp'
import { isAppRendererUrl, type RendererLocation } from './desktop/renderer-origin'
import type { Logger } from '../core/log/logger'
import { tryOpenExternal } from './external'

/** Web permissions the renderer may use; every other request (camera, geolocation…) is denied. */
export const ALLOWED_WEB_PERMISSIONS: ReadonlySet<string> = new Set([
  'clipboard-sanitized-write',
  'fullscreen',
])

/**
 * The microphone, for dictation: 'media' is granted only when nothing but audio is asked for
 * (a camera request in the same call is refused as a whole).
 */
export function isAllowedPermission(
  permission: string,
  mediaTypes: readonly string[] | undefined,
): boolean {
  if (permission === 'media')
    return (mediaTypes?.length ?? 0) > 0 && mediaTypes!.every((t) => t === 'audio')
  return ALLOWED_WEB_PERMISSIONS.has(permission)
}

export function lockDownWebContents(
  contents: WebContents,
  location: RendererLocation,
  log: Logger,
): void {
  const sendOut = (url: string): void => tryOpenExternal(url, log)
  contents.on('will-navigate', (event, url) => {
    if (isAppRendererUrl(url, location)) return // a reload or dev-server HMR reload of our own page
    event.preventDefault()
    log.warn('navigation blocked:', url)
    if (/^https?:/i.test(url)) sendOut(url)
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppRendererUrl(url, location)) {
      event.preventDefault()
      log.warn('redirect blocked:', url)
    }
  })
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:/i.test(url)) sendOut(url)
    return { action: 'deny' }
  })
}

export function hardenSession(session: Session, location: RendererLocation): void {
  const csp = contentSecurityPolicy(location)
  // Covers responses the session sees as HTTP (the dev server). The packaged file:// page gets the
  // same policy from its <meta http-equiv="Content-Security-Policy"> tag.
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders }
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name]
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } })
  })
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const media = 'mediaTypes' in details ? details.mediaTypes : undefined
    callback(isAllowedPermission(permission, media))
  })
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    isAllowedPermission(
      permission,
      details.mediaType && details.mediaType !== 'unknown' ? [details.mediaType] : undefined,
    ),
  )
}

/** App-wide: refuse <webview> attachment in any webContents, ever. */
export function forbidWebviews(app: App): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
}
