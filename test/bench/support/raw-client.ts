/**
 * A minimal keep-alive HTTP/1.1 client over one TCP socket, one request in flight at a time. The
 * load generator uses it instead of node:http so that the generator's own parsing cost does not
 * cap the measured throughput on a 2-core machine.
 */
import { connect, type Socket } from 'node:net'

const HEADER_END = Buffer.from('\r\n\r\n')

export class RawClient {
  private readonly socket: Socket
  private buffer: Buffer = Buffer.alloc(0)
  private pending: ((status: number) => void) | null = null
  /** The server closes idle keep-alive connections; a closed client answers 0 at once. */
  closed = false

  private constructor(socket: Socket) {
    this.socket = socket
    socket.setNoDelay(true)
    socket.on('data', (d: Buffer) => this.onData(d))
    socket.on('close', () => {
      this.closed = true
      this.settle(0)
    })
    socket.on('error', () => {
      this.closed = true
      this.settle(0)
    })
  }

  static open(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(new RawClient(s)))
      s.once('error', reject)
    })
  }

  /** Sends one prepared request; resolves with the status code (0 when the connection failed). */
  send(request: Buffer | string): Promise<number> {
    if (this.closed) return Promise.resolve(0)
    return new Promise((resolve) => {
      this.pending = resolve
      this.socket.write(request)
    })
  }

  close(): void {
    this.socket.destroy()
  }

  private settle(status: number): void {
    const p = this.pending
    this.pending = null
    p?.(status)
  }

  private onData(d: Buffer): void {
    this.buffer = this.buffer.length === 0 ? d : Buffer.concat([this.buffer, d])
    for (;;) {
      const end = this.buffer.indexOf(HEADER_END)
      if (end < 0) return
      const head = this.buffer.toString('latin1', 0, end)
      const lengthMatch = /\r\ncontent-length:\s*(\d+)/i.exec(head)
      const total = end + 4 + (lengthMatch ? Number(lengthMatch[1]) : 0)
      if (this.buffer.length < total) return
      const status = Number(head.slice(9, 12))
      this.buffer = this.buffer.subarray(total)
      this.settle(status)
    }
  }
}

export function hookRequest(port: number, token: string, body: string, extraHeaders = ''): string {
  return (
    `POST /hooks/claude HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extraHeaders}\r\n${body}`
  )
}
