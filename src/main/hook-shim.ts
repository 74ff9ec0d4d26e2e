/**
 * Claude Code command-hook shim, for the places where Claude Code cannot use an http hook:
 * SessionStart, and the statusLine (argument `statusline`).
 *
 * Reads the event JSON from stdin and POSTs it to $ATELIER_HOOK_URL (+ `/statusline`) with the
 * session's token and id from the environment. It always exits 0 within about a second and prints
 * nothing for hooks, so a slow or stopped app never changes what Claude Code does (fail open).
 * In statusline mode it prints a short status line computed locally.
 *
 * Global "observe" mode (npm run hooks -- install) runs the same shim for every hook of every
 * Claude Code session: there is no session token in the environment, so it reads the app token
 * from $ATELIER_TOKEN_FILE (mode 0600), and sends no session header (the app links the session by
 * Claude's own session id).
 *
 * Node built-ins only: it runs as a standalone script (out/main/hook-shim.js).
 */
import { readFileSync } from 'node:fs'
import { request } from 'node:http'

/** Total budget for reading stdin and posting, in milliseconds. */
const TOTAL_BUDGET_MS = 800
/** Claude Code sends a few KB; anything beyond this is not a hook payload. */
const MAX_INPUT_BYTES = 1024 * 1024

const statusLineMode = process.argv.includes('statusline')

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
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    process.stdin.on('error', () => resolve(''))
  })
}

/** Session token (managed sessions) or the app token read from its private file (global mode). */
function bearerToken(): string {
  if (process.env.ATELIER_SESSION_TOKEN) return process.env.ATELIER_SESSION_TOKEN
  const file = process.env.ATELIER_TOKEN_FILE
  if (!file) return ''
  try {
    return readFileSync(file, 'utf8').trim()
  } catch {
    return ''
  }
}

function post(url: URL, body: string): Promise<void> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${bearerToken()}`,
          ...(process.env.ATELIER_SESSION_ID
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

interface StatusInput {
  model?: { display_name?: string }
  cost?: { total_cost_usd?: number }
  context_window?: { used_percentage?: number }
}

/** e.g. "Opus · $0.12 · ctx 34%" — only the parts that are present. */
function statusText(raw: string): string {
  let input: StatusInput
  try {
    input = JSON.parse(raw) as StatusInput
  } catch {
    return ''
  }
  const parts: string[] = []
  if (input.model?.display_name) parts.push(input.model.display_name)
  if (typeof input.cost?.total_cost_usd === 'number')
    parts.push(`$${input.cost.total_cost_usd.toFixed(2)}`)
  if (typeof input.context_window?.used_percentage === 'number') {
    parts.push(`ctx ${Math.round(input.context_window.used_percentage)}%`)
  }
  return parts.join(' · ')
}

async function main(): Promise<void> {
  const body = await readStdin()
  if (statusLineMode) process.stdout.write(`${statusText(body)}\n`)
  const base = process.env.ATELIER_HOOK_URL
  if (!base || body.length === 0) return
  let url: URL
  try {
    url = new URL(statusLineMode ? `${base.replace(/\/$/, '')}/statusline` : base)
  } catch {
    return
  }
  if (url.protocol !== 'http:') return
  await post(url, body)
}

main().then(giveUp, giveUp)
