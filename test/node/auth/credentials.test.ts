/**
 * Each credential does one job: the app token controls the app; a session token posts hook
 * events for its own session; the observer token (global hooks) posts events of observed
 * sessions only; a browser token opens the UI's WebSocket and comes from a single-use ticket.
 * Hooks also reach the app through its Unix socket, which serves nothing else.
 */
import { lstatSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OBSERVER_TOKEN_FILE } from '../../../src/main/core/util/token'
import {
  api,
  connectWs,
  postHook,
  send,
  startCore,
  storedEvents,
  type TestCore,
} from '../pipeline/harness'
import { common } from '../pipeline/payloads'

let t: TestCore
let observer: string
beforeAll(async () => {
  t = await startCore({ rendererDir: join(__dirname, 'no-renderer') })
  observer = readFileSync(join(t.dataDir, OBSERVER_TOKEN_FILE), 'utf8').trim()
})
afterAll(() => t.close())

const SESSION_TOKEN = 'a'.repeat(64)

function addManagedSession(id: string, claudeSessionId: string, token: string): void {
  const now = Date.now()
  t.core.services.registry.put({
    id,
    name: id,
    cwd: '/tmp',
    kind: 'managed',
    backend: 'pty',
    claudeSessionId,
    launched: true,
    permissionMode: 'default',
    args: [],
    worktree: null,
    createdAt: now,
    lastActivity: now,
    zone: null,
    order: 1,
    usage: {},
    token,
  })
}

beforeAll(() => addManagedSession('managed-1', 'claude-managed-1', SESSION_TOKEN))

describe('what each credential may reach', () => {
  it('the app and observer tokens are different files, both 0600', () => {
    expect(observer).toMatch(/^[a-f0-9]{64}$/)
    expect(observer).not.toBe(t.core.info.token)
    for (const name of ['token', OBSERVER_TOKEN_FILE])
      expect(lstatSync(join(t.dataDir, name)).mode & 0o777).toBe(0o600)
  })

  it.each([
    ['a session token', SESSION_TOKEN],
    ['the observer token', () => observer],
  ])('%s cannot call /api, /health or the WebSocket', async (_name, token) => {
    const value = typeof token === 'function' ? token() : token
    expect((await send(t.port, '/api/sessions.list', {}, { token: value })).status).toBe(401)
    expect((await send(t.port, '/health', undefined, { token: value, method: 'GET' })).status).toBe(
      401,
    )
    await expect(connectWs(t, ['atelier.v1', `bearer.${value}`])).rejects.toThrow(/401/)
  })

  it('a session token posts only into its own session, whatever the header says', async () => {
    addManagedSession('managed-2', 'claude-managed-2', 'b'.repeat(64))
    const r = await postHook(t, common('claude-managed-1', 'UserPromptSubmit', { prompt: 'p1' }), {
      token: SESSION_TOKEN,
      headers: { 'x-atelier-session': 'managed-2' },
    })
    expect(r.status).toBe(200)
    const stored = (await storedEvents(t)).filter((e) => e.type === 'prompt')
    expect(stored.at(-1)).toMatchObject({ sessionId: 'managed-1' })
  })

  it('the observer token creates observed sessions and cannot name a managed one', async () => {
    const r = await postHook(
      t,
      common('claude-outside', 'UserPromptSubmit', { prompt: 'from outside', prompt_id: 'p-out' }),
      { token: observer, headers: { 'x-atelier-session': 'managed-1' } },
    )
    expect(r.status).toBe(200)
    const e = (await storedEvents(t)).find((x) => x.type === 'prompt' && x.text === 'from outside')
    expect(e?.sessionId).not.toBe('managed-1')
    expect(t.core.services.registry.record(e!.sessionId)?.kind).toBe('observed')
  })

  it("an observer's copy of a managed session's event is not stored (its own hooks report it)", async () => {
    const before = (await storedEvents(t)).length
    const stop = common('claude-managed-1', 'Stop', { stop_hook_active: false })
    expect((await postHook(t, stop, { token: observer })).status).toBe(200)
    expect((await postHook(t, stop, { token: SESSION_TOKEN })).status).toBe(200)
    const after = await storedEvents(t)
    expect(after.length - before).toBe(1)
    expect(after.at(-1)).toMatchObject({ type: 'stop', sessionId: 'managed-1' })
  })
})

describe('the hook socket', () => {
  it('lives in a 0700 folder, is 0600, and serves hook routes only', async () => {
    const path = t.core.info.hookSocket
    expect(lstatSync(path).isSocket()).toBe(true)
    expect(lstatSync(path).mode & 0o777).toBe(0o600)
    expect(lstatSync(join(path, '..')).mode & 0o777).toBe(0o700)
    const hook = await send(
      0,
      '/hooks/claude',
      common('claude-managed-1', 'UserPromptSubmit', {
        prompt: 'via socket',
        prompt_id: 'p-socket',
      }),
      { socketPath: path, token: SESSION_TOKEN },
    )
    expect(hook.status).toBe(200)
    const stored = await storedEvents(t, 'managed-1')
    expect(stored.some((e) => e.type === 'prompt' && e.text === 'via socket')).toBe(true)
    const apiCall = await send(0, '/api/sessions.list', {}, { socketPath: path, token: t.token })
    expect(apiCall.status).toBe(404)
  })

  it('a second core on the same data folder is refused instead of stealing the socket', async () => {
    await expect(startCore({ dataDir: t.dataDir })).rejects.toThrow(/already serving hooks/)
    expect(lstatSync(t.core.info.hookSocket).isSocket()).toBe(true)
  })
})

describe('page tickets', () => {
  const redeem = (ticket: string) => send(t.port, '/auth/ticket', { ticket })

  it('a ticket is good once, for a browser token that opens the WebSocket and nothing else', async () => {
    const { url } = await api<{ url: string }>(t, 'auth.pageUrl')
    const ticket = new URL(url).searchParams.get('ticket')!
    expect(url).not.toContain(t.core.info.token)
    const first = await redeem(ticket)
    expect(first.status).toBe(200)
    const { token } = first.json as { token: string }
    const ws = await connectWs(t, ['atelier.v1', `bearer.${token}`])
    ws.close()
    expect((await redeem(ticket)).status).toBe(401)
    expect((await send(t.port, '/api/sessions.list', {}, { token })).status).toBe(401)
    expect((await postHook(t, common('x', 'Stop', {}), { token })).status).toBe(401)
  })

  it('a malformed ticket is a 400 with the field named', async () => {
    const r = await redeem('nope')
    expect(r.status).toBe(400)
    expect(r.json).toMatchObject({ error: { field: 'ticket' } })
  })
})
