/**
 * Reads an exported replay page back (export-html.ts writes it): finds the document inlined in
 * its data script, checks that it is an Atelier replay of a format version this app reads, and
 * validates what the importer uses. Every refusal says what is wrong with the file.
 */
import { ApiError, zodToApiError } from '@shared/contract'
import { MAX_IMPORT_BYTES } from '@shared/contract/replay'
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION } from '../export/export-format'
import { ImportedDocumentSchema, type ImportedDocument } from './export-schema'

/** The element export-html.ts inlines the document in; its JSON never holds a raw `<`. */
const DATA_SCRIPT_RE = /<script type="application\/json" id="atelier-replay-data">([^<]*)<\/script>/

const NOT_AN_EXPORT = 'this file is not an Atelier replay export'

export function readExportPage(html: string): ImportedDocument {
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
  const head = (data ?? {}) as { format?: unknown; version?: unknown }
  if (typeof data !== 'object' || head.format !== EXPORT_FORMAT)
    throw new ApiError('bad_request', `${NOT_AN_EXPORT} (its data is of another format)`, 'text')
  if (head.version !== EXPORT_FORMAT_VERSION)
    throw new ApiError(
      'bad_request',
      `this replay file is of format version ${String(head.version)}; this app opens version ${EXPORT_FORMAT_VERSION}`,
      'text',
    )
  const parsed = ImportedDocumentSchema.safeParse(data)
  if (!parsed.success) {
    const why = zodToApiError(parsed.error)
    throw new ApiError('bad_request', `the replay file is damaged: ${why.message}`, 'text')
  }
  return parsed.data
}
