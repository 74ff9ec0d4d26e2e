/**
 * The remote sessions' reporting hook script (remote/remote-hook.ts), run by this machine's
 * /bin/sh and curl as the host runs it: it posts with the token in curl's config only, fails open
 * within its bound on a link that accepts and never answers (what sshd's forwarded port does when
 * the link is down), spools what it could not post with its event id, keeps later events behind
 * spooled ones, and keeps the spool within its bounds, dropping (and counting) the oldest. The
 * claim script hands the spool over whole.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { createServer as createTcpServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HELD_KEEPALIVE_MS, KEEPALIVE_HEADER } from '../../../src/main/core/agents/hook-routes'
import {
  CLAIM_SPOOL_SCRIPT,
  HELD_SPEED_TIME_S,
  parseClaimedSpool,
  REPORT_HOOK_SCRIPT,
  REPORT_MAX_TIME_S,
  SPOOL_MAX_BYTES,
  SPOOL_MAX_LINES,
} from '../../../src/main/core/remote/remote-hook'

const hasCurl = spawnSync('sh', ['-c', 'command -v curl']).status === 0
const TOKEN = 'tok-5f2b8c9e1d7a4b3c'
const SESSION = '0b7d4c52-9a1e-4c2f-8d3b-6e5f4a3b2c1d'

let dir: string
let script: string
let claim: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'atl-remote-hook-'))
  script = join(dir, 'hook.sh')
  claim = join(dir, 'claim.sh')
  writeFileSync(script, REPORT_HOOK_SCRIPT)
  writeFileSync(claim, CLAIM_SPOOL_SCRIPT)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs the hook as Claude does: its input on stdin, exec form, the session's environment. */
function runHook(
  url: string,
  spool: string,
  hook: string,
  input: unknown,
  decide?: { waitS: number },
): Promise<{ code: number | null; stdout: string; ms: number; argv: string[] }> {
  const started = performance.now()
  const args = [
    script,
    url,
    join(dir, 'none.pem'),
    spool,
    hook,
    ...(decide ? ['decide', String(decide.waitS)] : []),
  ]
  const child = spawn('/bin/sh', args, {
    env: {
      PATH: process.env.PATH,
      ATELIER_SESSION_ID: SESSION,
      ATELIER_SESSION_TOKEN: TOKEN,
    },
  })
  let stdout = ''
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()))
  child.stdin.end(JSON.stringify(input, null, 2))
  return new Promise((resolve) =>
    child.on('exit', (code) =>
      resolve({ code, stdout, ms: performance.now() - started, argv: ['/bin/sh', ...args] }),
    ),
  )
}

function claimSpool(spool: string): string {
  return spawnSync('/bin/sh', [claim, spool], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .stdout
}

/** A port that accepts connections and never answers (sshd's forward over a dead link). */
async function silentPort(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const server = createTcpServer((s) => sockets.add(s))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    port: (server.address() as { port: number }).port,
    close: () => {
      for (const s of sockets) s.destroy()
      return new Promise((r) => server.close(() => r()))
    },
  }
}

