/**
 * Terminal output per session: a bounded scrollback (to paint a terminal when it opens) and a
 * batcher that pushes output at most every OUTPUT_FLUSH_MS or OUTPUT_FLUSH_BYTES, whichever
 * comes first, so a chatty process does not flood the UI with tiny messages.
 */
export const OUTPUT_FLUSH_MS = 16
export const OUTPUT_FLUSH_BYTES = 200 * 1024
export const SCROLLBACK_BYTES = 512 * 1024

export class TerminalBuffer {
  private chunks: string[] = []
  private size = 0
  private pending: string[] = []
  private pendingBytes = 0
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly flush: (data: string) => void) {}

  push(data: string): void {
    this.chunks.push(data)
    this.size += data.length
    while (this.size > SCROLLBACK_BYTES && this.chunks.length > 1)
      this.size -= this.chunks.shift()!.length
    this.pending.push(data)
    this.pendingBytes += data.length
    if (this.pendingBytes >= OUTPUT_FLUSH_BYTES) this.emit()
    else if (!this.timer) this.timer = setTimeout(() => this.emit(), OUTPUT_FLUSH_MS)
  }

  private emit(): void {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    if (this.pending.length === 0) return
    const data = this.pending.join('')
    this.pending = []
    this.pendingBytes = 0
    this.flush(data)
  }

  snapshot(): string {
    return this.chunks.join('')
  }

  dispose(): void {
    this.emit()
  }
}
