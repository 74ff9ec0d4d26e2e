/**
 * The flight recorder's core side: what the timeline and the replay player ask of the stored
 * history. Reads see every event appended before the call (they wait for the write queue).
 * Checkpoints are written in the background, a bounded stretch of events at a time.
 */
import type { ParsedRequestOf, ResponseOf } from '@shared/contract'
import type { FleetAt, ReplaySession } from '@shared/contract/replay'
import type { SessionKind } from '@shared/lifecycle'
import type { HexCoord } from '@shared/sessions'
import type { Db } from '../store/db'
import type { EventStore } from '../store/event-store'
import type { Logger } from '../log/logger'
import { ReplayHistory } from './history'
import { Seeker } from './seeker'
import { CHECKPOINT_EVERY_EVENTS } from './checkpoints'
import { fleetFold, type FleetReplayState } from './fleet-fold'
import { buildReplayExport, type ReplayExport } from './export/replay-export'
import { ImportUploads } from './import/import-uploads'
import { importedReplay } from './import/imported-replay'
import { readExportPage } from './import/read-export'
import { TimelineIndex } from './timeline/timeline-index'
import { TimelineQuery } from './timeline/timeline-query'

/** Events per page of a replayed stretch when the caller names no limit. */
export const DEFAULT_REPLAY_PAGE_EVENTS = 1_000
/** Events folded into checkpoints per background step: a few tens of ms of the core's thread. */
export const CHECKPOINT_STEP_EVENTS = 5 * CHECKPOINT_EVERY_EVENTS
/**
 * Events added to the timeline's index per background step: about 50 ms of the core's thread
 * quiet, 200 ms at a load of 12 on two cores (its read is json_extract of a few fields).
 */
export const TIMELINE_STEP_EVENTS = 5_000
/** Pause between background steps while checkpoints lag behind the history, and once they don't. */
export const CHECKPOINT_CATCH_UP_PAUSE_MS = 200
export const CHECKPOINT_IDLE_PAUSE_MS = 5_000

export interface ReplayServiceOptions {
  appVersion: string
  kindOf: (sessionId: string) => SessionKind
  /** What the registry knows of a session, for exports (nothing once it was deleted). */
  session: (sessionId: string) => { name: string; cwd: string; zone: HexCoord | null } | undefined
  log: Logger
}

export class ReplayService {
  private readonly history: ReplayHistory
  private readonly seeker: Seeker<FleetReplayState>
  private readonly timelineIndex: TimelineIndex
  private readonly timelineQuery: TimelineQuery
  private readonly uploads = new ImportUploads()
  private timer: NodeJS.Timeout | null = null
  private closed = false

  constructor(
    db: Db,
    private readonly events: EventStore,
    private readonly opts: ReplayServiceOptions,
  ) {
    this.history = new ReplayHistory(db)
    this.seeker = new Seeker(db, fleetFold(opts.appVersion, opts.kindOf))
    this.timelineIndex = new TimelineIndex(db)
    this.timelineQuery = new TimelineQuery(db, this.timelineIndex, (id) => opts.session(id)?.name)
  }

  /** Starts writing checkpoints and the timeline's index in the background. */
  start(): void {
    this.schedule(0)
  }

  private schedule(delayMs: number): void {
    if (this.closed) return
    this.timer = setTimeout(() => {
      let folded = 0
      try {
        folded = this.seeker.catchUp(CHECKPOINT_STEP_EVENTS)
      } catch (err) {
        this.opts.log.error('replay checkpoints', err)
      }
      try {
        folded += this.timelineIndex.catchUp(TIMELINE_STEP_EVENTS)
      } catch (err) {
        this.opts.log.error('timeline index', err)
      }
      this.schedule(folded > 0 ? CHECKPOINT_CATCH_UP_PAUSE_MS : CHECKPOINT_IDLE_PAUSE_MS)
    }, delayMs)
    this.timer.unref()
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

  /** A window of the history at a resolution, for the timeline (timeline/timeline-query.ts). */
  async timeline(req: ParsedRequestOf<'replay.timeline'>): Promise<ResponseOf<'replay.timeline'>> {
    await this.events.drain()
    return this.timelineQuery.answer(req)
  }

  async stateAt(at: number): Promise<FleetAt> {
    await this.events.drain()
    const { seq, state } = this.seeker.stateAt(at)
    const sessions: ReplaySession[] = Object.entries(state).map(([sessionId, s]) => ({
      sessionId,
      state: s.lifecycle.state,
      tools: s.lifecycle.tools.map((t) => ({ ...t })),
      subagents: { ...s.lifecycle.subagents },
      ...(s.lifecycle.failure ? { failure: s.lifecycle.failure } : {}),
      lastActivity: s.lastActivity,
    }))
    return { at, seq, sessions }
  }

  /** A stretch of history as one self-contained, redacted HTML file (export/). */
  async export(req: ParsedRequestOf<'replay.export'>): Promise<ReplayExport> {
    await this.events.drain()
    return buildReplayExport(
      {
        appVersion: this.opts.appVersion,
        now: () => Date.now(),
        stateAt: (at) => this.seeker.stateAt(at),
        range: (q) => this.history.range(q),
        session: this.opts.session,
        kindOf: this.opts.kindOf,
      },
      req,
    )
  }

  /**
   * An exported file opened read-only (import/): read and answered, never stored — it touches
   * neither the events, nor the sessions, nor the search index.
   */
  async import(req: ParsedRequestOf<'replay.import'>): Promise<ResponseOf<'replay.import'>> {
    const text = this.uploads.add(req)
    if (text === null) return { done: false, received: this.uploads.received }
    return { done: true, replay: await importedReplay(await readExportPage(text), req.fileName) }
  }

  close(): void {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
  }
}
