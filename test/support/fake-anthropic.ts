/**
 * A fake Anthropic Messages API on 127.0.0.1 for running the real Claude Code CLI offline
 * (docs/testing.md#the-fake-messages-api). Replies are scripted: the last user message carrying `[[script:NAME]]`
 * picks the conversation, and the number of assistant messages after it picks the step, so
 * retries, --resume and subagents behave predictably. Untagged conversations (subagents, the
 * compaction call) and exhausted scripts get "Done.".
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'

export type ScriptStep =
  | { kind: 'text'; text: string }
  /** The API refuses the call (HTTP status and error type), as a real API error would. */
  | { kind: 'error'; status: number; type: string; message: string }
  | { kind: 'tool'; name: string; input: Record<string, unknown>; text?: string }

export interface ScriptContext {
  /** "Primary working directory" from the CLI's environment block. */
  cwd: string
}

export type Script = (ctx: ScriptContext) => ScriptStep[]

const tool = (name: string, input: Record<string, unknown>, text?: string): ScriptStep => ({
  kind: 'tool',
  name,
  input,
  text,
})
const text = (t: string): ScriptStep => ({ kind: 'text', text: t })

export const SCRIPTS: Record<string, Script> = {
  tools: ({ cwd }) => [
    tool('Read', { file_path: `${cwd}/README.md` }, 'Reading the readme.'),
    tool('Bash', { command: 'echo tools-bash-ran', description: 'Print a marker' }),
    tool('Write', { file_path: `${cwd}/notes.txt`, content: 'first line\n' }),
    tool('Edit', {
      file_path: `${cwd}/notes.txt`,
      old_string: 'first line',
      new_string: 'edited line',
    }),
    text('All four tools ran.'),
  ],
  'bash-write': () => [
    tool('Bash', { command: 'touch bash-ran.txt && echo hi', description: 'Create marker file' }),
    text('Created the marker file.'),
  ],
  'bash-touch': () => [
    tool('Bash', { command: 'touch always-ran.txt', description: 'Create a marker file' }),
    text('Touched the marker file.'),
  ],
  fail: () => [
    tool('Bash', { command: 'cat does-not-exist.txt', description: 'Read a missing file' }),
    text('That file is missing.'),
  ],
  agent: () => [
    tool('Agent', {
      description: 'Look around',
      prompt: 'List what is in this folder and report back.',
      subagent_type: 'general-purpose',
    }),
    text('The subagent reported back.'),
  ],
  ask: () => [
    tool('AskUserQuestion', {
      questions: [
        {
          question: 'Which colour should the button be?',
          header: 'Colour',
          multiSelect: false,
          options: [
            { label: 'Red', description: 'A warm red' },
            { label: 'Blue', description: 'A calm blue' },
          ],
        },
      ],
    }),
    text('Thanks for choosing.'),
  ],
  'ask-multi': () => [
    tool('AskUserQuestion', {
      questions: [
        {
          question: 'Which toppings should the pizza have?',
          header: 'Toppings',
          multiSelect: true,
          options: [
            { label: 'Cheese', description: 'Mozzarella' },
            { label: 'Olives', description: 'Black olives' },
            { label: 'Basil', description: 'Fresh basil' },
          ],
        },
        {
          question: 'Which size should it be?',
          header: 'Size',
          multiSelect: false,
          options: [
            { label: 'Small', description: '25 cm' },
            { label: 'Large', description: '35 cm' },
          ],
        },
      ],
    }),
    text('Ordering now.'),
  ],
  text: () => [text('Hello from the fake model.')],
  // A request the API refuses outright (not retried): the turn ends on an API error.
  'api-error': () => [
    {
      kind: 'error',
      status: 400,
      type: 'invalid_request_error',
      message: 'The fake API refuses this request.',
    },
  ],
  // Server-side failures Claude Code retries (CLAUDE_CODE_MAX_RETRIES) before ending the turn on
  // StopFailure: an internal error (500), an overloaded API (529), a rate limit (429).
  'server-error': () => [
    { kind: 'error', status: 500, type: 'api_error', message: 'The fake API broke down.' },
  ],
  overloaded: () => [
    {
      kind: 'error',
      status: 529,
      type: 'overloaded_error',
      message: 'The fake API is overloaded.',
    },
  ],
  'rate-limit': () => [
    {
      kind: 'error',
      status: 429,
      type: 'rate_limit_error',
      message: 'The fake API rate limit was reached.',
    },
  ],
  // A turn that goes on while a remote host's link is down (test/node/remote/flaky-link.test.ts):
  // the first tool waits for `link-down` in the folder; the rest (no permission asked with
  // acceptEdits) and the turn's end run while the test keeps the link down.
  'flaky-link': ({ cwd }) => [
    tool('Bash', {
      command: `touch ${cwd}/link-wait; while [ ! -e ${cwd}/link-down ]; do sleep 0.2; done; echo link-down-seen`,
      description: 'Wait until the link is down',
    }),
    tool('Read', { file_path: `${cwd}/README.md` }, 'Reading while the link is down.'),
    tool('Write', { file_path: `${cwd}/offline.txt`, content: 'written offline\n' }),
    tool('Edit', {
      file_path: `${cwd}/offline.txt`,
      old_string: 'written offline',
      new_string: 'edited offline',
    }),
    tool('Read', { file_path: `${cwd}/offline.txt` }),
    text('Finished while the link was down.'),
  ],
  // A tool that keeps running until the test creates `hold-release` in the folder (it touches
  // `hold-started` first), so a test can interrupt, kill or restart mid-tool at a known point.
  hold: ({ cwd }) => [
    tool('Bash', {
      command: `touch ${cwd}/hold-started; while [ ! -e ${cwd}/hold-release ]; do sleep 0.2; done; echo released`,
      description: 'Wait for the release file',
    }),
    text('The hold was released.'),
  ],
}

