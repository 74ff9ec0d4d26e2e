/**
 * The double's line to the test that started this main process (Node's IPC channel): what the app
 * did is recorded as messages to the test; the test drives the user's side (click a notification,
 * answer a dialog, pick a tray item) with commands that the double answers.
 */

export interface RecordMessage {
  type: 'record'
  seq: number
  kind: string
  data: Record<string, unknown>
}
export interface CommandMessage {
  type: 'command'
  id: number
  name: string
  args: Record<string, unknown>
}
export type ReplyMessage =
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: string }

type CommandHandler = (args: Record<string, unknown>) => unknown

let seq = 0
const handlers = new Map<string, CommandHandler>()

/** Keeps what JSON can carry (functions and cycles are dropped, buffers become byte counts). */
function plain(value: unknown, seen = new Set<unknown>()): unknown {
  if (value === null || typeof value !== 'object')
    return typeof value === 'function' ? undefined : value
  if (seen.has(value)) return undefined
  seen.add(value)
  if (ArrayBuffer.isView(value)) return { bytes: value.byteLength }
  if (Array.isArray(value)) return value.map((v) => plain(v, seen))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    const p = plain(v, seen)
    if (p !== undefined) out[k] = p
  }
  return out
}

export function record(kind: string, data: Record<string, unknown> = {}): void {
  const message: RecordMessage = {
    type: 'record',
    seq: ++seq,
    kind,
    data: plain(data) as Record<string, unknown>,
  }
  if (process.connected) process.send?.(message)
}

export function onCommand(name: string, handler: CommandHandler): void {
  handlers.set(name, handler)
}

if (process.send) {
  process.on('message', (message: CommandMessage) => {
    if (message?.type !== 'command') return
    const handler = handlers.get(message.name)
    void Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`the electron double has no command ${message.name}`)
        return handler(message.args)
      })
      .then(
        (result): ReplyMessage => ({
          type: 'reply',
          id: message.id,
          ok: true,
          result: plain(result),
        }),
        (error: unknown): ReplyMessage => ({
          type: 'reply',
          id: message.id,
          ok: false,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }),
      )
      .then((reply) => process.connected && process.send?.(reply))
  })
  // The channel must not keep an app alive that Electron would have let exit.
  process.channel?.unref()
}
