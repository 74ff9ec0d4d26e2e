/**
 * Builds what an export carries (export-format.ts) from the stored history: the fleet at the
 * start of the stretch (rebuilt from checkpoints), then every event of the stretch folded
 * through the live app's reducer, each with its row and its session's state right after it.
 * Every string that leaves — names, folders, rows, events — goes through the redactor.
 */
import { ApiError } from '@shared/contract'
import {
  MAX_EXPORT_EVENTS,
  MAX_REPLAY_PAGE_EVENTS,
  type ReplayExportRequest,
} from '@shared/contract/replay'
import type { CanonicalEvent } from '@shared/events'
import {
  reduceSession,
  SESSION_STATE_LABEL,
  type SessionKind,
  type SessionLifecycle,
} from '@shared/lifecycle'
import { hueSlot, SESSION_HUES } from '@shared/session-hues'
import type { HexCoord } from '@shared/sessions'
import { STATION_IDS, STATIONS, stationForTool } from '@shared/stations'
import type { FleetReplayState } from '../fleet-fold'
import type { RangeQuery } from '../history'
import { summarizeEvent } from '@shared/event-summary'
import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  type ExportDocument,
  type ExportFrame,
  type ExportSession,
  type ExportView,
} from './export-format'
import type { Redactor } from './redaction'

export interface ExportSource {
  appVersion: string
  now(): number
  /** The fleet as it stood at an instant, and the seq it includes. */
  stateAt(at: number): { seq: number; state: FleetReplayState }
  range(q: RangeQuery): { events: CanonicalEvent[]; hasMore: boolean; nextSeq: number }
  /** What the registry knows of a session (nothing once it was deleted). */
  session(id: string): { name: string; cwd: string; zone: HexCoord | null } | undefined
  kindOf(id: string): SessionKind
}

export function viewOf(lc: SessionLifecycle): ExportView {
  const main = [...lc.tools].reverse().find((t) => !t.agentId)
  return {
    state: lc.state,
    ...(main ? { tool: main.tool, station: stationForTool(main.tool) } : {}),
    subagents: Object.keys(lc.subagents).length,
    ...(lc.failure ? { failure: lc.failure.details ?? lc.failure.error } : {}),
  }
}

/** The event as the file keeps it: without the fields its session already carries. */
function keptEvent(e: CanonicalEvent, dropToolOutputs: boolean): Record<string, unknown> {
  const {
    sessionId: _s,
    cwd: _c,
    agent: _a,
    seq: _q,
    ...rest
  } = e as CanonicalEvent & Record<string, unknown>
  if (dropToolOutputs && e.type === 'tool.end') delete rest.output
  if (dropToolOutputs && e.type === 'subagent.result') delete rest.result
  return rest
}

export function buildExportDocument(
  src: ExportSource,
  req: ReplayExportRequest,
  redactor: Redactor,
): ExportDocument {
  const wanted = req.sessionIds ? new Set(req.sessionIds) : null
  const index = new Map<string, number>()
  const sessions: ExportSession[] = []
  const initial: (ExportView | null)[] = []
  const lifecycles: SessionLifecycle[] = []
  const kinds: SessionKind[] = []
  const add = (id: string, lc: SessionLifecycle | null): number => {
    const known = src.session(id)
    const name = redactor.text(known?.name ?? `session ${id.slice(0, 8)}`)
    sessions.push({
      name,
      hue: hueSlot({ id, zone: known?.zone ?? null }),
      ...(known?.cwd ? { cwd: redactor.text(known.cwd) } : {}),
    })
    initial.push(lc ? viewOf(lc) : null)
    lifecycles.push(
      lc ?? { state: 'idle', tools: [], subagents: {}, lastInputAt: req.from, closed: [] },
    )
    kinds.push(src.kindOf(id))
    index.set(id, sessions.length - 1)
    return sessions.length - 1
  }

  // The stretch includes its first millisecond: start from the fleet just before it.
  const start = src.stateAt(req.from - 1)
  for (const [id, s] of Object.entries(start.state))
    if (!wanted || wanted.has(id)) add(id, s.lifecycle)

  const frames: ExportFrame[] = []
  let afterSeq = start.seq
  for (;;) {
    const page = src.range({
      afterSeq,
      to: req.to,
      limit: MAX_REPLAY_PAGE_EVENTS,
      ...(req.sessionIds ? { sessionIds: req.sessionIds } : {}),
    })
    for (const e of page.events) {
      if (frames.length >= MAX_EXPORT_EVENTS)
        throw new ApiError(
          'too_large',
          `the stretch holds more than ${MAX_EXPORT_EVENTS} events: export a shorter one or fewer sessions`,
          'to',
        )
      const s = index.get(e.sessionId) ?? add(e.sessionId, null)
      lifecycles[s] = reduceSession(lifecycles[s], { type: 'event', event: e }, kinds[s])
      const summary = summarizeEvent(e)
      frames.push({
        t: e.ts,
        s,
        type: e.type,
        text: redactor.text(summary.text),
        ...(summary.station ? { station: summary.station } : {}),
        tone: summary.tone,
        view: redactor.value(viewOf(lifecycles[s])),
        event: redactor.value(keptEvent(e, req.redact.toolOutputs)),
      })
    }
    afterSeq = page.nextSeq
    if (!page.hasMore) break
  }

  return {
    format: EXPORT_FORMAT,
    version: EXPORT_FORMAT_VERSION,
    appVersion: src.appVersion,
    exportedAt: src.now(),
    from: req.from,
    to: req.to,
    redaction: {
      strings: req.redact.strings.length,
      patterns: req.redact.patterns.length,
      secrets: req.redact.secrets,
      toolOutputs: req.redact.toolOutputs,
    },
    sessions,
    initial: initial.map((v) => (v ? redactor.value(v) : null)),
    frames,
    stations: STATION_IDS.map((id) => ({
      id,
      label: STATIONS[id].label,
      color: STATIONS[id].color,
      position: STATIONS[id].position,
    })),
    stateLabels: SESSION_STATE_LABEL,
    hues: SESSION_HUES.map((h) => [h.dark, h.light]),
  }
}

/** A file name for the stretch: atelier-replay-2026-12-02-0730-0830.html (UTC). */
export function exportFileName(from: number, to: number): string {
  const d = (ms: number) => new Date(ms).toISOString()
  const day = d(from).slice(0, 10)
  const hm = (ms: number) => d(ms).slice(11, 16).replace(':', '')
  return `atelier-replay-${day}-${hm(from)}-${hm(to)}.html`
}
