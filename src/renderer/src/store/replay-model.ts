/**
 * The workshop in replay: the fleet's lifecycles at the replay clock, folded forward with the
 * same reducer the core uses (src/shared/lifecycle.ts), and shown as the session list the rest of
 * the UI already draws (live records, replayed status, tool and subagents).
 */
import type { FleetAt, ImportedReplay, ReplaySession } from '@shared/contract/replay'
import type { CanonicalEvent } from '@shared/events'
import { reduceSession, type SessionLifecycle } from '@shared/lifecycle'
import type { Session } from '@shared/sessions'

/** Session id → its lifecycle at the replay clock. */
export type ReplayFleet = Record<string, SessionLifecycle>

function lifecycleOf(s: ReplaySession): SessionLifecycle {
  return {
    state: s.state,
    tools: s.tools,
    subagents: s.subagents,
    ...(s.failure ? { failure: s.failure } : {}),
    // The reducer keeps the newest input's time; for a folded history that is the newest event.
    lastInputAt: s.lastActivity,
    closed: [],
  }
}

export function fleetFromSnapshot(at: FleetAt): ReplayFleet {
  const fleet: ReplayFleet = {}
  for (const s of at.sessions) fleet[s.sessionId] = lifecycleOf(s)
  return fleet
}

/**
 * Plays events of an opened file: each one's session takes the state the file gives right after
 * it (its frame, at index seq − 1), as the file's own player does; nothing is folded again.
 */
export function applyFileFrames(
  fleet: ReplayFleet,
  events: readonly CanonicalEvent[],
  file: ImportedReplay,
): ReplayFleet {
  const next = { ...fleet }
  for (const e of events) {
    const frame = file.frames[(e.seq ?? 0) - 1]
    if (frame) next[frame.state.sessionId] = lifecycleOf(frame.state)
  }
  return next
}

/** Folds events the player reached into the fleet (a new object; sessions not touched are shared). */
export function advanceFleet(
  fleet: ReplayFleet,
  events: readonly CanonicalEvent[],
  kindOf: (sessionId: string) => Session['kind'],
): ReplayFleet {
  const next = { ...fleet }
  for (const e of events) {
    const prev = next[e.sessionId] ?? {
      state: 'idle',
      tools: [],
      subagents: {},
      lastInputAt: e.ts,
      closed: [],
    }
    next[e.sessionId] = reduceSession(prev, { type: 'event', event: e }, kindOf(e.sessionId))
  }
  return next
}

/**
 * The sessions as they stood at the replay clock. A session with no event yet at that instant
 * had not started: it shows offline.
 */
export function sessionsAt(live: readonly Session[], fleet: ReplayFleet): Session[] {
  return live.map((s) => {
    const lc = fleet[s.id]
    if (!lc) return { ...s, status: 'offline', currentTool: undefined, subagents: 0, alive: false }
    const main = [...lc.tools].reverse().find((t) => !t.agentId)
    const { currentTool: _live, failure: _failure, ...rest } = s
    return {
      ...rest,
      status: lc.state,
      ...(main ? { currentTool: main.tool } : {}),
      ...(lc.failure ? { failure: lc.failure } : {}),
      subagents: Object.keys(lc.subagents).length,
    }
  })
}
