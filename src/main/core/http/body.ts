import type { IncomingMessage } from 'node:http'
import { ApiError } from '@shared/contract/define'

export const MAX_BODY_BYTES = 1024 * 1024

/** Reads a request body up to `limit` bytes; over it, stops reading and throws too_large. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN)
    if (Number.isFinite(declared) && declared > limit) {
      reject(new ApiError('too_large', `body is larger than ${limit} bytes`))
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    req.on('data', (c: Buffer) => {
      if (done) return
      size += c.length
      if (size > limit) {
        done = true
        reject(new ApiError('too_large', `body is larger than ${limit} bytes`))
        return
      }
      chunks.push(c)
    })
    req.on('end', () => {
      if (!done) {
        done = true
        resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))
      }
    })
    req.on('error', (e) => {
      if (!done) {
        done = true
        reject(e)
      }
    })
    req.on('aborted', () => {
      if (!done) {
        done = true
        reject(new ApiError('bad_request', 'request aborted'))
      }
    })
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
