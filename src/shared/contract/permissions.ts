import { z } from 'zod'
import { channel, Empty, Ok } from './define'
import { DecisionSchema, PendingRequestSchema } from '../permissions'

export const permissionChannels = {
  'permissions.list': channel(
    'Pending permission requests and questions',
    Empty,
    z.object({ requests: z.array(PendingRequestSchema) }),
  ),
  'permissions.decide': channel(
    'Answer a pending request: allow once, always allow, or deny with a message',
    z
      .object({
        id: z.string().min(1),
        decision: DecisionSchema,
        message: z.string().max(2000).optional(),
        /** For questions: question text → chosen label(s). */
        answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
      })
      .strict(),
    Ok,
  ),
} as const
