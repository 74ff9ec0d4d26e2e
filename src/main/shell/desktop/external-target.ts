/**
 * The one rule for what the desktop app may hand to the OS ("open this link / folder"): only
 * http(s) URLs and folders that exist on this machine. Everything else (file:, javascript:,
 * custom schemes, executables, documents that would launch a handler app) is refused, because a
 * compromised or confused renderer must not be able to make the OS run things.
 */
import { statSync } from 'node:fs'
import { isAbsolute, normalize } from 'node:path'

export const MAX_EXTERNAL_TARGET_CHARS = 4096
const ALLOWED_URL_PROTOCOLS = new Set(['http:', 'https:'])

export type ExternalTarget =
  | { kind: 'url'; url: string }
  | { kind: 'folder'; path: string }
  | { kind: 'rejected'; reason: string }

export function isExistingDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

export function classifyExternalTarget(
  target: string,
  directoryExists: (path: string) => boolean = isExistingDirectory,
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
    return directoryExists(path)
      ? { kind: 'folder', path }
      : { kind: 'rejected', reason: 'not an existing folder' }
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
