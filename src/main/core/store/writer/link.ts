/**
 * How the event store reaches its writer. The store only sees this interface; the writer runs
 * either on its own thread (ThreadWriterLink, the default for a database file) or in-thread
 * (InlineWriterLink: `:memory:` databases, tests with a fake clock, and the fallback when a
 * worker cannot start).
 */
import type {
  AppendResult,
  EventRow,
  EventWriter,
  RetentionPolicy,
  SeqBounds,
} from './batch-writer'

export interface WriterLink {
  write(rows: EventRow[]): Promise<AppendResult[]>
  setRetention(policy: RetentionPolicy): Promise<void>
  retentionStep(): Promise<number>
  flushIndex(): Promise<void>
  /** Writes nothing more; resolves once the writer's connection is closed (or in-thread: done). */
  close(): Promise<void>
  /** Seq bounds as of the last answered request. */
  readonly bounds: SeqBounds
  readonly ftsBacklog: number
}

export class InlineWriterLink implements WriterLink {
  constructor(private readonly writer: EventWriter) {}

  get bounds(): SeqBounds {
    return this.writer.bounds
  }

  get ftsBacklog(): number {
    return this.writer.ftsBacklog
  }

  write(rows: EventRow[]): Promise<AppendResult[]> {
    try {
      return Promise.resolve(this.writer.write(rows))
    } catch (err) {
      return Promise.reject(err)
    }
  }

  async setRetention(policy: RetentionPolicy): Promise<void> {
    this.writer.setRetention(policy)
  }

  async retentionStep(): Promise<number> {
    return this.writer.enforceRetentionStep()
  }

  async flushIndex(): Promise<void> {
    this.writer.flushIndex()
  }

  async close(): Promise<void> {
    this.writer.close()
  }
}
