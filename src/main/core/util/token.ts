/** The app token: random, stored with mode 0600, reused across restarts. */
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const TOKEN_FILE = 'token'
const TOKEN_RE = /^[a-f0-9]{64}$/

export function newToken(): string {
  return randomBytes(32).toString('hex')
}

export function loadOrCreateToken(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const file = join(dataDir, TOKEN_FILE)
  if (existsSync(file)) {
    const existing = readFileSync(file, 'utf8').trim()
    if (TOKEN_RE.test(existing)) {
      chmodSync(file, 0o600)
      return existing
    }
  }
  const token = newToken()
  writeFileSync(file, token + '\n', { mode: 0o600 })
  chmodSync(file, 0o600)
  return token
}
