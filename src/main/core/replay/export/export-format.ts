/**
 * What an exported replay file carries (inlined as JSON beside its player): the sessions, each
 * one's state when the stretch starts, and one frame per event — the event's row and the state
 * of its session right after it, folded by the live app's reducer when the file was made. The
 * player only looks frames up; it never interprets events itself.
 */
import type { SessionState } from '@shared/lifecycle'
import type { StationId } from '@shared/stations'
import type { SummaryTone } from '@shared/event-summary'

export const EXPORT_FORMAT = 'atelier-replay'
export const EXPORT_FORMAT_VERSION = 1

export interface ExportSession {
  name: string
  /** Index into the shared session hues (the colour the workshop gives it). */
  hue: number
  cwd?: string
}

/** A session as the workshop shows it. */
export interface ExportView {
  state: SessionState
  /** The tool its main agent is using, if any. */
  tool?: string
  station?: StationId
  subagents: number
  failure?: string
}

export interface ExportFrame {
  /** ms since the epoch */
  t: number
  /** Index into `sessions`. */
  s: number
  type: string
  text: string
  station?: StationId
  tone: SummaryTone
  /** The session right after this event. */
  view: ExportView
  /** The event itself, redacted (without what the session already says: its id and folder). */
  event: Record<string, unknown>
}

export interface ExportStation {
  id: StationId
  label: string
  color: string
  /** Where it stands in its zone (x, z; the zone's radius is about 6). */
  position: readonly [number, number]
}

export interface ExportDocument {
  format: typeof EXPORT_FORMAT
  version: typeof EXPORT_FORMAT_VERSION
  appVersion: string
  /** When the file was made, ms since the epoch. */
  exportedAt: number
  from: number
  to: number
  redaction: { strings: number; patterns: number; secrets: boolean; toolOutputs: boolean }
  sessions: ExportSession[]
  /** Each session's view when the stretch starts; null: it had not started yet. */
  initial: (ExportView | null)[]
  frames: ExportFrame[]
  stations: ExportStation[]
  /** How each session state reads (the cards' words). */
  stateLabels: Record<SessionState, string>
  /** The shared session hues: [dark, light] per hue. */
  hues: [string, string][]
}
