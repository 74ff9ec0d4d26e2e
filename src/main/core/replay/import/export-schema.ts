/**
 * What the importer reads of an exported document (export-format.ts), checked with zod: the
 * fields the imported replay is built from. Fields it does not read (the stations, the words,
 * the hues the page's own player uses) are let through unchecked. The head is checked at once,
 * the frames one by one (read-export.ts walks them in slices).
 */
import { z } from 'zod'
import { SessionStateSchema } from '@shared/lifecycle'
import { STATION_IDS } from '@shared/stations'
import { SESSION_HUES } from '@shared/session-hues'
import { MAX_EXPORT_EVENTS } from '@shared/contract/replay'

const ViewSchema = z.object({
  state: SessionStateSchema,
  tool: z.string().max(200).optional(),
  station: z.enum(STATION_IDS).optional(),
  subagents: z.number().int().min(0).max(10_000),
  failure: z.string().optional(),
})
export type ImportedView = z.infer<typeof ViewSchema>

export const FrameSchema = z.object({
  t: z.number(),
  s: z.number().int().min(0),
  type: z.string().max(100),
  view: ViewSchema,
  /** The event without what its session carries (its id and folder): checked when rebuilt. */
  event: z.record(z.string(), z.unknown()),
})

export const ImportedDocumentSchema = z
  .object({
    appVersion: z.string().max(100),
    exportedAt: z.number(),
    from: z.number(),
    to: z.number(),
    redaction: z.object({
      strings: z.number().int(),
      patterns: z.number().int(),
      secrets: z.boolean(),
      toolOutputs: z.boolean(),
    }),
    sessions: z
      .array(
        z.object({
          name: z.string().min(1).max(200),
          hue: z
            .number()
            .int()
            .min(0)
            .max(SESSION_HUES.length - 1),
          cwd: z.string().max(4096).optional(),
        }),
      )
      .max(1000),
    initial: z.array(ViewSchema.nullable()),
    frames: z.array(z.unknown()).max(MAX_EXPORT_EVENTS),
  })
  .superRefine((doc, ctx) => {
    if (doc.to < doc.from)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'the stretch ends before it starts' })
    if (doc.initial.length !== doc.sessions.length)
      ctx.addIssue({ code: 'custom', path: ['initial'], message: 'one state per session' })
  })
export type ImportedFrame = z.infer<typeof FrameSchema>
export type ImportedDocument = Omit<z.infer<typeof ImportedDocumentSchema>, 'frames'> & {
  frames: ImportedFrame[]
}
