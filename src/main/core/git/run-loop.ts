/**
 * How a repository monitor runs its status reads: one at a time. Asked again while a run is in
 * flight, it runs once more after it, however many asks came meanwhile; `next()` resolves after
 * a run that started after the call. A run that throws goes to `onError` and the loop goes on.
 */
export class RunLoop {
  private running: Promise<void> | undefined
  private rerunRequested = false
  /** Resolved after the next run that starts after they were added. */
  private waiters: Array<() => void> = []
  private closed = false

  constructor(
    private readonly runOnce: () => Promise<void>,
    private readonly onError: (err: Error) => void,
  ) {}

  kick(): void {
    if (this.closed) return
    if (this.running) {
      this.rerunRequested = true
      return
    }
    this.running = this.loop().finally(() => {
      this.running = undefined
      // Asked after the loop's last check but before it let go (a waiter answered by the last
      // run asking again at once): that ask must still get its run.
      if (this.rerunRequested) this.kick()
    })
  }

  /** Kicks, and resolves once a run that started after this call has finished (closed: now). */
  next(): Promise<void> {
    if (this.closed) return Promise.resolve()
    return new Promise((resolve) => {
      this.waiters.push(resolve)
      this.kick()
    })
  }

  /** No run starts after this; resolves once the one in flight (if any) has finished. */
  async close(): Promise<void> {
    this.closed = true
    await this.running
    for (const resolve of this.waiters.splice(0)) resolve()
  }

  private async loop(): Promise<void> {
    do {
      this.rerunRequested = false
      const waiters = this.waiters.splice(0)
      try {
        await this.runOnce()
      } catch (err) {
        this.onError(err as Error)
      }
      for (const resolve of waiters) resolve()
    } while (this.rerunRequested && !this.closed)
  }
}
