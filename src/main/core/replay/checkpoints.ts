/**
 * Folded states stored beside the events (table replay_checkpoints): the state after every event
 * up to `seq`, written every CHECKPOINT_EVERY_EVENTS events, so a seek folds at most that many
 * events on top of the nearest checkpoint instead of the whole history.
 */
import type { Statement } from 'better-sqlite3'
import type { Db } from '../store/db'

/** Events between two checkpoints: the most a seek folds after reading one checkpoint. */
export const CHECKPOINT_EVERY_EVENTS = 1_000

export interface Checkpoint<S> {
  /** The state includes every stored event with seq <= this. */
  seq: number
  state: S
}

export class CheckpointStore<S> {
  private readonly nearest: Statement
  private readonly last: Statement
  private readonly insert: Statement

  constructor(
    private readonly db: Db,
    version: string,
  ) {
    // A checkpoint of another reducer version would resume from a state this one never computed.
    db.prepare('DELETE FROM replay_checkpoints WHERE version <> ?').run(version)
    this.nearest = db.prepare(
      'SELECT seq, state FROM replay_checkpoints WHERE seq <= ? ORDER BY seq DESC LIMIT 1',
    )
    this.last = db.prepare('SELECT max(seq) AS seq FROM replay_checkpoints')
    this.insert = db.prepare(
      `INSERT OR REPLACE INTO replay_checkpoints (seq, version, state) VALUES (?, '${version.replace(/'/g, "''")}', ?)`,
    )
  }

  /** The checkpoint closest before or at `seq`, if any. */
  nearestAtOrBefore(seq: number): Checkpoint<S> | undefined {
    const row = this.nearest.get(seq) as { seq: number; state: string } | undefined
    return row ? { seq: row.seq, state: JSON.parse(row.state) as S } : undefined
  }

  /** The highest checkpointed seq (0 when none). */
  lastSeq(): number {
    return (this.last.get() as { seq: number | null }).seq ?? 0
  }

  save(seq: number, state: S): void {
    this.insert.run(seq, JSON.stringify(state))
  }
}
