/** Channels of the attention queue (docs/fleet.md#the-attention-queue). */
import { z } from 'zod'
import { channel, Empty, Ok } from './define'
import { AttentionItemSchema } from '../attention'

export const attentionChannels = {
  'attention.list': channel(
    'What needs the user, in order: requests and questions, failed turns, finished turns',
    Empty,
    z.object({ items: z.array(AttentionItemSchema) }),
  ),
  'attention.seen': channel(
    'The user looked at a session: its failed or finished turn leaves the queue',
    z.object({ sessionId: z.string().min(1) }).strict(),
    Ok,
  ),
} as const
