/**
 * Reads the complete lines appended to a file since the last read. A file that shrank was
 * rewritten: reading starts over and the caller is told so. Reads are bounded, and a line longer
 * than MAX_LINE_BYTES (a huge tool output) is skipped whole rather than held in memory.
 */
import { open } from 'node:fs/promises'

export const READ_CHUNK_BYTES = 1024 * 1024
export const MAX_LINE_BYTES = 16 * 1024 * 1024

export interface TailRead {
  lines: string[]
  /** The file was shorter than what had been read: it was replaced, lines start from its top. */
  restarted: boolean
}

export class LineTail {
  private offset = 0
  private partial: Buffer[] = []
  private partialBytes = 0
  private skipping = false

  constructor(readonly file: string) {}

  /** Every complete line added since the last call (none when the file is missing). */
  async read(): Promise<TailRead> {
    const lines: string[] = []
    let restarted = false
    let handle
    try {
      handle = await open(this.file, 'r')
    } catch {
      return { lines, restarted }
    }
    try {
      const { size } = await handle.stat()
      if (size < this.offset) {
        this.offset = 0
        this.partial = []
        this.partialBytes = 0
        this.skipping = false
        restarted = true
      }
      const buf = Buffer.allocUnsafe(READ_CHUNK_BYTES)
      while (this.offset < size) {
        const { bytesRead } = await handle.read(buf, 0, READ_CHUNK_BYTES, this.offset)
        if (bytesRead === 0) break
        this.offset += bytesRead
        this.take(buf.subarray(0, bytesRead), lines)
      }
    } finally {
      await handle.close()
    }
    return { lines, restarted }
  }

  private take(chunk: Buffer, lines: string[]): void {
    let start = 0
    for (;;) {
      const nl = chunk.indexOf(10, start)
      if (nl === -1) break
      if (!this.skipping) {
        const piece = chunk.subarray(start, nl)
        const whole = this.partialBytes > 0 ? Buffer.concat([...this.partial, piece]) : piece
        lines.push(whole.toString('utf8'))
      }
      this.partial = []
      this.partialBytes = 0
      this.skipping = false
      start = nl + 1
    }
    if (start < chunk.length && !this.skipping) {
      // Copied: the read buffer is reused for the next chunk.
      const rest = Buffer.from(chunk.subarray(start))
      this.partialBytes += rest.length
      if (this.partialBytes > MAX_LINE_BYTES) {
        this.partial = []
        this.partialBytes = 0
        this.skipping = true
      } else this.partial.push(rest)
    }
  }
}
