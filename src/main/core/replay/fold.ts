/**
 * What replay rebuilds: a state folded from stored events in seq order. The live app's own pure
 * reducer is wrapped as a fold (fleet-fold.ts), so a rebuilt instant is the state the live app
 * had, not a second interpretation of the history.
 */
import type { CanonicalEvent } from '@shared/events'

export interface ReplayFold<S> {
  /**
   * Names the reducer and its state shape. Checkpoints written under another version are
   * dropped, so a changed reducer never resumes from a state it did not compute.
   */
  readonly version: string
  initial(): S
  /** Applies one event; may change `state` in place and must return the state to carry on. */
  apply(state: S, event: CanonicalEvent): S
  /** The state as seen at `at` (ms since the epoch): timeouts that fired since the last event. */
  settle?(state: S, at: number): S
}
