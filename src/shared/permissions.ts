/** Pending permission requests and questions, held open by the broker until answered. */
import { z } from 'zod'

export const QuestionSchema = z.object({
  question: z.string(),
  header: z.string().optional(),
  options: z.array(z.object({ label: z.string(), description: z.string().optional() })),
  multiSelect: z.boolean().optional(),
})

/** Where Claude Code saves a rule: a settings file, or only the running session. */
export const RuleDestinationSchema = z.enum([
  'localSettings',
  'projectSettings',
  'userSettings',
  'session',
])
export type RuleDestination = z.infer<typeof RuleDestinationSchema>

export const AlwaysRuleSchema = z.object({
  toolName: z.string(),
  ruleContent: z.string(),
  /** As written in the settings file: `Tool(content)`. */
  text: z.string(),
  /** What the rule allows, in words. */
  meaning: z.string(),
})
export type AlwaysRule = z.infer<typeof AlwaysRuleSchema>

/** Exactly what "Always allow" would save for a request, or why it is not offered. */
export const AlwaysPlanSchema = z.discriminatedUnion('available', [
  z.object({
    available: z.literal(true),
    /** Claude's own suggestion, or a rule Atelier built for exactly this call. */
    source: z.enum(['claude', 'atelier']),
    destination: RuleDestinationSchema,
    /** The settings file the rules go to; null when they last only for the session. */
    file: z.string().nullable(),
    rules: z.array(AlwaysRuleSchema).min(1),
  }),
  z.object({ available: z.literal(false), reason: z.string() }),
])
export type AlwaysPlan = z.infer<typeof AlwaysPlanSchema>

/** A rule Atelier asked Claude Code to save, as kept for review. */
export const SavedRuleSchema = z.object({
  rule: z.string(),
  meaning: z.string(),
  file: z.string(),
  sessionId: z.string(),
  createdAt: z.number(),
  /** Whether the settings file still holds the rule. */
  present: z.boolean(),
})
export type SavedRule = z.infer<typeof SavedRuleSchema>

export const PendingRequestSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  kind: z.enum(['permission', 'question']),
  toolName: z.string(),
  toolInput: z.unknown(),
  suggestions: z.array(z.unknown()).optional(),
  questions: z.array(QuestionSchema).optional(),
  /** Permission requests: what "Always allow" would save. */
  always: AlwaysPlanSchema.optional(),
  createdAt: z.number(),
  expiresAt: z.number(),
})
export type PendingRequest = z.infer<typeof PendingRequestSchema>

export const DecisionSchema = z.enum(['allow', 'always', 'deny'])
export type Decision = z.infer<typeof DecisionSchema>