describe.skipIf(!hasCurl)('the remote reporting hook', () => {
  let server: Server
  let url: string
  const received: { headers: IncomingMessage['headers']; body: string }[] = []
  let answer = 202

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = ''
      req.on('data', (b: Buffer) => (body += b.toString()))
      req.on('end', () => {
        received.push({ headers: req.headers, body })
        res.writeHead(answer, { 'content-length': 0 })
        res.end()
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks/claude`
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  it('posts the input with the token in its headers, a fresh event id, and says nothing', async () => {
    const spool = join(dir, 'live', `${SESSION}.jsonl`)
    const r = await runHook(url, spool, 'Stop', { hook_event_name: 'Stop', text: 'a\nb' })
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('')
    const got = received.at(-1)!
    expect(got.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(got.headers['x-atelier-session']).toBe(SESSION)
    expect(got.headers['x-atelier-event-id']).toMatch(/^[A-Za-z0-9._:-]{8,128}$/)
    expect(got.headers.prefer).toBe('respond-async')
    expect(JSON.parse(got.body)).toEqual({ hook_event_name: 'Stop', text: 'a\nb' })
    expect(r.argv.join(' ')).not.toContain(TOKEN)
    expect(existsSync(spool)).toBe(false)
    await runHook(url, spool, 'Stop', { hook_event_name: 'Stop' })
    expect(received.at(-1)!.headers['x-atelier-event-id']).not.toBe(
      got.headers['x-atelier-event-id'],
    )
  })

  it('does not spool what the app refused (the app would refuse it again)', async () => {
    const spool = join(dir, 'refused', `${SESSION}.jsonl`)
    answer = 401
    try {
      expect((await runHook(url, spool, 'Stop', { hook_event_name: 'Stop' })).code).toBe(0)
    } finally {
      answer = 202
    }
    expect(existsSync(spool)).toBe(false)
  })

  it('fails open within its bound on a link that never answers, and spools the event with its id', async () => {
    const silent = await silentPort()
    const spool = join(dir, 'down', `${SESSION}.jsonl`)
    try {
      const deadUrl = `http://127.0.0.1:${silent.port}/hooks/claude`
      const r = await runHook(deadUrl, spool, 'PostToolUse', {
        hook_event_name: 'PostToolUse',
        tool_response: { stdout: 'line 1\nline 2' },
      })
      expect(r.code).toBe(0)
      expect(r.stdout).toBe('')
      expect(r.ms).toBeGreaterThanOrEqual(REPORT_MAX_TIME_S * 1000 - 100)
      expect(r.ms).toBeLessThan((REPORT_MAX_TIME_S + 2) * 1000)
      console.log(`[remote-hook] dead link: the hook returned in ${Math.round(r.ms)} ms`)
    } finally {
      await silent.close()
    }
    expect(statSync(join(dir, 'down')).mode & 0o777).toBe(0o700)
    expect(statSync(spool).mode & 0o777).toBe(0o600)
    const lines = readFileSync(spool, 'utf8').split('\n').filter(Boolean)
    expect(lines).toHaveLength(1)
    const claimed = parseClaimedSpool(`0\n${lines.join('\n')}`)
    expect(claimed.unreadable).toBe(0)
    expect(claimed.events[0]).toMatchObject({
      hook: 'PostToolUse',
      session: SESSION,
      payload: { hook_event_name: 'PostToolUse', tool_response: { stdout: 'line 1\nline 2' } },
    })
    expect(readFileSync(spool, 'utf8')).not.toContain(TOKEN)
  })

  it('queues behind spooled events even when the app answers again, until they are claimed', async () => {
    const spool = join(dir, 'order', `${SESSION}.jsonl`)
    const refused = 'http://127.0.0.1:1/hooks/claude'
    await runHook(refused, spool, 'PreToolUse', { hook_event_name: 'PreToolUse', n: 1 })
    const before = received.length
    await runHook(url, spool, 'PostToolUse', { hook_event_name: 'PostToolUse', n: 2 })
    expect(received.length).toBe(before)
    const claimed = parseClaimedSpool(claimSpool(spool))
    expect(claimed.events.map((e) => (e.payload as { n: number }).n)).toEqual([1, 2])
    expect(new Set(claimed.events.map((e) => e.id)).size).toBe(2)
    // Claimed, not yet replayed: still behind them.
    await runHook(url, spool, 'Stop', { hook_event_name: 'Stop', n: 3 })
    expect(received.length).toBe(before)
    // A claim cut short is read again, whole, before anything newer.
    const again = parseClaimedSpool(claimSpool(spool))
    expect(again.events.map((e) => (e.payload as { n: number }).n)).toEqual([1, 2])
    rmSync(`${spool}.replay`)
    const next = parseClaimedSpool(claimSpool(spool))
    expect(next.events.map((e) => (e.payload as { n: number }).n)).toEqual([3])
    rmSync(`${spool}.replay`)
    await runHook(url, spool, 'Stop', { hook_event_name: 'Stop', n: 4 })
    expect(received.length).toBe(before + 1)
  })

  it('keeps at most SPOOL_MAX_LINES events, dropping and counting the oldest', async () => {
    const spool = join(dir, 'full', `${SESSION}.jsonl`)
    await runHook('http://127.0.0.1:1/x', spool, 'Stop', { n: -1 })
    const line = (n: number) =>
      `{"id":"old-${n}","hook":"Stop","session":"${SESSION}","at":1,"payload":{"n":${n}}}\n`
    writeFileSync(spool, Array.from({ length: SPOOL_MAX_LINES }, (_, i) => line(i)).join(''))
    await runHook('http://127.0.0.1:1/x', spool, 'Stop', { n: 'new' })
    const claimed = parseClaimedSpool(claimSpool(spool))
    expect(claimed.dropped).toBe(1)
    expect(claimed.events).toHaveLength(SPOOL_MAX_LINES)
    expect(claimed.events[0]!.id).toBe('old-1')
    expect(claimed.events.at(-1)!.payload).toEqual({ n: 'new' })
    rmSync(`${spool}.replay`)
  })

  it('keeps at most SPOOL_MAX_BYTES, dropping the oldest; an event larger than that is dropped whole', async () => {
    const spool = join(dir, 'big', `${SESSION}.jsonl`)
    await runHook('http://127.0.0.1:1/x', spool, 'Stop', { n: -1 })
    const pad = 'x'.repeat(64 * 1024)
    const count = Math.floor(SPOOL_MAX_BYTES / (pad.length + 100))
    writeFileSync(
      spool,
      Array.from(
        { length: count },
        (_, i) =>
          `{"id":"big-${i}","hook":"Stop","session":"${SESSION}","at":1,"payload":{"pad":"${pad}"}}\n`,
      ).join(''),
    )
    await runHook('http://127.0.0.1:1/x', spool, 'PostToolUse', { pad: pad + pad })
    expect(statSync(spool).size).toBeLessThanOrEqual(SPOOL_MAX_BYTES)
    await runHook('http://127.0.0.1:1/x', spool, 'PostToolUse', {
      pad: 'y'.repeat(SPOOL_MAX_BYTES),
    })
    const claimed = parseClaimedSpool(claimSpool(spool))
    expect(claimed.dropped).toBeGreaterThanOrEqual(3)
    const last = claimed.events.at(-1)!
    // Compared by size and id: a failing comparison of 128 KiB payloads would flood the log.
    expect(last.id.startsWith('big-')).toBe(false)
    expect(JSON.stringify(last.payload).length).toBe(JSON.stringify({ pad: pad + pad }).length)
    expect(claimed.events[0]!.id).not.toBe('big-0')
    expect(claimed.events.length + claimed.dropped).toBe(count + 2)
    rmSync(`${spool}.replay`)
  })
})

