/**
 * A held hook that asks for the keepalive (`x-atelier-keepalive: 1`, what a remote session's hook
 * script sends, remote/remote-hook.ts): the answer's head and a few spaces come at once, more
 * spaces while the request waits, and the decision last as the body. A client that leaves (its
 * link died) cancels the request. A report-only hook asking for it is answered as before.
 */
import { request, type IncomingMessage } from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HELD_KEEPALIVE_MS, KEEPALIVE_HEADER } from '../../../src/main/core/agents/hook-routes'
import { api, postHook, startCore, type TestCore } from './harness'
import { common } from './payloads'
import { waitFor } from '../../support/core'

const SID = 'ka41e000-1111-4222-8333-444455556666'

let t: TestCore
beforeEach(async () => {
  t = await startCore()
})
afterEach(async () => {
  await t.close()
})

/** Posts with the keepalive header; the body arrives chunk by chunk in `chunks`. */
function postHeld(body: unknown) {
  const chunks: { at: number; text: string }[] = []
  const text = JSON.stringify(body)
  const req = request({
    host: '127.0.0.1',
    port: t.port,
    path: '/hooks/claude',
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${t.token}`,
      [KEEPALIVE_HEADER]: '1',
      'content-length': Buffer.byteLength(text),
    },
  })
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    req.on('response', (res) => {
      res.setEncoding('utf8')
      res.on('data', (c: string) => chunks.push({ at: performance.now(), text: c }))
      resolve(res)
    })
    req.on('error', reject)
  })
  const ended = response.then(
    (res) =>
      new Promise<string>((resolve) =>
        res.on('end', () => resolve(chunks.map((c) => c.text).join(''))),
      ),
  )
  req.end(text)
  return { req, response, ended, chunks }
}

const pendingIds = async () =>
  (await api<{ requests: { id: string }[] }>(t, 'permissions.list')).requests.map((r) => r.id)

const permission = common(SID, 'PermissionRequest', {
  tool_name: 'Bash',
  tool_input: { command: 'rm -rf build' },
})

describe('held answers with keepalive', () => {
  it('sends the head and spaces at once, more while waiting, then the decision', async () => {
    const held = postHeld(permission)
    const res = await held.response
    expect(res.statusCode).toBe(200)
    await waitFor(() => held.chunks.length > 0)
    expect(held.chunks[0]!.text.trim()).toBe('')
    // A second beat while the request still waits.
    await waitFor(() => held.chunks.length > 1, { timeoutMs: HELD_KEEPALIVE_MS * 3 })
    const [id] = await waitFor(async () =>
      (await pendingIds()).length > 0 ? await pendingIds() : null,
    )
    await api(t, 'permissions.decide', { id, decision: 'allow' })
    const body = await held.ended
    expect(body.trim().startsWith('{')).toBe(true)
    expect(JSON.stringify(JSON.parse(body))).toContain('"behavior":"allow"')
    expect(body.slice(0, body.indexOf('{')).trim()).toBe('')
  })

  it('cancels the request when the client leaves', async () => {
    const held = postHeld(permission)
    await held.response
    await waitFor(async () => (await pendingIds()).length > 0)
    held.req.destroy()
    await waitFor(async () => (await pendingIds()).length === 0)
  })

  it('answers a report-only hook as before', async () => {
    const r = await postHook(t, common(SID, 'Stop', {}), {
      headers: { [KEEPALIVE_HEADER]: '1', prefer: 'respond-async' },
    })
    expect(r.status).toBe(202)
  })
})
