/** Channels of the flight recorder: the span of the stored history and stretches of it. */
import { z } from 'zod'
import { channel, Empty } from './define'
import { CanonicalEventSchema } from '../events'
import { SessionStateSchema } from '../lifecycle'

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

/** One session as it stood at a replayed instant (its lifecycle, src/shared/lifecycle.ts). */
export const ReplaySessionSchema = z.object({
  sessionId: z.string(),
  state: SessionStateSchema,
  /** Open tool calls of the running turn, oldest first. */
  tools: z.array(
    z.object({
      toolUseId: z.string(),
      tool: z.string(),
      since: z.number(),
      agentId: z.string().optional(),
    }),
  ),
  /** Running subagents: id → type. */
  subagents: z.record(z.string(), z.string()),
  failure: z.object({ error: z.string(), details: z.string().optional() }).optional(),
  /** The newest event's time (ms since the epoch). */
  lastActivity: z.number(),
})
export type ReplaySession = z.infer<typeof ReplaySessionSchema>

export const FleetAtSchema = z.object({
  /** The instant asked for (ms since the epoch). */
  at: z.number(),
  /** Every stored event with seq <= this is in the state; replay plays on from the next one. */
  seq: z.number().int(),
  sessions: z.array(ReplaySessionSchema),
})
export type FleetAt = z.infer<typeof FleetAtSchema>

export const replayChannels = {
  'replay.stateAt': channel(
    'Every session as it stood at an instant, rebuilt from the stored history',
    z.object({ at: z.number() }).strict(),
    FleetAtSchema,
  ),
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
