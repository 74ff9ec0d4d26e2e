/**
 * An exported document made playable in the app: its sessions become session records of their
 * own, its frames events with the state the file gives right after each. The states are the
 * file's (folded by the exporting app's reducer), never folded again here: the imported replay
 * shows what the file shows.
 */
import type { ImportedReplay, ReplaySession } from '@shared/contract/replay'
import { CanonicalEventSchema, type CanonicalEvent } from '@shared/events'
import type { HexCoord, Session } from '@shared/sessions'
import type { ImportedDocument, ImportedFrame, ImportedView } from './export-schema'
import { zonesForHues } from './hue-zones'
import { mapInSlices, nextTurn, type Pause } from './slices'

/** Imported sessions' ids: no session of this machine has one of this form (ids are UUIDs). */
export const IMPORTED_SESSION_PREFIX = 'replay-file-'

/** The file keeps a count of running subagents; the replayed state needs one entry each. */
const subagentsOf = (count: number): Record<string, string> =>
  Object.fromEntries(Array.from({ length: count }, (_, k) => [`subagent-${k + 1}`, 'subagent']))

function stateOf(sessionId: string, view: ImportedView, at: number): ReplaySession {
  return {
    sessionId,
    state: view.state,
    // The file names the main agent's tool; when it started is not kept.
    tools: view.tool ? [{ toolUseId: `${sessionId}-tool`, tool: view.tool, since: at }] : [],
    subagents: subagentsOf(view.subagents),
    ...(view.failure ? { failure: { error: view.failure } } : {}),
    lastActivity: at,
  }
}

/** The event as it was stored, with what the file left out (its session, folder and seq). */
function eventOf(frame: ImportedFrame, index: number, session: Session): CanonicalEvent {
  const seq = index + 1
  const restored = {
    ...frame.event,
    type: frame.type,
    ts: frame.t,
    seq,
    sessionId: session.id,
    agent: 'claude',
    ...(session.cwd ? { cwd: session.cwd } : {}),
  }
  const parsed = CanonicalEventSchema.safeParse(restored)
  if (parsed.success) return parsed.data
  // An event this app cannot read as it is (redaction may have cut it): shown as is, not lost.
  const id = typeof frame.event.id === 'string' ? frame.event.id.slice(0, 200) : ''
  return {
    id: id || `${IMPORTED_SESSION_PREFIX}event-${seq}`,
    seq,
    sessionId: session.id,
    agent: 'claude',
    ts: frame.t,
    type: 'generic',
    hookEvent: frame.type,
    raw: frame.event,
  }
}

function sessionsOf(doc: ImportedDocument): Session[] {
  const zones: HexCoord[] = zonesForHues(doc.sessions.map((s) => s.hue))
  return doc.sessions.map((s, i) => ({
    id: `${IMPORTED_SESSION_PREFIX}${i + 1}`,
    name: s.name,
    cwd: s.cwd ?? '',
    status: doc.initial[i]?.state ?? 'offline',
    // Read-only: nothing in the app can send to an observed session that is not running.
    kind: 'observed',
    backend: null,
    permissionMode: 'default',
    args: [],
    worktree: null,
    // The file's order is the sessions' order of appearance.
    createdAt: doc.from + i,
    lastActivity: doc.from,
    zone: zones[i],
    order: i + 1,
    alive: false,
    subagents: 0,
    usage: {},
  }))
}

export async function importedReplay(
  doc: ImportedDocument,
  fileName: string,
  pause: Pause = nextTurn,
): Promise<ImportedReplay> {
  const sessions = sessionsOf(doc)
  const initial = doc.initial.flatMap((view, i) =>
    view ? [stateOf(sessions[i].id, view, doc.from)] : [],
  )
  const frames = await mapInSlices(
    doc.frames,
    (f, i) => ({
      event: eventOf(f, i, sessions[f.s]),
      state: stateOf(sessions[f.s].id, f.view, f.t),
    }),
    pause,
  )
  return {
    fileName,
    appVersion: doc.appVersion,
    exportedAt: doc.exportedAt,
    span: { firstSeq: 1, lastSeq: frames.length, firstTs: doc.from, lastTs: doc.to },
    redaction: doc.redaction,
    sessions,
    initial: { at: doc.from, seq: 0, sessions: initial },
    frames,
  }
}
