/**
 * The single entry point for every invoke channel, whatever the transport (IPC, WebSocket,
 * HTTP): looks the channel up, validates the request with its zod schema, runs the handler, and
 * validates the response. Failures are ApiErrors with a code, a message and the offending field.
 */
import {
  ApiError,
  channels,
  isChannelName,
  zodToApiError,
  type ChannelName,
  type ParsedRequestOf,
  type ResponseOf,
} from '@shared/contract'

export interface CallContext {
  /** The UI client making the call (for subscriptions); 'http' for scripts. */
  clientId: string
}

export type Handler<C extends ChannelName> = (
  request: ParsedRequestOf<C>,
  ctx: CallContext,
) => Promise<ResponseOf<C>> | ResponseOf<C>

export type Handlers = { [C in ChannelName]: Handler<C> }

export type Dispatch = (channel: string, payload: unknown, ctx: CallContext) => Promise<unknown>

export function createDispatcher(
  handlers: Handlers,
  onError?: (channel: string, err: unknown) => void,
): Dispatch {
  return async (channel, payload, ctx) => {
    if (!isChannelName(channel)) throw new ApiError('not_found', `unknown channel "${channel}"`)
    const def = channels[channel]
    const parsed = def.request.safeParse(payload ?? {})
    if (!parsed.success) throw zodToApiError(parsed.error)
    let result: unknown
    try {
      result = await (handlers[channel] as Handler<typeof channel>)(parsed.data as never, ctx)
    } catch (err) {
      if (err instanceof ApiError) throw err
      onError?.(channel, err)
      throw new ApiError(
        'internal',
        `${channel} failed: ${err instanceof Error ? err.message : String(err)}`,
      )
    }
    const checked = def.response.safeParse(result)
    if (!checked.success) {
      onError?.(channel, checked.error)
      throw new ApiError('internal', `${channel} produced an invalid response`)
    }
    return checked.data
  }
}
