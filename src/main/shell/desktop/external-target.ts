/**
 * The one rule for what the desktop app may hand to the OS: http(s) URLs go to the browser, and a
 * path that exists on this machine is only ever *revealed* in the file manager (its folder opens
 * with the item selected). Nothing on disk is opened: on macOS an `.app` bundle is a folder, and
 * opening a file runs its handler app (or the file itself), so a link written by Claude into a
 * cloned repository could launch anything. Everything else (file:, javascript:, custom schemes,
 * relative paths) is refused, because a compromised or confused renderer must not be able to make
 * the OS run things.
 */
import { statSync } from 'node:fs'
import { isAbsolute, normalize } from 'node:path'

export const MAX_EXTERNAL_TARGET_CHARS = 4096
const ALLOWED_URL_PROTOCOLS = new Set(['http:', 'https:'])

export type ExternalTarget =
  | { kind: 'url'; url: string }
  | { kind: 'reveal'; path: string }
  | { kind: 'rejected'; reason: string }

export function pathExists(path: string): boolean {
  try {
    statSync(path)
    return true
  } catch {
    return false
  }
}

export function classifyExternalTarget(
  target: string,
  exists: (path: string) => boolean = pathExists,
): ExternalTarget {
  if (target.length === 0 || target.length > MAX_EXTERNAL_TARGET_CHARS) {
    return { kind: 'rejected', reason: 'empty or too long' }
  }
  // Control characters have no business in a link or path and can smuggle extra arguments.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(target))
    return { kind: 'rejected', reason: 'control characters' }
  if (isAbsolute(target)) {
    const path = normalize(target)
    return exists(path)
      ? { kind: 'reveal', path }
      : { kind: 'rejected', reason: 'no such file or folder' }
  }
  let url: URL
  try {
    url = new URL(target)
  } catch {
    return { kind: 'rejected', reason: 'neither an absolute folder path nor a URL' }
  }
  if (!ALLOWED_URL_PROTOCOLS.has(url.protocol)) {
    return { kind: 'rejected', reason: `scheme ${url.protocol} is not allowed` }
  }
  if (url.username || url.password) return { kind: 'rejected', reason: 'credentials in URL' }
  if (!url.hostname) return { kind: 'rejected', reason: 'no host' }
  return { kind: 'url', url: url.href }
}
