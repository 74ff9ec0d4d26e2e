/**
 * An export from request to file contents: the redactor, the document, the page, and the check
 * that the page keeps the redaction's promise (redaction-check.ts).
 */
import type { ReplayExportRequest } from '@shared/contract/replay'
import { buildExportDocument, exportFileName, type ExportSource } from './export-document'
import { exportHtml } from './export-html'
import { Redactor } from './redaction'
import { assertRedacted } from './redaction-check'

export interface ReplayExport {
  fileName: string
  html: string
  events: number
  sessions: number
  bytes: number
  redactions: number
}

export function buildReplayExport(src: ExportSource, req: ReplayExportRequest): ReplayExport {
  const redactor = new Redactor(req.redact)
  const document = buildExportDocument(src, req, redactor)
  const title = `Atelier replay, ${new Date(req.from).toISOString().slice(0, 16).replace('T', ' ')} UTC`
  const html = exportHtml(document, title)
  assertRedacted(html, document, req.redact)
  return {
    fileName: exportFileName(req.from, req.to),
    html,
    events: document.frames.length,
    sessions: document.sessions.length,
    bytes: Buffer.byteLength(html, 'utf8'),
    redactions: redactor.count,
  }
}
