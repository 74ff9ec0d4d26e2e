import { z } from 'zod'
import { channel, Empty, Ok } from './define'
import { DecisionSchema, PendingRequestSchema, SavedRuleSchema } from '../permissions'

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
  'permissions.rules': channel(
    'The rules "Always allow" saved through Atelier, and whether their settings files still hold them',
    Empty,
    z.object({ rules: z.array(SavedRuleSchema) }),
  ),
  'permissions.revokeRule': channel(
    'Take a rule Atelier saved out of its settings file',
    z.object({ rule: z.string().min(1).max(10_000), file: z.string().min(1).max(4096) }).strict(),
    z.object({ rules: z.array(SavedRuleSchema) }),
  ),
} as const
