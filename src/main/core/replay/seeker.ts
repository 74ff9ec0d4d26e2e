/**
 * Rebuilds a folded state at any instant of the stored history: the nearest checkpoint at or
 * before the instant, then the few events after it. `catchUp` writes the checkpoints as history
 * grows, a bounded number of events per call, so it can run in the background without holding
 * the thread.
 */
import type { Statement } from 'better-sqlite3'
import type { Db } from '../store/db'
import { rowToEvent } from '../store/event-store'
import { CHECKPOINT_EVERY_EVENTS, CheckpointStore } from './checkpoints'
import type { ReplayFold } from './fold'

export interface SeekResult<S> {
  /** The state includes every stored event with seq <= this (0: none). */
  seq: number
  state: S
}

export class Seeker<S> {
  private readonly checkpoints: CheckpointStore<S>
  private readonly cutStatement: Statement
  private readonly rangeStatement: Statement
  private readonly maxSeqStatement: Statement

  constructor(
    db: Db,
    private readonly fold: ReplayFold<S>,
    private readonly checkpointEvery = CHECKPOINT_EVERY_EVENTS,
  ) {
    this.checkpoints = new CheckpointStore<S>(db, fold.version)
    // events_by_ts holds (ts, seq): the newest event at or before an instant is one index probe.
    this.cutStatement = db.prepare(
      'SELECT seq FROM events WHERE ts <= ? ORDER BY ts DESC, seq DESC LIMIT 1',
    )
    this.rangeStatement = db.prepare(
      'SELECT seq, data FROM events WHERE seq > ? AND seq <= ? ORDER BY seq',
    )
    this.maxSeqStatement = db.prepare('SELECT max(seq) AS seq FROM events')
  }

  /**
   * The history cut for an instant: the seq of the last event received at or before `at`.
   * Events are stored in arrival order and stamped on arrival, so everything up to that seq
   * had been applied live at `at`.
   */
  cutAt(at: number): number {
    const row = this.cutStatement.get(Math.floor(at)) as { seq: number } | undefined
    return row?.seq ?? 0
  }

  /** The state after every stored event with seq <= `seq`. */
  stateAtSeq(seq: number): SeekResult<S> {
    const cp = this.checkpoints.nearestAtOrBefore(seq)
    let state = cp ? cp.state : this.fold.initial()
    let last = cp ? cp.seq : 0
    for (const row of this.rangeStatement.iterate(last, seq) as Iterable<{
      seq: number
      data: string
    }>) {
      state = this.fold.apply(state, rowToEvent(row))
      last = row.seq
    }
    return { seq: last, state }
  }

  /** The state as it stood at the instant `at` (ms since the epoch). */
  stateAt(at: number): SeekResult<S> {
    const { seq, state } = this.stateAtSeq(this.cutAt(at))
    return { seq, state: this.fold.settle ? this.fold.settle(state, at) : state }
  }

  /** Seq of the newest checkpoint (0 when none). */
  checkpointedSeq(): number {
    return this.checkpoints.lastSeq()
  }

  /**
   * Folds up to about `maxEvents` stored events past the newest checkpoint, writing a checkpoint
   * every `checkpointEvery` events; answers how many events it folded (0: up to date).
   */
  catchUp(maxEvents = 50 * CHECKPOINT_EVERY_EVENTS): number {
    const maxSeq = (this.maxSeqStatement.get() as { seq: number | null }).seq ?? 0
    let at = this.checkpoints.lastSeq()
    let state = at > 0 ? this.checkpoints.nearestAtOrBefore(at)!.state : this.fold.initial()
    let folded = 0
    while (folded < maxEvents) {
      const next = (Math.floor(at / this.checkpointEvery) + 1) * this.checkpointEvery
      // Only a complete stretch is checkpointed; the writer commits seqs densely, in order.
      if (next > maxSeq) break
      for (const row of this.rangeStatement.iterate(at, next) as Iterable<{
        seq: number
        data: string
      }>) {
        state = this.fold.apply(state, rowToEvent(row))
        folded++
      }
      this.checkpoints.save(next, state)
      at = next
    }
    return folded
  }
}
