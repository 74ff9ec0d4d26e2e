/**
 * `app.requestSingleInstanceLock()`: the first process of an app (per userData folder) owns a lock
 * file and listens on a Unix socket beside it; a later process finds the lock taken, hands its
 * argv to the owner over the socket (the owner emits 'second-instance') and gets `false`.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { connect, createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { mkdirSync } from 'node:fs'

type OnSecondInstance = (argv: string[], cwd: string, data: unknown) => void

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

export class SingleInstance {
  owned = false
  private lockFile: string | null = null
  private server: Server | null = null
  private handoff: Promise<void> = Promise.resolve()

  acquire(dir: string, argv: string[], data: unknown, onSecond: OnSecondInstance): boolean {
    mkdirSync(dir, { recursive: true })
    const lockFile = join(dir, 'SingletonLock')
    const socket = join(dir, 'SingletonSocket')
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(lockFile, 'wx')
        writeSync(fd, String(process.pid))
        closeSync(fd)
        this.owned = true
        this.lockFile = lockFile
        rmSync(socket, { force: true })
        this.server = createServer((conn) => {
          let text = ''
          conn.on('data', (chunk) => (text += String(chunk)))
          conn.on('end', () => {
            const message = JSON.parse(text) as { argv: string[]; cwd: string; data: unknown }
            onSecond(message.argv, message.cwd, message.data)
          })
        })
        this.server.listen(socket)
        this.server.unref()
        return true
      } catch {
        const holder = Number(readFileSync(lockFile, 'utf8'))
        if (alive(holder)) break
        rmSync(lockFile, { force: true }) // left behind by a process that died
      }
    }
    this.handoff = new Promise<void>((resolve) => {
      const conn = connect(socket, () =>
        conn.end(JSON.stringify({ argv, cwd: process.cwd(), data })),
      )
      conn.on('close', () => resolve())
      conn.on('error', () => resolve())
    })
    return false
  }

  /** Waits until a second instance's argv has been handed over. */
  flush(): Promise<void> {
    return this.handoff
  }

  release(): void {
    if (!this.owned) return
    this.owned = false
    this.server?.close()
    if (this.lockFile) rmSync(this.lockFile, { force: true })
  }
}
