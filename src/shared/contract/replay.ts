/** Channels of the flight recorder: the span of the stored history and stretches of it. */
import { z } from 'zod'
import { channel, Empty } from './define'
import { CanonicalEventSchema, type CanonicalEvent } from '../events'
import { SessionStateSchema } from '../lifecycle'
import { SessionSchema } from '../sessions'
import { STATION_IDS } from '../stations'
import { TIMELINE_KINDS } from '../timeline'

/** The most events one page of a replayed stretch carries. */
export const MAX_REPLAY_PAGE_EVENTS = 5_000

export const HistorySpanSchema = z.object({
  firstSeq: z.number().int(),
  lastSeq: z.number().int(),
  /** ms since the epoch */
  firstTs: z.number(),
  lastTs: z.number(),
})
export type HistorySpan = z.infer<typeof HistorySpanSchema>

/** One session as it stood at a replayed instant (its lifecycle, src/shared/lifecycle.ts). */
export const ReplaySessionSchema = z.object({
  sessionId: z.string(),
  state: SessionStateSchema,
  /** Open tool calls of the running turn, oldest first. */
  tools: z.array(
    z.object({
      toolUseId: z.string(),
      tool: z.string(),
      since: z.number(),
      agentId: z.string().optional(),
    }),
  ),
  /** Running subagents: id → type. */
  subagents: z.record(z.string(), z.string()),
  failure: z.object({ error: z.string(), details: z.string().optional() }).optional(),
  /** The newest event's time (ms since the epoch). */
  lastActivity: z.number(),
})
export type ReplaySession = z.infer<typeof ReplaySessionSchema>

export const FleetAtSchema = z.object({
  /** The instant asked for (ms since the epoch). */
  at: z.number(),
  /** Every stored event with seq <= this is in the state; replay plays on from the next one. */
  seq: z.number().int(),
  sessions: z.array(ReplaySessionSchema),
})
export type FleetAt = z.infer<typeof FleetAtSchema>

/** The most events one export carries: about a day of a dozen busy sessions. */
export const MAX_EXPORT_EVENTS = 200_000
/** Bounds on what the user asks to redact. */
export const MAX_REDACT_STRINGS = 200
export const MAX_REDACT_PATTERNS = 50
/** Shorter strings would wipe ordinary words out of the whole history. */
export const MIN_REDACT_STRING_CHARS = 3

/** A regular expression source the user wants redacted; it must compile. */
const RedactPatternSchema = z
  .string()
  .min(1)
  .max(500)
  .refine(
    (source) => {
      try {
        new RegExp(source, 'gu')
        return true
      } catch {
        return false
      }
    },
    { message: 'not a valid regular expression' },
  )

export const ReplayRedactionSchema = z
  .object({
    /** Literal strings removed wherever they occur, in any letter case. */
    strings: z.array(z.string().min(MIN_REDACT_STRING_CHARS).max(1000)).max(MAX_REDACT_STRINGS),
    /** Regular expressions (JavaScript syntax, Unicode mode) whose matches are removed. */
    patterns: z.array(RedactPatternSchema).max(MAX_REDACT_PATTERNS),
    /** Remove the shapes of known secrets (API keys, tokens, private keys, passwords in URLs…). */
    secrets: z.boolean(),
    /** Leave tool outputs out altogether. */
    toolOutputs: z.boolean(),
  })
  .strict()
export type ReplayRedaction = z.infer<typeof ReplayRedactionSchema>

export const ReplayExportRequestSchema = z
  .object({
    /** The stretch to export, ms since the epoch (both ends inclusive). */
    from: z.number(),
    to: z.number(),
    /** Only these sessions (all sessions with events in the stretch when absent). */
    sessionIds: z.array(z.string().min(1).max(200)).min(1).max(1000).optional(),
    redact: ReplayRedactionSchema,
  })
  .strict()
  .refine((r) => r.to >= r.from, { message: 'the stretch ends before it starts', path: ['to'] })
export type ReplayExportRequest = z.infer<typeof ReplayExportRequestSchema>

const ExportSummary = {
  /** A file name to offer when saving (the stretch's start and end). */
  fileName: z.string(),
  events: z.number().int(),
  sessions: z.number().int(),
  bytes: z.number().int(),
  /** Text replaced by redaction, occurrences. */
  redactions: z.number().int(),
}

/**
 * Opening an exported file: the page crosses in parts (the headless WebSocket takes at most 1 MB
 * a message; a part of this many UTF-16 units stays under it even if every one is JSON-escaped
 * to six bytes), and the whole file is bounded.
 */
export const IMPORT_PART_CHARS = 128 * 1024
/** The largest file the app opens: about 100,000 events of a busy fleet. */
export const MAX_IMPORT_BYTES = 48 * 1024 * 1024
export const MAX_IMPORT_PARTS = Math.ceil(MAX_IMPORT_BYTES / IMPORT_PART_CHARS)

export const ReplayImportRequestSchema = z
  .object({
    /** The file's name as the user picked it (shown in the REPLAY marker). */
    fileName: z.string().min(1).max(255),
    /** The parts of one file share an upload id; they arrive in order, from 0. */
    upload: z.string().min(1).max(100),
    part: z.number().int().min(0),
    /** How many parts the file was cut into (too many: the file is too big). */
    parts: z.number().int().min(1),
    text: z.string().max(IMPORT_PART_CHARS),
  })
  .strict()
  .refine((r) => r.part < r.parts, { message: 'part is past the last one', path: ['part'] })
export type ReplayImportRequest = z.infer<typeof ReplayImportRequestSchema>

/**
 * An exported stretch, ready to play read-only: its sessions as session records of their own
 * (ids that name no session of this machine), each one's state when the stretch starts, and one
 * frame per event — the event (seq = its place in the file, from 1) and its session's state
 * right after it, as the file says. Nothing of it is stored.
 */
