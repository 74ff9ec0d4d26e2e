/**
 * Reads an exported replay page back (export-html.ts writes it): finds the document inlined in
 * its data script, checks that it is an Atelier replay of a format version this app reads, and
 * validates what the importer uses. Every refusal says what is wrong with the file.
 */
import { ApiError, zodToApiError } from '@shared/contract'
import { MAX_IMPORT_BYTES } from '@shared/contract/replay'
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION } from '../export/export-format'
import {
  FrameSchema,
  ImportedDocumentSchema,
  type ImportedDocument,
  type ImportedFrame,
} from './export-schema'
import { mapInSlices, nextTurn, type Pause } from './slices'

/** The element export-html.ts inlines the document in; its JSON never holds a raw `<`. */
const DATA_SCRIPT_RE = /<script type="application\/json" id="atelier-replay-data">([^<]*)<\/script>/

const NOT_AN_EXPORT = 'this file is not an Atelier replay export'

const damaged = (why: string) =>
  new ApiError('bad_request', `the replay file is damaged: ${why}`, 'text')

/** One frame checked: its shape, a session of the file, and not before the frame ahead of it. */
function checkFrame(raw: unknown, i: number, sessions: number, previousT: number): ImportedFrame {
  const parsed = FrameSchema.safeParse(raw)
  if (!parsed.success) throw damaged(zodToApiError(parsed.error, `frames.${i}`).message)
  const frame = parsed.data
  if (frame.s >= sessions) throw damaged(`frames.${i}.s: no such session`)
  // The player plays frames in file order against one clock: they must not go back.
  if (frame.t < previousT) throw damaged(`frames.${i}.t: out of time order`)
  return frame
}

export async function readExportPage(
  html: string,
  pause: Pause = nextTurn,
): Promise<ImportedDocument> {
  if (Buffer.byteLength(html, 'utf8') > MAX_IMPORT_BYTES)
    throw new ApiError(
      'too_large',
      `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB: export a shorter stretch or fewer sessions`,
      'text',
    )
  const match = DATA_SCRIPT_RE.exec(html)
  if (!match)
    throw new ApiError('bad_request', `${NOT_AN_EXPORT} (it holds no replay data)`, 'text')
  let data: unknown
  try {
    data = JSON.parse(match[1])
  } catch {
    throw new ApiError('bad_request', `${NOT_AN_EXPORT} (its replay data is not JSON)`, 'text')
  }
  const kind = (data ?? {}) as { format?: unknown; version?: unknown }
  if (typeof data !== 'object' || kind.format !== EXPORT_FORMAT)
    throw new ApiError('bad_request', `${NOT_AN_EXPORT} (its data is of another format)`, 'text')
  if (kind.version !== EXPORT_FORMAT_VERSION)
    throw new ApiError(
      'bad_request',
      `this replay file is of format version ${String(kind.version)}; this app opens version ${EXPORT_FORMAT_VERSION}`,
      'text',
    )
  const parsed = ImportedDocumentSchema.safeParse(data)
  if (!parsed.success) throw damaged(zodToApiError(parsed.error).message)
  const head = parsed.data
  let previousT = -Infinity
  const frames = await mapInSlices(
    head.frames,
    (raw, i) => {
      const frame = checkFrame(raw, i, head.sessions.length, previousT)
      previousT = frame.t
      return frame
    },
    pause,
  )
  return { ...head, frames }
}