const DEFAULT_REPLY = 'Done.'
const TAG = /\[\[script:([a-z0-9-]+)\]\]/g

/** Token usage the fake reports for one model call. */
export interface FakeUsage {
  input_tokens: number
  output_tokens: number
  cache_creation_input_tokens: number
  cache_read_input_tokens: number
}

export const DEFAULT_FAKE_USAGE: FakeUsage = {
  input_tokens: 120,
  output_tokens: 25,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
}

/**
 * A subscription's rate-limit windows, sent as the unified rate-limit headers Claude Code reads
 * (docs/usage.md#the-status-line): utilization 0–1 and reset in seconds since the epoch.
 */
export interface FakeRateLimits {
  fiveHour?: { utilization: number; resetsAt: number }
  sevenDay?: { utilization: number; resetsAt: number }
}

export interface FakeAnthropicOptions {
  /** Usage reported for each call (default: 120 input, 25 output tokens). */
  usage?: (request: RecordedRequest) => FakeUsage
  /** Rate-limit headers on each reply, read at the time of the request. */
  rateLimits?: () => FakeRateLimits
  /**
   * The address to listen on (default 127.0.0.1): a remote test host's CLI reaches this machine
   * at its end of the veth pair (SshTestHost.hostSideAddress).
   */
  listenAddress?: string
}

function rateLimitHeaders(limits: FakeRateLimits | undefined): Record<string, string> {
  if (!limits) return {}
  const h: Record<string, string> = { 'anthropic-ratelimit-unified-status': 'allowed' }
  const put = (key: string, w?: { utilization: number; resetsAt: number }): void => {
    if (!w) return
    h[`anthropic-ratelimit-unified-${key}-utilization`] = String(w.utilization)
    h[`anthropic-ratelimit-unified-${key}-reset`] = String(Math.floor(w.resetsAt))
  }
  put('5h', limits.fiveHour)
  put('7d', limits.sevenDay)
  return h
}

