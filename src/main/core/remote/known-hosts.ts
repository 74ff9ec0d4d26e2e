/**
 * Atelier's own known_hosts file (<data>/ssh/known_hosts): the host keys the user confirmed in
 * the app. ssh reads it beside the user's ~/.ssh/known_hosts; only Atelier writes it, and only
 * after the user confirmed the key's fingerprint.
 */
import { createHash } from 'node:crypto'
import {
  appendFileSync,
  chmodSync,
  existsSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs'

export interface HostKey {
  /** e.g. `ssh-ed25519` */
  type: string
  /** The public key blob, base64 as in known_hosts lines. */
  base64: string
}

/** `SHA256:` and the unpadded base64 of the blob's SHA-256, as ssh and ssh-keygen print it. */
export function fingerprintOf(key: HostKey): string {
  const digest = createHash('sha256').update(Buffer.from(key.base64, 'base64')).digest('base64')
  return `SHA256:${digest.replace(/=+$/, '')}`
}

/** The keys in `ssh-keyscan` output (`<name> <type> <base64>` lines; `#` lines are comments). */
export function parseKeyscan(output: string): HostKey[] {
  const keys: HostKey[] = []
  for (const line of output.split('\n')) {
    const words = line.trim().split(/\s+/)
    if (words.length < 3 || words[0]!.startsWith('#')) continue
    const [, type, base64] = words as [string, string, string]
    if (/^[a-z0-9@.-]+$/i.test(type) && /^[A-Za-z0-9+/]+=*$/.test(base64))
      keys.push({ type, base64 })
  }
  return keys
}

export interface ResolvedHost {
  hostname: string
  port: number
  user: string
  /** HostKeyAlias from the user's config: ssh looks the key up under this name instead. */
  hostKeyAlias: string | null
  /** The host is reached through ProxyJump/ProxyCommand, so ssh-keyscan cannot reach it. */
  proxied: boolean
}

/** Reads what `ssh -G` printed (lower-case `key value` lines). */
export function parseResolvedConfig(output: string): ResolvedHost {
  const values = new Map<string, string>()
  for (const line of output.split('\n')) {
    const space = line.indexOf(' ')
    if (space > 0) values.set(line.slice(0, space).toLowerCase(), line.slice(space + 1).trim())
  }
  const set = (k: string) => {
    const v = values.get(k)
    return v !== undefined && v !== '' && v.toLowerCase() !== 'none' ? v : null
  }
  const hostname = set('hostname')
  if (!hostname) throw new Error('ssh -G named no hostname')
  return {
    hostname,
    port: Number(set('port') ?? 22),
    user: set('user') ?? '',
    hostKeyAlias: set('hostkeyalias'),
    proxied: set('proxyjump') !== null || set('proxycommand') !== null,
  }
}

/** The name ssh looks the host's key up by: the alias, or the host name (`[name]:port` off 22). */
export function knownHostsName(host: ResolvedHost): string {
  if (host.hostKeyAlias) return host.hostKeyAlias
  return host.port === 22 ? host.hostname : `[${host.hostname}]:${host.port}`
}

/** Adds one confirmed key; the file is created 0600. */
export function appendKnownHost(file: string, name: string, key: HostKey): void {
  if (/[\s,#]/.test(name)) throw new Error(`"${name}" cannot be written to known_hosts`)
  const line = `${name} ${key.type} ${key.base64}\n`
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : ''
  if (existing.split('\n').includes(line.trimEnd())) return
  const prefix = existing.length > 0 && !existing.endsWith('\n') ? '\n' : ''
  appendFileSync(file, prefix + line, { mode: 0o600 })
  chmodSync(file, 0o600)
}

/** Drops every key recorded for `name` (a removed host's key is not trusted for a new one). */
export function forgetKnownHost(file: string, name: string): void {
  if (!existsSync(file)) return
  const lines = readFileSync(file, 'utf8').split('\n')
  const kept = lines.filter((l) => l.split(/\s+/)[0] !== name)
  if (kept.length === lines.length) return
  const tmp = `${file}.tmp-${process.pid}`
  writeFileSync(tmp, kept.join('\n'), { mode: 0o600 })
  renameSync(tmp, file)
}
