/**
 * The flight recorder's core side: what the timeline and the replay player ask of the stored
 * history. Reads see every event appended before the call (they wait for the write queue).
 */
import type { ParsedRequestOf, ResponseOf } from '@shared/contract'
import type { Db } from '../store/db'
import type { EventStore } from '../store/event-store'
import { ReplayHistory } from './history'

/** Events per page of a replayed stretch when the caller names no limit. */
export const DEFAULT_REPLAY_PAGE_EVENTS = 1_000

export class ReplayService {
  private readonly history: ReplayHistory

  constructor(
    db: Db,
    private readonly events: EventStore,
  ) {
    this.history = new ReplayHistory(db)
  }

  async span(): Promise<ResponseOf<'replay.span'>> {
    await this.events.drain()
    return { span: this.history.span() }
  }

  async range(req: ParsedRequestOf<'replay.events'>): Promise<ResponseOf<'replay.events'>> {
    await this.events.drain()
    return this.history.range({
      afterSeq: req.afterSeq,
      to: req.to,
      limit: req.limit ?? DEFAULT_REPLAY_PAGE_EVENTS,
      ...(req.sessionIds ? { sessionIds: req.sessionIds } : {}),
    })
  }
}
