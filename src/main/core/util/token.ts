/**
 * Secrets kept in the data folder: random, one per file, mode 0600, reused across restarts and
 * replaced atomically when rotated.
 */
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The app-control token: every /api channel, the WebSocket, /health and /metrics. */
export const TOKEN_FILE = 'token'
/**
 * The observer token of the global hooks (sessions Atelier did not start): it can post hook
 * events for observed sessions and nothing else.
 */
export const OBSERVER_TOKEN_FILE = 'hook-token'
const TOKEN_RE = /^[a-f0-9]{64}$/

export function newToken(): string {
  return randomBytes(32).toString('hex')
}

export function loadOrCreateToken(dataDir: string, name: string = TOKEN_FILE): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const file = join(dataDir, name)
  if (existsSync(file)) {
    const existing = readFileSync(file, 'utf8').trim()
    if (TOKEN_RE.test(existing)) {
      chmodSync(file, 0o600)
      return existing
    }
  }
  return replaceToken(dataDir, name)
}

/** Writes a fresh token: readers see the old file or the new one, never a partial write. */
export function replaceToken(dataDir: string, name: string = TOKEN_FILE): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const file = join(dataDir, name)
  const token = newToken()
  const tmp = `${file}.tmp-${process.pid}`
  writeFileSync(tmp, token + '\n', { mode: 0o600 })
  chmodSync(tmp, 0o600)
  renameSync(tmp, file)
  return token
}
