/**
 * The attention queue: one ordered list of what needs the user (docs/fleet.md#the-attention-queue).
 * First what Claude waits on (permission requests, questions, a screen in its terminal), oldest
 * first; then turns that failed (an API error, a crash); then finished turns not yet looked at.
 * "Needs you" and "finished" are different things everywhere: colour, sound, notification text.
 */
import { z } from 'zod'

export const ATTENTION_KINDS = [
  'permission',
  'question',
  'screen',
  'failed',
  'crashed',
  'finished',
] as const
export const AttentionKindSchema = z.enum(ATTENTION_KINDS)
export type AttentionKind = z.infer<typeof AttentionKindSchema>

/** needs-you: Claude waits for an answer only the user can give. */
export type AttentionGroup = 'needs-you' | 'failed' | 'finished'

export const ATTENTION_GROUP: Readonly<Record<AttentionKind, AttentionGroup>> = {
  permission: 'needs-you',
  question: 'needs-you',
  screen: 'needs-you',
  failed: 'failed',
  crashed: 'failed',
  finished: 'finished',
}

export const GROUP_RANK: Readonly<Record<AttentionGroup, number>> = {
  'needs-you': 0,
  failed: 1,
  finished: 2,
}

export const AttentionItemSchema = z.object({
  /** Stable while the item lasts: `ask:<request id>`, or `<kind>:<session id>:<time>`. */
  id: z.string(),
  sessionId: z.string(),
  kind: AttentionKindSchema,
  /** When it began to need the user (the request, the turn's end). */
  since: z.number(),
  /** What it is, in a few words: "Allow Bash?", "Turn failed: rate_limit". */
  title: z.string(),
  /** permission / question: the held request. */
  requestId: z.string().optional(),
  /** failed / finished: the event that ended the turn (the feed opens there). */
  eventId: z.string().optional(),
})
export type AttentionItem = z.infer<typeof AttentionItemSchema>

/** Queue order: group first, then oldest first; ties keep a stable order by id. */
export function compareAttention(a: AttentionItem, b: AttentionItem): number {
  return (
    GROUP_RANK[ATTENTION_GROUP[a.kind]] - GROUP_RANK[ATTENTION_GROUP[b.kind]] ||
    a.since - b.since ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  )
}
