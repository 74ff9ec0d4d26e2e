/**
 * The hook socket: a Unix socket in a folder only this user can enter (0700, owned by us). Who
 * can connect is decided by the file system, and nobody else can listen at that path, so a hook
 * that reaches it reaches the real app — unlike a loopback port, which any local process can
 * take once the app is gone.
 */
import { createHash } from 'node:crypto'
import { chmodSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs'
import type { Server } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** sun_path holds 104 bytes on macOS, 108 on Linux, both with the trailing NUL. */
export const MAX_SOCKET_PATH_BYTES = 103
export const HOOK_SOCKET_NAME = 'hooks.sock'

/**
 * `<dataDir>/run/hooks.sock`, or, when that path is too long for a socket, a folder of its own
 * under the temp folder named after the data folder (checked like the first on every listen).
 */
export function hookSocketPath(dataDir: string): string {
  const preferred = join(dataDir, 'run', HOOK_SOCKET_NAME)
  if (Buffer.byteLength(preferred) <= MAX_SOCKET_PATH_BYTES) return preferred
  const digest = createHash('sha256').update(dataDir).digest('hex').slice(0, 12)
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0
  return join(tmpdir(), `atelier-${uid}-${digest}`, HOOK_SOCKET_NAME)
}

/** Makes the socket's folder private, refusing one that someone else owns. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const st = lstatSync(dir)
  if (!st.isDirectory()) throw new Error(`${dir} must be a folder, not a link or a file`)
  const uid = typeof process.getuid === 'function' ? process.getuid() : st.uid
  if (st.uid !== uid) throw new Error(`${dir} belongs to another user; refusing to use it`)
  if ((st.mode & 0o077) !== 0) chmodSync(dir, 0o700)
}

function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path)
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** Listens at `path`, replacing a socket left by a crashed run but never a live one. */
export async function listenOnSocket(server: Server, path: string): Promise<void> {
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH_BYTES)
    throw new Error(`hook socket path is too long for a Unix socket: ${path}`)
  ensurePrivateDir(dirname(path))
  let existing
  try {
    existing = lstatSync(path)
  } catch {
    existing = null
  }
  if (existing) {
    if (!existing.isSocket()) throw new Error(`${path} exists and is not a socket`)
    if (await answers(path))
      throw new Error(`another Atelier is already serving hooks at ${path} (same data folder)`)
    unlinkSync(path)
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(path, () => {
      server.off('error', reject)
      resolve()
    })
  })
  chmodSync(path, 0o600)
}
