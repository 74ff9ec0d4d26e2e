/**
 * The hook endpoint's TLS identity. Claude Code's native http hooks can only post to a URL, and
 * a loopback port can be taken by any local process once the app is gone (after a quit, a crash,
 * or a restart on another port, while tmux sessions live on). So managed sessions post over TLS
 * to a certificate only this app holds the key to: each session's Claude trusts exactly this
 * certificate (NODE_EXTRA_CA_CERTS), and a process squatting on the port cannot finish the
 * handshake, so it never sees a hook's credential or content, and cannot answer one.
 *
 * The key stays in the data folder (0600, in a 0700 folder) and is reused across restarts, so
 * sessions that outlive the app still trust the next run.
 */
import { X509Certificate } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createSelfSignedCert, keyMatchesCert } from './self-signed-cert'

export const HOOK_TLS_DIR = 'tls'
const KEY_FILE = 'hooks-key.pem'
const CERT_FILE = 'hooks-cert.pem'
/** The port the TLS listener had last time: sessions that outlived the app still post there. */
const PORT_FILE = 'hooks-port'
export const HOOK_CERT_VALID_DAYS = 3650
/** A certificate this close to expiry is replaced at start (live sessions keep the old trust). */
const RENEW_BEFORE_MS = 30 * 86_400_000
export const HOOK_TLS_HOST = '127.0.0.1'

export interface HookTls {
  keyPem: string
  certPem: string
  /** The certificate alone, for NODE_EXTRA_CA_CERTS. */
  certFile: string
}

function writePrivate(file: string, content: string): void {
  const tmp = `${file}.tmp-${process.pid}`
  writeFileSync(tmp, content, { mode: 0o600 })
  chmodSync(tmp, 0o600)
  renameSync(tmp, file)
}

function usable(keyFile: string, certFile: string, now: number): boolean {
  if (!existsSync(keyFile) || !existsSync(certFile)) return false
  try {
    const cert = new X509Certificate(readFileSync(certFile))
    return (
      cert.checkIP(HOOK_TLS_HOST) !== undefined &&
      Date.parse(cert.validTo) - now > RENEW_BEFORE_MS &&
      keyMatchesCert(
        readFileSync(keyFile, 'utf8'),
        cert.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      )
    )
  } catch {
    return false
  }
}

export function loadOrCreateHookTls(dataDir: string, now = Date.now()): HookTls {
  const dir = join(dataDir, HOOK_TLS_DIR)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  chmodSync(dir, 0o700)
  const keyFile = join(dir, KEY_FILE)
  const certFile = join(dir, CERT_FILE)
  if (!usable(keyFile, certFile, now)) {
    const created = createSelfSignedCert({
      commonName: 'Atelier hook endpoint',
      ip: HOOK_TLS_HOST,
      validDays: HOOK_CERT_VALID_DAYS,
      now: new Date(now),
    })
    writePrivate(keyFile, created.keyPem)
    writePrivate(certFile, created.certPem)
  }
  chmodSync(keyFile, 0o600)
  return {
    keyPem: readFileSync(keyFile, 'utf8'),
    certPem: readFileSync(certFile, 'utf8'),
    certFile,
  }
}

/** The TLS hook port of the last run, or 0 (any free port). */
export function lastHookTlsPort(dataDir: string): number {
  try {
    const n = Number(readFileSync(join(dataDir, HOOK_TLS_DIR, PORT_FILE), 'utf8').trim())
    return Number.isInteger(n) && n > 0 && n < 65536 ? n : 0
  } catch {
    return 0
  }
}

export function rememberHookTlsPort(dataDir: string, port: number): void {
  writePrivate(join(dataDir, HOOK_TLS_DIR, PORT_FILE), `${port}\n`)
}
