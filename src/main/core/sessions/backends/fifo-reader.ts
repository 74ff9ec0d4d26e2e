/**
 * Reads a named pipe without blocking the event loop. The FIFO is opened read-write: then open()
 * never waits for a writer, and a writer that comes and goes (tmux's pipe-pane helper) never
 * makes us see end-of-file.
 */
import { constants, openSync } from 'node:fs'
import { unlink } from 'node:fs/promises'
import { Socket } from 'node:net'
import { runProcess } from '../../process/spawn'

export interface FifoReader {
  close(): void
}

export async function makeFifo(path: string): Promise<void> {
  await unlink(path).catch(() => {})
  const result = await runProcess('mkfifo', ['-m', '600', path], { timeoutMs: 5000 })
  if (result.code !== 0) throw new Error(`mkfifo ${path} failed: ${result.stderr.trim()}`)
}

export function readFifo(path: string, onText: (text: string) => void): FifoReader {
  const fd = openSync(path, constants.O_RDWR | constants.O_NONBLOCK)
  const socket = new Socket({ fd, readable: true, writable: false })
  socket.setEncoding('utf8') // keeps multi-byte characters whole across chunks
  socket.on('data', (text: string) => onText(text))
  socket.on('error', () => {}) // the pane's exit is reported by the exit watcher, not here
  return {
    close() {
      socket.destroy()
      void unlink(path).catch(() => {})
    },
  }
}
