import { z } from 'zod'
import { channel } from './define'
import { GitStatusSchema } from '../git'

export const gitChannels = {
  'git.status': channel(
    'Cached git status of a session folder',
    z.object({ sessionId: z.string().min(1) }).strict(),
    GitStatusSchema,
  ),
  'git.diff': channel(
    'Unified diff of one changed file',
    z
      .object({
        sessionId: z.string().min(1),
        path: z.string().min(1).max(4096),
        staged: z.boolean().optional(),
      })
      .strict(),
    z.object({ diff: z.string(), truncated: z.boolean() }),
  ),
} as const