export interface ImportedFrame {
  event: CanonicalEvent
  state: ReplaySession
}

export const ImportedReplaySchema = z.object({
  fileName: z.string(),
  /** The app version that made the file, and when (ms since the epoch). */
  appVersion: z.string(),
  exportedAt: z.number(),
  span: HistorySpanSchema,
  redaction: z.object({
    strings: z.number().int(),
    patterns: z.number().int(),
    secrets: z.boolean(),
    toolOutputs: z.boolean(),
  }),
  sessions: z.array(SessionSchema),
  initial: FleetAtSchema,
  /**
   * Not checked again on the way out: the core parsed every event and state as it built them
   * (src/main/core/replay/import/), and a second pass over 100,000 frames would hold the core's
   * thread for seconds.
   */
  frames: z.array(z.custom<ImportedFrame>()),
})
export type ImportedReplay = z.infer<typeof ImportedReplaySchema>

/**
 * The timeline's question: a window of the history at a resolution (the pixels it is drawn on).
 * The answer holds at most one cell per session and bucket, and at most MAX_TIMELINE_CELLS in all
 * (the core halves the resolution until it fits), however many events the window holds.
 */
export const MAX_TIMELINE_BUCKETS = 4_000
export const MAX_TIMELINE_CELLS = 20_000
export const MAX_TIMELINE_COMMITS = 500

export const TimelineRequestSchema = z
  .object({
    /** The window, ms since the epoch (both ends inclusive). */
    from: z.number(),
    to: z.number(),
    /** How many buckets the window is cut into: about one per pixel of the drawn width. */
    buckets: z.number().int().min(1).max(MAX_TIMELINE_BUCKETS),
  })
  .strict()
  .refine((r) => r.to > r.from, { message: 'the window ends before it starts', path: ['to'] })

const TimelineKindSchema = z.enum(TIMELINE_KINDS)

export const TimelineCellSchema = z.object({
  b: z.number().int().min(0),
  kind: TimelineKindSchema,
  station: z.enum(STATION_IDS).optional(),
  n: z.array(z.number().int().min(0)).length(TIMELINE_KINDS.length),
  at: z.number(),
  last: z.number(),
  event: z
    .object({
      seq: z.number().int(),
      type: z.string(),
      text: z.string(),
      tool: z.string().optional(),
      ok: z.boolean().optional(),
    })
    .optional(),
})

/** A commit made in a session's repository while the session was tracked (src/main/core/git/). */
export const SessionCommitSchema = z.object({
  sessionId: z.string(),
  hash: z.string(),
  subject: z.string(),
  /** The commit's time (committer date), ms since the epoch. */
  ts: z.number(),
})
export type SessionCommit = z.infer<typeof SessionCommitSchema>

export const TimelineAnswerSchema = z.object({
  from: z.number(),
  /** The buckets' width as answered (coarser than asked when the window is dense). */
  bucketMs: z.number().positive(),
  buckets: z.number().int().min(1),
  /** `events`: every event placed at its own time; `minutes`: from the per-minute index. */
  resolution: z.enum(['events', 'minutes']),
  /** False while the index has not yet caught up with a dense window: ask again shortly. */
  complete: z.boolean(),
  lanes: z.array(
    z.object({
      sessionId: z.string(),
      /** The session's name as the registry knows it (absent once it was deleted). */
      name: z.string().optional(),
      cells: z.array(TimelineCellSchema),
    }),
  ),
  commits: z.array(SessionCommitSchema).max(MAX_TIMELINE_COMMITS),
})
export type TimelineAnswer = z.infer<typeof TimelineAnswerSchema>

export const replayChannels = {
  'replay.timeline': channel(
    'The history of a window, one lane per session, in buckets of about a pixel, with the commits made during sessions',
    TimelineRequestSchema,
    TimelineAnswerSchema,
  ),
  'replay.stateAt': channel(
    'Every session as it stood at an instant, rebuilt from the stored history',
    z.object({ at: z.number() }).strict(),
    FleetAtSchema,
  ),
  'replay.span': channel(
    'The extent of the stored history (null when nothing is stored)',
    Empty,
    z.object({ span: HistorySpanSchema.nullable() }),
  ),
  'replay.events': channel(
    'Stored events after a seq up to an instant, in the order they were applied live; page with nextSeq',
    z
      .object({
        afterSeq: z.number().int().min(0),
        to: z.number(),
        limit: z.number().int().min(1).max(MAX_REPLAY_PAGE_EVENTS).optional(),
        sessionIds: z.array(z.string().min(1).max(200)).max(1000).optional(),
      })
      .strict(),
    z.object({
      events: z.array(CanonicalEventSchema),
      hasMore: z.boolean(),
      nextSeq: z.number().int(),
    }),
  ),
  'replay.export': channel(
    'A stretch of the history as one self-contained HTML file that replays it (redacted as asked)',
    ReplayExportRequestSchema,
    z.object({ ...ExportSummary, html: z.string() }),
  ),
  'replay.saveExport': channel(
    'Builds the export and saves it where the user picks in a save dialog (desktop only)',
    ReplayExportRequestSchema,
    z.object({
      ...ExportSummary,
      /** Where it was saved; null when the user cancelled the dialog. */
      path: z.string().nullable(),
    }),
  ),
  'replay.import': channel(
    'Opens an exported replay file (sent in parts) to play read-only; nothing of it is stored',
    ReplayImportRequestSchema,
    z.discriminatedUnion('done', [
      /** A part of several was received; send the next. */
      z.object({ done: z.literal(false), received: z.number().int() }),
      z.object({ done: z.literal(true), replay: ImportedReplaySchema }),
    ]),
  ),
} as const
