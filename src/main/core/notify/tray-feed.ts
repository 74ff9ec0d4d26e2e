/**
 * The tray's view of the app, pushed to the shell's tray: recomputed when sessions, pending
 * requests or the attention queue change, at most once per frame however many changes a burst of hooks brings.
 */
import type { PendingRequest } from '@shared/permissions'
import type { Session } from '@shared/sessions'
import type { AttentionItem } from '@shared/attention'
import { computeTrayState, type TrayState } from './tray-model'

/** One display frame: tray updates closer together than this are merged into one. */
export const TRAY_COALESCE_MS = 16

export class TrayFeed {
  private readonly listeners = new Set<(t: TrayState) => void>()
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly sessions: () => Session[],
    private readonly pending: () => PendingRequest[],
    private readonly attention: () => AttentionItem[] = () => [],
  ) {}

  get(): TrayState {
    return computeTrayState(this.sessions(), this.pending(), this.attention())
  }

  onChange(cb: (t: TrayState) => void): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  /** Something the tray shows may have changed. */
  changed(): void {
    if (this.timer || this.listeners.size === 0) return
    this.timer = setTimeout(() => {
      this.timer = null
      const t = this.get()
      for (const cb of this.listeners) cb(t)
    }, TRAY_COALESCE_MS)
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
