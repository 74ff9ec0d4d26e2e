/**
 * The fleet as replay rebuilds it: every session's lifecycle, folded through the same pure
 * reducer the live registry uses (src/shared/lifecycle.ts), so an instant replayed is the state
 * the app showed then. Only stored events are folded: app actions that left no event (a process
 * exit, an interrupt typed into the app) are not in the history.
 */
import {
  initialLifecycle,
  reduceSession,
  type SessionKind,
  type SessionLifecycle,
} from '@shared/lifecycle'
import type { ReplayFold } from './fold'

/** Bump when what this fold keeps changes: stored checkpoints of another version are dropped. */
export const FLEET_FOLD_VERSION = 'fleet-2'

export interface ReplaySessionState {
  lifecycle: SessionLifecycle
  /** The newest event's time (ms since the epoch). */
  lastActivity: number
}

/** Session id → its state; sessions appear with their first event. */
export type FleetReplayState = Record<string, ReplaySessionState>

/**
 * @param appVersion part of the checkpoint version: a release may change the reducer, and its
 *   checkpoints are then rebuilt rather than trusted.
 * @param kindOf managed or observed, as the live registry knows the session.
 */
export function fleetFold(
  appVersion: string,
  kindOf: (sessionId: string) => SessionKind,
): ReplayFold<FleetReplayState> {
  return {
    version: `${appVersion}/${FLEET_FOLD_VERSION}`,
    initial: () => ({}),
    apply(state, e) {
      const prev = state[e.sessionId]
      state[e.sessionId] = {
        lifecycle: reduceSession(
          prev?.lifecycle ?? initialLifecycle('idle', e.ts),
          { type: 'event', event: e },
          kindOf(e.sessionId),
        ),
        lastActivity: Math.max(prev?.lastActivity ?? 0, e.ts),
      }
      return state
    },
    settle(state, at) {
      // The failsafe the live sweep applies: a silent "working" session has gone idle by `at`.
      const settled: FleetReplayState = {}
      for (const [id, s] of Object.entries(state)) {
        settled[id] = {
          ...s,
          lifecycle: reduceSession(s.lifecycle, { type: 'tick', ts: at }, kindOf(id)),
        }
      }
      return settled
    },
  }
}
