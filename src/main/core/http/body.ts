import type { IncomingMessage } from 'node:http'
import { ApiError } from '@shared/contract/define'

/** /api calls, page tickets and WebSocket frames: small JSON only. */
export const MAX_BODY_BYTES = 1024 * 1024
/**
 * Hook events: a Write of a large generated file carries the whole file in `tool_input`, and its
 * PostToolUse carries it twice (`tool_response.content` too), so a 20 MiB file makes a 40 MiB
 * hook. Large strings are cut short before storage (util/trim.ts), so this bounds only the memory
 * one request holds while it is read and parsed.
 */
export const MAX_HOOK_BODY_BYTES = 48 * 1024 * 1024
/**
 * A body over its limit is still read and thrown away, up to this many bytes, so the client
 * finishes sending and reads its 413 instead of a reset mid-upload (EPIPE). Beyond it the peer is
 * not a hook client: the connection is cut.
 */
export const MAX_DISCARD_BYTES = 256 * 1024 * 1024

function tooLarge(limit: number): ApiError {
  return new ApiError('too_large', `body is larger than ${limit} bytes`)
}

/**
 * Reads a request body up to `limit` bytes. Over it (declared or counted), the rest is read and
 * discarded and, once the request has ended, the promise rejects with too_large: the response
 * then reaches a client that has finished writing. A declared length over MAX_DISCARD_BYTES is
 * refused at once.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN)
    if (Number.isFinite(declared) && declared > MAX_DISCARD_BYTES) {
      reject(tooLarge(limit))
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let overflow = Number.isFinite(declared) && declared > limit
    let done = false
    const settle = (err: Error | null, body?: Buffer) => {
      if (done) return
      done = true
      if (err) reject(err)
      else resolve(body!)
    }
    req.on('data', (c: Buffer) => {
      if (done) return
      size += c.length
      if (overflow || size > limit) {
        if (!overflow) chunks.length = 0 // what was kept is no longer needed
        overflow = true
        if (size > MAX_DISCARD_BYTES) {
          req.destroy()
          settle(tooLarge(limit))
        }
        return
      }
      chunks.push(c)
    })
    req.on('end', () => {
      if (overflow) settle(tooLarge(limit))
      else settle(null, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size))
    })
    req.on('error', (e) => settle(e))
    req.on('aborted', () => settle(new ApiError('bad_request', 'request aborted')))
  })
}

export function parseJson(buf: Buffer): unknown {
  try {
    return JSON.parse(buf.toString('utf8'))
  } catch (err) {
    throw new ApiError(
      'bad_request',
      `body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
      'body',
    )
  }
}
