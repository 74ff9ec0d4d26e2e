/** Channels of the fleet: usage and quota, session policies, prompt queues (docs/fleet.md). */
import { z } from 'zod'
import { channel, Empty, Id, Ok } from './define'
import {
  BudgetSchema,
  FleetSnapshotSchema,
  MAX_PROMPT_CHARS,
  PrioritySchema,
  QueuedPromptSchema,
  SessionFleetStateSchema,
} from '../fleet'
import { TurnUsageSchema, UsageSnapshotSchema } from '../usage'

/** What `sessions.prompt` did: sent at once (queued null), or queued behind the running turn. */
export const PromptResultSchema = z.object({
  ok: z.literal(true),
  queued: QueuedPromptSchema.nullable(),
})

export const fleetChannels = {
  'usage.snapshot': channel(
    'Usage per session and per day, the rate-limit windows and their forecast',
    Empty,
    UsageSnapshotSchema,
  ),
  'usage.turns': channel(
    "A session's recent turns and what each used, newest first",
    z
      .object({ sessionId: z.string().min(1), limit: z.number().int().min(1).max(200).optional() })
      .strict(),
    z.object({ turns: z.array(TurnUsageSchema) }),
  ),
  'fleet.snapshot': channel(
    "Every session's priority, budget and hold, and the prompts queued for it",
    Empty,
    FleetSnapshotSchema,
  ),
  'fleet.setPolicy': channel(
    "Change a session's priority, budget (null: none) or override of the rules",
    z
      .object({
        sessionId: z.string().min(1),
        priority: PrioritySchema.optional(),
        budget: BudgetSchema.nullable().optional(),
        override: z.boolean().optional(),
      })
      .strict(),
    SessionFleetStateSchema,
  ),
  'prompts.edit': channel(
    'Change the text of a queued prompt',
    z
      .object({
        id: z.string().min(1),
        text: z.string().trim().min(1, 'text is required').max(MAX_PROMPT_CHARS),
      })
      .strict(),
    QueuedPromptSchema,
  ),
  'prompts.move': channel(
    'Move a queued prompt to a place in its queue (0 is sent first)',
    z.object({ id: z.string().min(1), index: z.number().int().min(0).max(1000) }).strict(),
    Ok,
  ),
  'prompts.remove': channel('Remove a queued prompt without sending it', Id, Ok),
} as const
