import { z } from 'zod'
import { channel } from './define'
import { CanonicalEventSchema } from '../events'

export const eventChannels = {
  'events.list': channel(
    'Stored events, newest first; page with `before` (a seq)',
    z
      .object({
        sessionId: z.string().optional(),
        limit: z.number().int().min(1).max(5000).optional(),
        before: z.number().int().optional(),
        types: z.array(z.string()).max(50).optional(),
      })
      .strict(),
    z.object({ events: z.array(CanonicalEventSchema), hasMore: z.boolean() }),
  ),
  'events.search': channel(
    'Full-text search over prompts, assistant text, commands and file paths',
    z
      .object({
        query: z.string().trim().min(1, 'query is required').max(500),
        limit: z.number().int().min(1).max(500).optional(),
        sessionId: z.string().optional(),
      })
      .strict(),
    z.object({
      results: z.array(z.object({ event: CanonicalEventSchema, snippet: z.string() })),
    }),
  ),
  'events.subscribe': channel(
    'Choose which sessions this client receives pushes for ("all" or a list of ids)',
    z.object({ sessions: z.union([z.literal('all'), z.array(z.string()).max(1000)]) }).strict(),
    z.object({ ok: z.literal(true), lastSeq: z.number() }),
  ),
} as const
