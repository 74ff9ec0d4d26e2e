/**
 * The benchmark's load generator, run as its own process so it does not share the core's event
 * loop. Input: one JSON argument; output: one JSON line of results.
 *   {mode:"closed", port, token, clients, count, maxMs}  — `clients` keep-alive connections, each
 *       sending its next POST when the previous is answered, until `count` sent or `maxMs` passed.
 *   {mode:"paced", port, token, rate, durationMs}        — a fixed POST rate plus one WebSocket
 *       subscriber, measuring POST → push delivery latency.
 */
import { WebSocket } from 'ws'
import { hookRequest, RawClient } from './raw-client'
import { benchPayload } from './payloads'
import { finish } from '../../../src/main/core/util/finish'

interface ClosedArgs {
  mode: 'closed'
  port: number
  token: string
  clients: number
  count: number
  maxMs: number
  /** First payload index, so consecutive runs against one core send distinct events. */
  offset?: number
}
interface PacedArgs {
  mode: 'paced'
  port: number
  token: string
  rate: number
  durationMs: number
}

export function percentile(sortedMs: Float64Array | number[], p: number): number {
  if (sortedMs.length === 0) return NaN
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))]
}

/** Enough idle connections that a slow answer never delays the next paced POST; used in turn (FIFO), so none sits idle long enough for the server to close it. */
const PACED_CONNECTIONS = 32

const round = (x: number, digits = 3) => Number(x.toFixed(digits))

async function closed(a: ClosedArgs): Promise<object> {
  const clients = await Promise.all(Array.from({ length: a.clients }, () => RawClient.open(a.port)))
  const latencies = new Float64Array(a.count)
  let next = 0
  let ok = 0
  let failed = 0
  const started = performance.now()
  const cpuStarted = cpuMs()
  const deadline = started + a.maxMs
  await Promise.all(
    clients.map(async (client, c) => {
      while (next < a.count && performance.now() < deadline) {
        const i = next++
        const req = hookRequest(a.port, a.token, benchPayload(c, i + (a.offset ?? 0)))
        const t0 = performance.now()
        const status = await client.send(req)
        latencies[i] = performance.now() - t0
        if (status === 200) ok++
        else {
          failed++
          if (status === 0) return
        }
      }
    }),
  )
  const elapsedMs = performance.now() - started
  for (const c of clients) c.close()
  const measured = latencies.subarray(0, next).sort()
  return {
    sent: next,
    ok,
    failed,
    elapsedMs: round(elapsedMs, 1),
    postsPerSecond: Math.round((ok / elapsedMs) * 1000),
    p50Ms: round(percentile(measured, 50)),
    p99Ms: round(percentile(measured, 99)),
    /** Share of one core the generator itself used: near 100 means it, not the core, is the limit. */
    generatorCpuPct: Math.round(((cpuMs() - cpuStarted) / elapsedMs) * 100),
  }
}

function cpuMs(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

async function paced(a: PacedArgs): Promise<object> {
  const ws = new WebSocket(`ws://127.0.0.1:${a.port}/ws`, ['atelier.v1', `bearer.${a.token}`])
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  const sentAt = new Map<string, number>()
  const delivery: number[] = []
  ws.on('message', (buf) => {
    const now = performance.now()
    const frame = JSON.parse(buf.toString()) as {
      t: string
      stream?: string
      data?: { events: { id: string }[] }
    }
    if (frame.t !== 'push' || frame.stream !== 'events') return
    for (const e of frame.data!.events) {
      const t0 = sentAt.get(e.id)
      if (t0 !== undefined) {
        delivery.push(now - t0)
        sentAt.delete(e.id)
      }
    }
  })
  ws.send(
    JSON.stringify({
      t: 'invoke',
      id: 1,
      channel: 'events.subscribe',
      payload: { sessions: 'all' },
    }),
  )
  await new Promise((r) => setTimeout(r, 100))

  const clients = await Promise.all(
    Array.from({ length: PACED_CONNECTIONS }, () => RawClient.open(a.port)),
  )
  const idle = [...clients]
  const post: number[] = []
  const total = Math.round((a.rate * a.durationMs) / 1000)
  const intervalMs = 1000 / a.rate
  const started = performance.now()
  let sent = 0
  let skipped = 0
  let failed = 0
  const inflight = new Set<Promise<void>>()
  while (sent < total) {
    const due = started + sent * intervalMs
    const wait = due - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait - 0.5))
    while (performance.now() < due) await new Promise((r) => setImmediate(r))
    const client = idle.shift()
    const i = sent++
    if (!client) {
      skipped++
      continue
    }
    // PreToolUse (even i) has the id `${session}:pre:${tool_use_id}`.
    const n = i * 4
    const id = `bench-session-0:pre:toolu_0_${n >> 1}`
    const t0 = performance.now()
    sentAt.set(id, t0)
    const p = client.send(hookRequest(a.port, a.token, benchPayload(0, n))).then(async (status) => {
      inflight.delete(p)
      if (status !== 0) {
        post.push(performance.now() - t0)
        idle.push(client)
        return
      }
      // The server closed an idle keep-alive connection: replace it (this POST counts as failed).
      failed++
      sentAt.delete(id)
      const fresh = await RawClient.open(a.port)
      clients.push(fresh)
      idle.push(fresh)
    })
    inflight.add(p)
  }
  await Promise.all(inflight)
  await new Promise((r) => setTimeout(r, 200))
  const elapsedMs = performance.now() - started
  for (const c of clients) c.close()
  ws.close()
  post.sort((x, y) => x - y)
  delivery.sort((x, y) => x - y)
  return {
    posts: post.length,
    skipped,
    failed,
    achievedRate: Math.round((post.length / elapsedMs) * 1000),
    postP50Ms: round(percentile(post, 50)),
    postP99Ms: round(percentile(post, 99)),
    delivered: delivery.length,
    deliveryP50Ms: round(percentile(delivery, 50)),
    deliveryP99Ms: round(percentile(delivery, 99)),
    deliveryMaxMs: round(delivery[delivery.length - 1] ?? NaN),
  }
}

/** Past its own time budget plus this, the generator exits whatever it is waiting for. */
const HARD_STOP_GRACE_MS = 30_000

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2]) as ClosedArgs | PacedArgs
  const budgetMs = args.mode === 'closed' ? args.maxMs : args.durationMs
  setTimeout(() => {
    console.error(`load generator: no result after ${budgetMs + HARD_STOP_GRACE_MS} ms; giving up`)
    finish(2)
  }, budgetMs + HARD_STOP_GRACE_MS).unref()
  const result = args.mode === 'closed' ? await closed(args) : await paced(args)
  process.stdout.write(`${JSON.stringify(result)}\n`)
  finish(0)
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err)
    finish(1)
  })
}
