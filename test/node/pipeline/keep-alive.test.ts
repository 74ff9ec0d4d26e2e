/**
 * Kept-alive hook connections: the server tells clients to drop an idle connection after
 * KEEP_ALIVE_HINT_S but keeps it open much longer itself, so a client whose timers run late under
 * load never reuses a connection the server has already closed (its request would die with
 * ECONNRESET and the hook's event would be lost).
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createConnection, type Socket } from 'node:net'
import { KEEP_ALIVE_HINT_S } from '../../../src/main/core/http/server'
import { startTestCore, type TestCore } from '../../support/core'

let t: TestCore
beforeEach(async () => {
  t = await startTestCore()
})
afterEach(async () => {
  await t.close()
})

/** A raw connection, so no client library drops it on the server's hint as Node's Agent would. */
function connect(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port: t.core.info.port }, () =>
      resolve(socket),
    )
    socket.once('error', reject)
  })
}

/** One hook POST on `socket`; resolves with the response's head once its body has arrived. */
function post(socket: Socket, n: number): Promise<string> {
  const body = JSON.stringify({
    hook_event_name: 'Notification',
    session_id: 'keep-alive-1',
    cwd: '/tmp',
    message: `ping ${n}`,
    notification_type: 'idle_prompt',
  })
  return new Promise((resolve, reject) => {
    let text = ''
    const onData = (chunk: Buffer) => {
      text += chunk.toString()
      const end = text.indexOf('\r\n\r\n')
      if (end < 0) return
      const length = Number(/content-length: (\d+)/i.exec(text)?.[1] ?? 0)
      if (text.length - end - 4 < length) return
      socket.off('data', onData)
      resolve(text.slice(0, end))
    }
    socket.on('data', onData)
    socket.once('close', () => reject(new Error('the server closed the connection')))
    socket.write(
      `POST /hooks/claude HTTP/1.1\r\nHost: 127.0.0.1:${t.core.info.port}\r\n` +
        `Authorization: Bearer ${t.core.info.token}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    )
  })
}

it(`advertises ${KEEP_ALIVE_HINT_S} s and still serves a connection idle for longer`, async () => {
  const socket = await connect()
  try {
    const first = await post(socket, 1)
    expect(first).toMatch(/^HTTP\/1\.1 2\d\d/)
    expect(first).toMatch(new RegExp(`\\r\\nkeep-alive: timeout=${KEEP_ALIVE_HINT_S}\\r\\n`, 'i'))
    // Idle past the advertised time, as a client whose timers ran late under load would be.
    await new Promise((r) => setTimeout(r, (KEEP_ALIVE_HINT_S + 1.5) * 1000))
    expect(socket.destroyed).toBe(false)
    expect(await post(socket, 2)).toMatch(/^HTTP\/1\.1 2\d\d/)
  } finally {
    socket.destroy()
  }
}, 30_000)
