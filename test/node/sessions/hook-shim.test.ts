/** The SessionStart shim: forwards, never blocks, never fails. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, afterAll, describe, expect, it } from 'vitest'
import { runProcess } from '../../../src/main/core/process/spawn'
import { buildHookShim } from '../../support/hook-shim-build'
import { hungSocket, missingSocket, startHookSink, type HookSink } from '../../support/hook-sink'
import { HANG_TIMEOUT_MS } from '../../support/patience'

let shim: string
let sink: HookSink

beforeAll(async () => {
  shim = await buildHookShim()
  sink = await startHookSink()
})
afterAll(() => sink.close())

function runShim(
  socket: string,
  input: string,
  args: string[] = [],
  env: Record<string, string | undefined> = {
    ATELIER_SESSION_ID: 'app-session-1',
    ATELIER_SESSION_TOKEN: 'secret-token',
  },
) {
  return runProcess(process.execPath, [shim, ...args], {
    input,
    timeoutMs: HANG_TIMEOUT_MS,
    env: { ATELIER_HOOK_SOCKET: socket, ...env },
  })
}

describe('hook shim', () => {
  it('posts the hook JSON to the socket with the session token and an event id, printing nothing', async () => {
    const payload = { hook_event_name: 'SessionStart', source: 'startup', session_id: 'c1' }
    const result = await runShim(sink.socket, JSON.stringify(payload))
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('')
    const call = await sink.waitFor((c) => c.body.session_id === 'c1')
    expect(call.via).toBe('socket')
    expect(call.path).toBe('/hooks/claude')
    expect(call.headers.authorization).toBe('Bearer secret-token')
    expect(call.headers['x-atelier-event-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(call.headers['x-atelier-session']).toBe('app-session-1')
    expect(call.headers['content-type']).toBe('application/json')
    // The app may answer once it has read the event, before storing it.
    expect(call.headers.prefer).toBe('respond-async')
    expect(call.body).toEqual(payload)
  })

  it('in global mode sends the observer token from its file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'atelier-obs-')), 'hook-token')
    writeFileSync(file, `${'c'.repeat(64)}\n`)
    const payload = { hook_event_name: 'Stop', session_id: 'observed-c3' }
    await runShim(sink.socket, JSON.stringify(payload), [], { ATELIER_TOKEN_FILE: file })
    const call = await sink.waitFor((c) => c.body.session_id === 'observed-c3')
    expect(call.headers.authorization).toBe(`Bearer ${'c'.repeat(64)}`)
  })

  it('in global mode posts nothing from inside a session Atelier started', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'atelier-obs-')), 'hook-token')
    writeFileSync(file, `${'c'.repeat(64)}\n`)
    const inside = { hook_event_name: 'Stop', session_id: 'managed-c4' }
    const r = await runShim(sink.socket, JSON.stringify(inside), [], {
      ATELIER_TOKEN_FILE: file,
      ATELIER_SESSION_ID: 'app-session-4',
      ATELIER_SESSION_TOKEN: 'secret-token-4',
    })
    expect(r.code).toBe(0)
    // A later call proves the sink was listening; the one from inside never arrived.
    await runShim(sink.socket, JSON.stringify({ hook_event_name: 'Stop', session_id: 'after-c4' }))
    await sink.waitFor((c) => c.body.session_id === 'after-c4')
    expect(sink.calls.some((c) => c.body.session_id === 'managed-c4')).toBe(false)
  })

  it.each([
    ['the app is down (no socket)', async () => ({ path: missingSocket(), close: async () => {} })],
    ['the app accepts but never answers', hungSocket],
  ])('gives up on its own, exiting 0 silently, when %s', async (_case, start) => {
    const server = await start()
    try {
      // The hung server never answers nor closes, so only the shim's own budget can end this
      // run; how long that budget takes is a benchmark figure (npm run bench:hooks).
      const result = await runShim(server.path, '{"hook_event_name":"SessionStart"}')
      expect(result.timedOut).toBe(false)
      expect(result.code).toBe(0)
      expect(result.stdout + result.stderr).toBe('')
    } finally {
      await server.close()
    }
  })
})
