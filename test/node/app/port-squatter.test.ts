/**
 * After the app stops, its tmux sessions live on — and any local process can take the ports the
 * app listened on. Here one does: a plain TCP listener on the old TLS hook port and on the old
 * app port, recording every byte. The session's REAL Claude (2.1.332, offline) then runs a turn
 * of tools. Its hooks reach the squatter, which never gets past the TLS handshake: no credential
 * (session, observer or app token), no hook content, nothing it could answer. Claude is not held
 * up beyond each hook's own timeout (the turn finishes), and the data folder's socket is gone with
 * the app, so the shim sends nothing either.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import type { Session } from '@shared/sessions'
import { createTmuxBackend } from '../../../src/main/core/sessions/backends/tmux'
import { sendPrompt } from '../../../src/main/core/agents/claude/prompt-input'
import { OBSERVER_TOKEN_FILE } from '../../../src/main/core/util/token'
import { startCliFixture, type CliFixture } from '../../support/cli-fixture'
import { waitFor } from '../../support/core'
import { startAppProcess, type AppProcess } from '../../support/app-process'
import { captureTerminal } from '../../support/terminal-capture'
import { HANG_TIMEOUT_MS } from '../../support/patience'
import { TELEMETRY_HOOK_TIMEOUT_S } from '../../../src/main/core/agents/claude/hook-settings'

/**
 * More than the report-only http hooks one turn of the fake API's tools script fires (its prompt,
 * a PreToolUse and a PostToolUse per tool, Claude's messages, Stop).
 */
const HOOKS_IN_A_TOOLS_TURN = 30

interface Squatter {
  server: Server
  /** Every connection's bytes, as received. */
  received: Buffer[]
}

async function squat(port: number): Promise<Squatter> {
  const received: Buffer[] = []
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    const chunks: Buffer[] = []
    received.push(Buffer.alloc(0))
    const index = received.length - 1
    socket.on('data', (b: Buffer) => {
      chunks.push(b)
      received[index] = Buffer.concat(chunks)
    })
    socket.on('error', () => {})
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('close', () => {
    for (const s of sockets) s.destroy()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return { server, received }
}

/** The environment of the session's Claude process, as the kernel holds it. */
function claudeEnv(claudeSessionId: string): Record<string, string> {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
      if (!/claude(\.exe)?$/.test(argv[0]) || !argv.includes(claudeSessionId)) continue
      return Object.fromEntries(
        readFileSync(`/proc/${pid}/environ`, 'utf8')
          .split('\0')
          .filter(Boolean)
          .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
      )
    } catch {
      // Gone while we looked.
    }
  }
  throw new Error(`no Claude process for ${claudeSessionId}`)
}

describe('a process takes the ports of a stopped app (real CLI, tmux)', () => {
  let fx: CliFixture
  let app: AppProcess | undefined
  const squatters: Squatter[] = []

  beforeAll(async () => {
    fx = await startCliFixture()
    app = await startAppProcess({
      dataDir: fx.dataDir,
      shimPath: fx.shimPath,
      env: { ...fx.env, ATELIER_CLAUDE_BIN: fx.claudeBin },
    })
  })

  afterAll(async () => {
    for (const s of squatters) await new Promise((r) => s.server.close(r))
    await app?.stop()
    await createTmuxBackend({ dataDir: fx.dataDir }).killServer()
    await fx?.dispose()
  })

  it('receives no credential and no hook content, and Claude finishes its turn', async () => {
    const session = await app!.api<Session>('sessions.create', {
      name: 'Outlives the app',
      cwd: fx.repo,
      backend: 'tmux',
      permissionMode: 'acceptEdits',
    })
    const events = async () =>
      (
        await app!.api<{ events: CanonicalEvent[] }>('events.list', {
          sessionId: session.id,
          limit: 1000,
        })
      ).events
    // The session's native hooks reach the app over TLS while it runs.
    await waitFor(async () => (await events()).some((e) => e.type === 'session.start'))
    await app!.api('sessions.prompt', { id: session.id, text: '[[script:text]] warm up' })
    await waitFor(async () => (await events()).some((e) => e.type === 'stop'))

    const secrets = {
      app: readFileSync(join(fx.dataDir, 'token'), 'utf8').trim(),
      observer: readFileSync(join(fx.dataDir, OBSERVER_TOKEN_FILE), 'utf8').trim(),
      session: claudeEnv(session.claudeSessionId!).ATELIER_SESSION_TOKEN,
    }
    expect(secrets.session).toMatch(/^[a-f0-9]{64}$/)
    const tlsPort = Number(readFileSync(join(fx.dataDir, 'tls', 'hooks-port'), 'utf8'))
    const appPort = app!.port
    await app!.stop()
    app = undefined

    const hookSquatter = await squat(tlsPort)
    squatters.push(hookSquatter, await squat(appPort))

    // Drive the surviving session directly, as a user attached to its tmux session would.
    const proc = await createTmuxBackend({ dataDir: fx.dataDir }).adopt(session.id)
    expect(proc).not.toBeNull()
    const term = captureTerminal(proc!)
    const since = term.mark()
    await sendPrompt((d) => proc!.write(d), '[[script:tools]] after the app stopped')
    // Every report-only hook now waits out its whole timeout on the squatter, which takes the
    // connection and never completes the handshake: the turn finishes, later by that much.
    await term.waitFor(/All\s*four\s*tools\s*ran/, {
      since,
      timeoutMs: HANG_TIMEOUT_MS + HOOKS_IN_A_TOOLS_TURN * TELEMETRY_HOOK_TIMEOUT_S * 1000,
    })
    // Its hooks did try the old port.
    await waitFor(() => hookSquatter.received.some((b) => b.length > 0))

    const everything = Buffer.concat(squatters.flatMap((s) => s.received))
    for (const [name, secret] of Object.entries(secrets))
      expect(everything.includes(secret), `${name} token reached the squatter`).toBe(false)
    const text = everything.toString('latin1')
    expect(text).not.toMatch(/authorization|hook_event_name|tool_input|after the app stopped/i)
    // What did arrive is TLS handshakes (content type 22), which it cannot complete.
    for (const b of hookSquatter.received.filter((x) => x.length > 0)) expect(b[0]).toBe(0x16)
  })
})
