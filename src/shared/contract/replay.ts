/** Channels of the flight recorder: the span of the stored history and stretches of it. */
import { z } from 'zod'
import { channel, Empty } from './define'
import { CanonicalEventSchema } from '../events'

/** The most events one page of a replayed stretch carries. */
export const MAX_REPLAY_PAGE_EVENTS = 5_000

export const HistorySpanSchema = z.object({
  firstSeq: z.number().int(),
  lastSeq: z.number().int(),
  /** ms since the epoch */
  firstTs: z.number(),
  lastTs: z.number(),
})
export type HistorySpan = z.infer<typeof HistorySpanSchema>

export const replayChannels = {
  'replay.span': channel(
    'The extent of the stored history (null when nothing is stored)',
    Empty,
    z.object({ span: HistorySpanSchema.nullable() }),
  ),
  'replay.events': channel(
    'Stored events after a seq up to an instant, in the order they were applied live; page with nextSeq',
    z
      .object({
        afterSeq: z.number().int().min(0),
        to: z.number(),
        limit: z.number().int().min(1).max(MAX_REPLAY_PAGE_EVENTS).optional(),
        sessionIds: z.array(z.string().min(1).max(200)).max(1000).optional(),
      })
      .strict(),
    z.object({
      events: z.array(CanonicalEventSchema),
      hasMore: z.boolean(),
      nextSeq: z.number().int(),
    }),
  ),
} as const