export interface RecordedRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: unknown
  /** ms since the fake started. */
  at: number
  /** The script chosen and the step answered, for /v1/messages. */
  script?: string
  step?: number
  /** ms since the fake started at which the reply (the whole SSE stream) was written out. */
  repliedAt?: number
  /** The usage the reply reported, for /v1/messages. */
  usage?: FakeUsage
}

export interface FakeAnthropic {
  baseUrl: string
  port: number
  /** performance.now() when the fake started: `at` and `repliedAt` are relative to it. */
  startedAt: number
  requests: RecordedRequest[]
  /** CONNECT and absolute-URI requests: anything trying to leave the machine. */
  tripwire: string[]
  close(): Promise<void>
}

interface Message {
  role: string
  content: unknown
}

function messageText(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content
    .map((block: { type?: string; text?: unknown }) =>
      block?.type === 'text' && typeof block.text === 'string' ? block.text : '',
    )
    .join('\n')
}

/** The script and step for a request body, as described at the top of this file. */
export function chooseStep(body: { messages?: Message[]; system?: unknown }): {
  script: string | null
  step: number
  steps: ScriptStep[]
} {
  const messages = body.messages ?? []
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].role !== 'user') continue
    // The last tag wins: after a failed call Claude sends the next prompt in the same user message.
    const match = [...messageText(messages[i].content).matchAll(TAG)].at(-1)
    if (!match) continue
    const step = messages.slice(i + 1).filter((m) => m.role === 'assistant').length
    // Searched in the JSON text, so the path ends at the escaped newline (`\n`) or quote.
    const cwd =
      /Primary working directory: ([^\s\\"]+)/.exec(JSON.stringify(body))?.[1] ?? process.cwd()
    const script = SCRIPTS[match[1]]
    return { script: match[1], step, steps: script ? script({ cwd }) : [] }
  }
  return { script: null, step: 0, steps: [] }
}

