/**
 * Fan-out of a process's output and exit to listeners, shared by every backend. Output that
 * arrives before anyone listens is kept (up to a cap) and replayed to the first listener, so the
 * first screen a session draws is never lost between spawn() and onData().
 */
import type { BackendExit } from './types'

/** Enough for several full Claude Code screens; older bytes are dropped first. */
const EARLY_OUTPUT_CAP_BYTES = 1024 * 1024

export class OutputChannel {
  private readonly dataListeners = new Set<(data: string) => void>()
  private readonly exitListeners = new Set<(exit: BackendExit) => void>()
  private early: string[] = []
  private earlyBytes = 0
  private exitInfo: BackendExit | null = null

  get exited(): BackendExit | null {
    return this.exitInfo
  }

  pushData(data: string): void {
    if (data.length === 0) return
    if (this.dataListeners.size === 0) {
      this.early.push(data)
      this.earlyBytes += data.length
      while (this.earlyBytes > EARLY_OUTPUT_CAP_BYTES && this.early.length > 1) {
        this.earlyBytes -= this.early.shift()!.length
      }
      return
    }
    for (const listener of this.dataListeners) listener(data)
  }

  pushEnd(exit: BackendExit): void {
    if (this.exitInfo) return
    this.exitInfo = exit
    for (const listener of this.exitListeners) listener(exit)
    this.exitListeners.clear()
  }

  onData(listener: (data: string) => void): () => void {
    this.dataListeners.add(listener)
    if (this.early.length > 0) {
      const replay = this.early.join('')
      this.early = []
      this.earlyBytes = 0
      listener(replay)
    }
    return () => this.dataListeners.delete(listener)
  }

  onEnd(listener: (exit: BackendExit) => void): () => void {
    if (this.exitInfo) {
      listener(this.exitInfo)
      return () => {}
    }
    this.exitListeners.add(listener)
    return () => this.exitListeners.delete(listener)
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
