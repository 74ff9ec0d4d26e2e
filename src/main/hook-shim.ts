/**
 * Claude Code command-hook shim, for the place where Claude Code cannot use an http hook:
 * SessionStart. (The statusLine is bash alone: agents/claude/status-line-command.ts.)
 *
 * Reads the event JSON from stdin and POSTs it to the app's hook socket ($ATELIER_HOOK_SOCKET, a
 * Unix socket in a folder only this user can enter, so nothing but the running app can receive
 * it) with the session's token and a fresh event id, asking for the early answer (the app answers
 * once it has read the event, before storing it). It always exits 0 within its budget and prints
 * nothing for hooks, so a slow or stopped app never changes what Claude Code does (fail open).
 *
 * Global "observe" mode (npm run hooks -- install) runs the same shim for every hook of every
 * Claude Code session: its wrapper sets $ATELIER_TOKEN_FILE, the observer token's file (mode
 * 0600; that token can post events of observed sessions and nothing else). Inside a session that
 * Atelier started ($ATELIER_SESSION_ID is set) it posts nothing: that session's own hooks report
 * every event once, and answer its questions.
 *
 * Node built-ins only: it runs as a standalone script (out/main/hook-shim.js).
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { request } from 'node:http'

/** Global mode: the wrapper in the data folder names the observer token's file. */
const observerTokenFile = process.env.ATELIER_TOKEN_FILE

/**
 * Budget for reading stdin and posting, in milliseconds. A managed session's SessionStart is what
 * takes it out of "starting", so it gets most of its hook's 5 s (SESSION_START_TIMEOUT_S) rather
 * than be lost to a loaded machine's slow round trip; the answer comes early, so a running app
 * costs Claude the round trip only. Global mode runs the shim for every hook of every session,
 * where a stalled app must cost little.
 */
const TOTAL_BUDGET_MS = observerTokenFile ? 800 : 4000
/**
 * The app's hook body limit (MAX_HOOK_BODY_BYTES in core/http/body.ts, written out: this file
 * imports nothing). A Write of a large file carries it whole; a bigger payload is not posted.
 */
const MAX_INPUT_BYTES = 48 * 1024 * 1024

/** The request in flight, released when the budget runs out. */
let inFlight: { destroy(): void } | null = null

/** Drops stdin and any request so the event loop drains: the process ends with code 0. */
function giveUp(): void {
  process.exitCode = 0
  inFlight?.destroy()
  process.stdin.destroy()
}

// Whatever happens below, the process is gone within the budget (the timer itself does not hold
// it open: only a stuck socket or stdin can, and those are what it releases).
setTimeout(giveUp, TOTAL_BUDGET_MS).unref()
process.on('uncaughtException', giveUp)

function readStdin(): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    process.stdin.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_INPUT_BYTES) chunks.push(chunk)
    })
    // Cut short it would be invalid JSON: nothing is posted rather than a certain 400.
    process.stdin.on('end', () =>
      resolve(size > MAX_INPUT_BYTES ? '' : Buffer.concat(chunks).toString('utf8')),
    )
    process.stdin.on('error', () => resolve(''))
  })
}

/** The session's token (managed sessions) or the observer token (global mode). */
function bearerToken(): string {
  if (!observerTokenFile) return process.env.ATELIER_SESSION_TOKEN ?? ''
  try {
    return readFileSync(observerTokenFile, 'utf8').trim()
  } catch {
    return ''
  }
}

function post(socketPath: string, path: string, body: string): Promise<void> {
  return new Promise((resolve) => {
    const req = request(
      {
        socketPath,
        path,
        method: 'POST',
        headers: {
          host: 'localhost',
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${bearerToken()}`,
          'x-atelier-event-id': randomUUID(),
          // EARLY_ANSWER_HEADER (agents/hook-routes.ts) written out: this file imports nothing.
          prefer: 'respond-async',
          // Informative only: the app pins a session token's events to its own session.
          ...(!observerTokenFile && process.env.ATELIER_SESSION_ID
            ? { 'x-atelier-session': process.env.ATELIER_SESSION_ID }
            : {}),
        },
        timeout: TOTAL_BUDGET_MS,
      },
      (res) => {
        res.resume() // the answer is not used: SessionStart output would become Claude's context
        res.on('end', () => resolve())
        res.on('error', () => resolve())
      },
    )
    inFlight = req
    req.on('timeout', () => req.destroy())
    req.on('error', () => resolve())
    req.on('close', () => resolve())
    req.end(body)
  })
}

async function main(): Promise<void> {
  const body = await readStdin()
  const socketPath = process.env.ATELIER_HOOK_SOCKET
  if (!socketPath || body.length === 0) return
  if (observerTokenFile && process.env.ATELIER_SESSION_ID) return
  // hookPath('claude') written out: this file is copied alone to a stable path, so it imports nothing.
  await post(socketPath, '/hooks/claude', body)
}

main().then(giveUp, giveUp)