function sse(res: ServerResponse, event: string, data: Record<string, unknown>): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`)
}

type ReplyStep = Exclude<ScriptStep, { kind: 'error' }>

function streamReply(
  res: ServerResponse,
  model: string,
  step: ReplyStep,
  callUsage: FakeUsage,
  headers: Record<string, string>,
): void {
  const id = `msg_${randomBytes(12).toString('hex')}`
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'request-id': `req_${randomBytes(12).toString('hex')}`,
    ...headers,
  })
  // The input side comes with message_start, the output count with message_delta (as the API does).
  const usage = { ...callUsage, output_tokens: 1 }
  sse(res, 'message_start', {
    message: {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage,
    },
  })
  sse(res, 'ping', {})
  let index = 0
  const leadText = step.text
  if (leadText) {
    sse(res, 'content_block_start', { index, content_block: { type: 'text', text: '' } })
    sse(res, 'content_block_delta', { index, delta: { type: 'text_delta', text: leadText } })
    sse(res, 'content_block_stop', { index })
    index++
  }
  if (step.kind === 'tool') {
    const json = JSON.stringify(step.input)
    const half = Math.ceil(json.length / 2)
    sse(res, 'content_block_start', {
      index,
      content_block: {
        type: 'tool_use',
        id: `toolu_${randomBytes(12).toString('hex')}`,
        name: step.name,
        input: {},
      },
    })
    // Split across two deltas, as the real API streams partial JSON.
    sse(res, 'content_block_delta', {
      index,
      delta: { type: 'input_json_delta', partial_json: json.slice(0, half) },
    })
    sse(res, 'content_block_delta', {
      index,
      delta: { type: 'input_json_delta', partial_json: json.slice(half) },
    })
    sse(res, 'content_block_stop', { index })
  }
  sse(res, 'message_delta', {
    delta: { stop_reason: step.kind === 'tool' ? 'tool_use' : 'end_turn', stop_sequence: null },
    usage: { output_tokens: callUsage.output_tokens },
  })
  sse(res, 'message_stop', {})
  res.end()
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

export async function startFakeAnthropic(
  options: FakeAnthropicOptions = {},
): Promise<FakeAnthropic> {
  const requests: RecordedRequest[] = []
  const tripwire: string[] = []
  const started = performance.now()

  const server: Server = createServer(async (req, res) => {
    const url = req.url ?? ''
    if (!url.startsWith('/')) {
      tripwire.push(`${req.method} ${url}`)
      res.writeHead(403).end()
      return
    }
    const raw = await readBody(req).catch(() => '')
    let body: unknown
    try {
      body = raw ? JSON.parse(raw) : null
    } catch {
      body = raw
    }
    const record: RecordedRequest = {
      method: req.method ?? '',
      url,
      headers: req.headers,
      body,
      at: performance.now() - started,
    }
    requests.push(record)
    const path = url.split('?')[0]
    const json = (status: number, value: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value))
    }
    if (req.method === 'POST' && path === '/v1/messages/count_tokens')
      return json(200, { input_tokens: 100 })
    if (req.method === 'GET' && (path === '/v1/models' || path.startsWith('/v1/models/'))) {
      const model = {
        type: 'model',
        id: 'claude-opus-5-5',
        display_name: 'Claude Opus',
        created_at: '2026-01-01T00:00:00Z',
      }
      return json(
        200,
        path === '/v1/models'
          ? { data: [model], has_more: false, first_id: model.id, last_id: model.id }
          : model,
      )
    }
    if (req.method === 'POST' && path === '/v1/messages') {
      const request = (body ?? {}) as { messages?: Message[]; model?: string; stream?: boolean }
      const { script, step, steps } = chooseStep(request)
      record.script = script ?? undefined
      record.step = step
      const reply = steps[step] ?? text(DEFAULT_REPLY)
      if (reply.kind === 'error')
        return json(reply.status, {
          type: 'error',
          error: { type: reply.type, message: reply.message },
        })
      const model = request.model ?? 'claude-opus-5-5'
      const callUsage = options.usage?.(record) ?? DEFAULT_FAKE_USAGE
      record.usage = callUsage
      const limitHeaders = rateLimitHeaders(options.rateLimits?.())
      if (request.stream) {
        streamReply(res, model, reply, callUsage, limitHeaders)
        record.repliedAt = performance.now() - started
        return
      }
      // Non-streaming: one JSON message with the same content.
      const content: unknown[] = []
      if (reply.text) content.push({ type: 'text', text: reply.text })
      if (reply.kind === 'tool')
        content.push({
          type: 'tool_use',
          id: `toolu_${randomBytes(12).toString('hex')}`,
          name: reply.name,
          input: reply.input,
        })
      res.writeHead(200, { 'content-type': 'application/json', ...limitHeaders })
      return res.end(
        JSON.stringify({
          id: `msg_${randomBytes(12).toString('hex')}`,
          type: 'message',
          role: 'assistant',
          model,
          content,
          stop_reason: reply.kind === 'tool' ? 'tool_use' : 'end_turn',
          stop_sequence: null,
          usage: callUsage,
        }),
      )
    }
    json(404, {
      type: 'error',
      error: { type: 'not_found_error', message: `No route for ${req.method} ${path}` },
    })
  })
  // A proxied HTTPS request arrives as CONNECT host:443: log it and refuse.
  server.on('connect', (req, socket) => {
    tripwire.push(`CONNECT ${req.url}`)
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
  })

  const address = options.listenAddress ?? '127.0.0.1'
  await new Promise<void>((resolve) => server.listen(0, address, resolve))
  const port = (server.address() as AddressInfo).port
  return {
    baseUrl: `http://${address}:${port}`,
    port,
    startedAt: started,
    requests,
    tripwire,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
