/** Pending permission requests and questions, held open by the broker until answered. */
import { z } from 'zod'

export const QuestionSchema = z.object({
  question: z.string(),
  header: z.string().optional(),
  options: z.array(z.object({ label: z.string(), description: z.string().optional() })),
  multiSelect: z.boolean().optional(),
})

export const PendingRequestSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  kind: z.enum(['permission', 'question']),
  toolName: z.string(),
  toolInput: z.unknown(),
  suggestions: z.array(z.unknown()).optional(),
  questions: z.array(QuestionSchema).optional(),
  createdAt: z.number(),
  expiresAt: z.number(),
})
export type PendingRequest = z.infer<typeof PendingRequestSchema>

export const DecisionSchema = z.enum(['allow', 'always', 'deny'])
export type Decision = z.infer<typeof DecisionSchema>
