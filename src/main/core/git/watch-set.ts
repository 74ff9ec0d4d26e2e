/** Owns the @parcel/watcher subscriptions of one monitor and turns their events into signals. */
import { stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import * as watcher from '@parcel/watcher'
import type { WatchPlan, WatchSignal } from './watch-plans'

export type SignalHandler = (signal: WatchSignal) => void

export interface WatchFailure {
  label: string
  dir: string
  message: string
}

export class WatchSet {
  private subscriptions: watcher.AsyncSubscription[] = []

  constructor(private readonly onSignal: SignalHandler) {}

  get count(): number {
    return this.subscriptions.length
  }

  /**
   * Replaces every subscription with the given plans. Returns the plans that could not be
   * watched (folder vanished meanwhile, inotify limit…) instead of throwing, so the caller
   * decides whether to look again; it never retries on its own (no spinning).
   */
  async replace(plans: WatchPlan[]): Promise<WatchFailure[]> {
    await this.clear()
    const failures: WatchFailure[] = []
    for (const plan of plans) {
      try {
        const subscription = await watcher.subscribe(
          plan.dir,
          (err, events) => {
            // A watcher error (root gone, queue overflow) means our picture may be stale: look again.
            if (err) return this.onSignal({ relocate: true, ignoresChanged: false })
            const signal = plan.classify(events.map((e) => e.path))
            if (signal) this.onSignal(signal)
          },
          { ignore: plan.ignore },
        )
        this.subscriptions.push(subscription)
      } catch (err) {
        failures.push({ label: plan.label, dir: plan.dir, message: (err as Error).message })
      }
    }
    return failures
  }

  async clear(): Promise<void> {
    const old = this.subscriptions
    this.subscriptions = []
    await Promise.all(old.map((s) => s.unsubscribe().catch(() => undefined)))
  }
}

/** Nearest ancestor of `path` (or `path` itself) that exists as a folder. */
export async function nearestExistingFolder(path: string): Promise<string> {
  for (let p = path; ; p = dirname(p)) {
    try {
      if ((await stat(p)).isDirectory()) return p
    } catch {
      // keep walking up
    }
    if (dirname(p) === p) return p
  }
}
