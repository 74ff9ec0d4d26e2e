/**
 * Observation points for tests and benchmarks, injected through `CoreOptions.probe`; the app
 * passes none. Product code keeps no state on behalf of a measurement: it calls the probe and
 * the probe keeps what it needs.
 */
import type { CanonicalEvent } from '@shared/events'
import type { SessionLifecycle } from '@shared/lifecycle'

export interface CoreProbe {
  /**
   * New events are durable and about to reach live state (registry, UI, broker, notifications).
   * `receivedAtHr` is when their hook request arrived, on the `performance.now()` clock.
   */
  committed?(events: readonly CanonicalEvent[], receivedAtHr: number): void
  /**
   * The same events were applied to the sessions' live state; `lifecycleOf` reads a session's
   * lifecycle as it stands now (what replay must rebuild for this instant).
   */
  applied?(
    events: readonly CanonicalEvent[],
    lifecycleOf: (sessionId: string) => SessionLifecycle | undefined,
  ): void
}
