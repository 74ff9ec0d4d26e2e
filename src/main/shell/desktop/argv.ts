/**
 * What a launch asks for, read from its argv. Used twice: for our own launch, and for the argv a
 * second launch forwards to the running instance (Electron's `second-instance` event) before it
 * exits. Chromium/Electron switches and the executable/app path are ignored; unknown words too.
 *
 * Recognised:
 *   --session <id> | --session=<id>   focus that session
 *   atelier://session/<id>            the same, as a deep link
 *   --hidden                          start in the tray without showing the window (login launch)
 */
export const DEEP_LINK_SCHEME = 'atelier'
const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{1,200}$/

export interface LaunchRequest {
  focusSessionId?: string
  hidden: boolean
}

function sessionFromDeepLink(arg: string): string | undefined {
  let url: URL
  try {
    url = new URL(arg)
  } catch {
    return undefined
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return undefined
  // atelier://session/<id> parses as host "session", pathname "/<id>".
  if (url.hostname !== 'session') return undefined
  let id: string
  try {
    id = decodeURIComponent(url.pathname.replace(/^\/+/, '').replace(/\/+$/, ''))
  } catch {
    return undefined // a malformed %-escape: not a link to any session
  }
  return SESSION_ID_PATTERN.test(id) ? id : undefined
}

export function parseLaunchRequest(argv: readonly string[]): LaunchRequest {
  const request: LaunchRequest = { hidden: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--hidden') {
      request.hidden = true
    } else if (arg === '--session') {
      const next = argv[i + 1]
      if (next !== undefined && !next.startsWith('-') && SESSION_ID_PATTERN.test(next)) {
        request.focusSessionId = next
        i++
      }
    } else if (arg.startsWith('--session=')) {
      const id = arg.slice('--session='.length)
      if (SESSION_ID_PATTERN.test(id)) request.focusSessionId = id
    } else if (arg.startsWith(`${DEEP_LINK_SCHEME}://`)) {
      const id = sessionFromDeepLink(arg)
      if (id) request.focusSessionId = id
    }
  }
  return request
}