describe.skipIf(!hasCurl)('the remote hook holding for a decision', () => {
  let server: Server
  let url: string
  const seen: IncomingMessage['headers'][] = []
  /** How the fake app answers: the keepalive cadence, for how long, then the decision or silence. */
  let hold: { ms: number; then: 'decide' | 'go-silent' } = { ms: 0, then: 'decide' }
  const DECISION = {
    hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'allow' } },
  }

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers)
      req.resume()
      req.on('end', () => {
        const { ms, then } = hold
        res.writeHead(200, { 'content-type': 'application/json' })
        res.write(' '.repeat(8))
        if (then === 'go-silent') return // the link died: no byte comes any more
        const beat = setInterval(() => res.write(' '.repeat(8)), HELD_KEEPALIVE_MS)
        setTimeout(() => {
          clearInterval(beat)
          res.end(JSON.stringify(DECISION))
        }, ms)
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks/claude`
  })
  afterAll(() => {
    server.closeAllConnections()
    return new Promise<void>((r) => server.close(() => r()))
  })

  it('waits through the keepalive for longer than its silence bound and prints the decision', async () => {
    hold = { ms: (HELD_SPEED_TIME_S + 5) * 1000, then: 'decide' }
    const spool = join(dir, 'held', `${SESSION}.jsonl`)
    const r = await runHook(
      url,
      spool,
      'PermissionRequest',
      { hook_event_name: 'PermissionRequest' },
      { waitS: 600 },
    )
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual(DECISION)
    expect(r.ms).toBeGreaterThanOrEqual((HELD_SPEED_TIME_S + 5) * 1000 - 100)
    expect(seen.at(-1)![KEEPALIVE_HEADER]).toBe('1')
    expect(seen.at(-1)!.prefer).toBeUndefined()
    expect(existsSync(spool)).toBe(false)
  })

  it('gives up once the bytes stop, says nothing (Claude asks in its terminal) and spools the request', async () => {
    hold = { ms: 0, then: 'go-silent' }
    const spool = join(dir, 'held-dead', `${SESSION}.jsonl`)
    const r = await runHook(
      url,
      spool,
      'PermissionRequest',
      { hook_event_name: 'PermissionRequest' },
      { waitS: 600 },
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('')
    expect(r.ms).toBeGreaterThanOrEqual(HELD_SPEED_TIME_S * 1000 - 1000)
    expect(r.ms).toBeLessThan((HELD_SPEED_TIME_S + 10) * 1000)
    console.log(
      `[remote-hook] held request on a silent link: back to Claude in ${Math.round(r.ms)} ms`,
    )
    const claimed = parseClaimedSpool(claimSpool(spool))
    expect(claimed.events.map((e) => e.hook)).toEqual(['PermissionRequest'])
  })
})

describe('reading a claimed spool', () => {
  it('counts what cannot be read and keeps the rest in order', () => {
    const r = parseClaimedSpool(
      [
        '7',
        '{"id":"a1","hook":"Stop","session":"s","at":5,"payload":{"x":1}}',
        '{"id":"a2","hook":"Stop","session":"s","at":5,"pay',
        '{"id":"bad id","hook":"Stop","session":"s","at":5,"payload":{}}',
        '{"id":"a3","hook":"Stop","session":"s","at":6,"payload":{"x":3}}',
        '',
      ].join('\n'),
    )
    expect(r.dropped).toBe(7)
    expect(r.unreadable).toBe(2)
    expect(r.events.map((e) => e.id)).toEqual(['a1', 'a3'])
  })
})
