/** The SessionStart / statusLine shim: forwards, never blocks, never fails. */
import { beforeAll, afterAll, describe, expect, it } from 'vitest'
import { runProcess } from '../../../src/main/core/process/spawn'
import { buildHookShim } from '../../support/hook-shim-build'
import { closedPort, startBlackHole, startHookSink, type HookSink } from '../../support/hook-sink'
import { HANG_TIMEOUT_MS } from '../../support/patience'

let shim: string
let sink: HookSink

beforeAll(async () => {
  shim = await buildHookShim()
  sink = await startHookSink()
})
afterAll(() => sink.close())

function runShim(port: number, input: string, args: string[] = []) {
  return runProcess(process.execPath, [shim, ...args], {
    input,
    timeoutMs: HANG_TIMEOUT_MS,
    env: {
      ATELIER_HOOK_URL: `http://127.0.0.1:${port}/hooks/claude`,
      ATELIER_SESSION_ID: 'app-session-1',
      ATELIER_SESSION_TOKEN: 'secret-token',
    },
  })
}

describe('hook shim', () => {
  it('posts the hook JSON with the session headers and prints nothing', async () => {
    const payload = { hook_event_name: 'SessionStart', source: 'startup', session_id: 'c1' }
    const result = await runShim(sink.port, JSON.stringify(payload))
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('')
    const call = await sink.waitFor((c) => c.body.session_id === 'c1')
    expect(call.path).toBe('/hooks/claude')
    expect(call.headers.authorization).toBe('Bearer secret-token')
    expect(call.headers['x-atelier-session']).toBe('app-session-1')
    expect(call.headers['content-type']).toBe('application/json')
    expect(call.body).toEqual(payload)
  })

  it('in statusline mode posts to /statusline and prints a short status line', async () => {
    const status = {
      session_id: 'c2',
      model: { display_name: 'Opus' },
      cost: { total_cost_usd: 0.1234 },
      context_window: { used_percentage: 33.6 },
    }
    const result = await runShim(sink.port, JSON.stringify(status), ['statusline'])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('Opus · $0.12 · ctx 34%\n')
    const call = await sink.waitFor((c) => c.body.session_id === 'c2')
    expect(call.path).toBe('/hooks/claude/statusline')
  })

  it.each([
    [
      'the app is down (port closed)',
      async () => ({ port: await closedPort(), close: async () => {} }),
    ],
    ['the app accepts but never answers', startBlackHole],
  ])('gives up on its own and exits 0 silently when %s', async (_case, start) => {
    const server = await start()
    try {
      // The black hole never answers, so only the shim's own budget can end this run; how long
      // that budget takes is a benchmark figure (npm run bench:hooks).
      const result = await runShim(server.port, '{"hook_event_name":"SessionStart"}')
      expect(result.timedOut).toBe(false)
      expect(result.code).toBe(0)
      expect(result.stdout + result.stderr).toBe('')
    } finally {
      await server.close()
    }
  })
})
