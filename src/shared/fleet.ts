/**
 * Running a fleet of sessions: per-session priority and budget, the parking rule that holds
 * low-priority sessions while the 5-hour window runs low, and the prompt queue that holds prompts
 * while a session works or is held (docs/fleet.md).
 */
import { z } from 'zod'

export const PrioritySchema = z.enum(['normal', 'low'])
export type Priority = z.infer<typeof PrioritySchema>

export const BudgetSchema = z
  .object({
    /** What the limit counts: dollars, or tokens (input, output and cache). */
    kind: z.enum(['cost', 'tokens']),
    limit: z.number().positive().max(1e12),
    /** Warn at this share of the limit, percent. */
    warnPercent: z.number().min(1).max(100),
    /** At the limit, stop: interrupt the running turn once and hold further prompts. */
    stop: z.boolean(),
  })
  .strict()
export type Budget = z.infer<typeof BudgetSchema>

export const SessionPolicySchema = z.object({
  priority: PrioritySchema,
  budget: BudgetSchema.nullable(),
  /** The user chose to run this session regardless of the budget stop and the parking rule. */
  override: z.boolean(),
})
export type SessionPolicy = z.infer<typeof SessionPolicySchema>

export const DEFAULT_POLICY: SessionPolicy = { priority: 'normal', budget: null, override: false }

/** Why the app is not sending a session its prompts right now. */
export const HoldSchema = z.discriminatedUnion('reason', [
  z.object({
    reason: z.literal('parked'),
    /** The 5-hour window's reset: queued prompts go out after it. */
    until: z.number(),
    /** The window's use that triggered it, percent. */
    usedPercent: z.number(),
  }),
  z.object({ reason: z.literal('budget') }),
])
export type Hold = z.infer<typeof HoldSchema>

export const BudgetStateSchema = z.object({
  /** Spent against the budget, in its unit. */
  spent: z.number(),
  limit: z.number(),
  level: z.enum(['ok', 'warn', 'over']),
})
export type BudgetState = z.infer<typeof BudgetStateSchema>

export const SessionFleetStateSchema = z.object({
  sessionId: z.string(),
  policy: SessionPolicySchema,
  hold: HoldSchema.nullable(),
  budget: BudgetStateSchema.nullable(),
})
export type SessionFleetState = z.infer<typeof SessionFleetStateSchema>

export const QueuedPromptSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  text: z.string(),
  createdAt: z.number(),
})
export type QueuedPrompt = z.infer<typeof QueuedPromptSchema>

/** Per session: its policy and hold, and the prompts waiting for it (in sending order). */
export const FleetSnapshotSchema = z.object({
  sessions: z.array(SessionFleetStateSchema),
  queues: z.record(z.string(), z.array(QueuedPromptSchema)),
})
export type FleetSnapshot = z.infer<typeof FleetSnapshotSchema>

/** Prompts one session may have waiting. */
export const MAX_QUEUED_PROMPTS = 50
export const MAX_PROMPT_CHARS = 100_000

export const FleetSettingsSchema = z.object({
  /** The forecast warns when a window's use reaches this, percent. */
  quotaWarnPercent: z.number().min(1).max(100),
  /** When the 5-hour window passes `fiveHourPercent`, low-priority sessions are parked. */
  parking: z.object({ enabled: z.boolean(), fiveHourPercent: z.number().min(1).max(100) }),
})
export type FleetSettings = z.infer<typeof FleetSettingsSchema>

export const DEFAULT_FLEET_SETTINGS: FleetSettings = {
  quotaWarnPercent: 80,
  parking: { enabled: true, fiveHourPercent: 90 },
}
