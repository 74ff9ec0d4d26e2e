/**
 * When to look for updates: shortly after start, then every few hours. One check at a time (a
 * manual "Check for updates" while a scheduled one runs joins it); the channel is read at each
 * check so a settings change applies to the next one. A source that throws anyway is caught
 * here too, because an update check must never take the app down.
 */
import type { UpdateChannel, UpdateCheckResult, UpdateSource } from './types'

export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000
/** Let start-up (window, core, sessions) settle before the first network request. */
export const STARTUP_CHECK_DELAY_MS = 10_000

export interface UpdateSchedulerOptions {
  source: UpdateSource
  getChannel: () => UpdateChannel
  onResult: (result: UpdateCheckResult, channel: UpdateChannel) => void
  intervalMs?: number
  startupDelayMs?: number
}

export interface UpdateScheduler {
  start(): void
  stop(): void
  checkNow(): Promise<UpdateCheckResult>
  readonly lastResult: UpdateCheckResult | null
}

export function createUpdateScheduler(opts: UpdateSchedulerOptions): UpdateScheduler {
  const intervalMs = opts.intervalMs ?? UPDATE_CHECK_INTERVAL_MS
  const startupDelayMs = opts.startupDelayMs ?? STARTUP_CHECK_DELAY_MS
  let timer: NodeJS.Timeout | null = null
  let inFlight: Promise<UpdateCheckResult> | null = null
  let lastResult: UpdateCheckResult | null = null
  let running = false

  const schedule = (delayMs: number): void => {
    if (!running) return
    timer = setTimeout(() => {
      timer = null
      void checkNow().finally(() => schedule(intervalMs))
    }, delayMs)
    timer.unref?.() // a pending check must not keep a headless process alive
  }

  const runCheck = async (): Promise<UpdateCheckResult> => {
    const channel = opts.getChannel()
    let result: UpdateCheckResult
    try {
      result = await opts.source.check(channel)
    } catch (error) {
      result = { kind: 'error', message: error instanceof Error ? error.message : String(error) }
    }
    lastResult = result
    try {
      opts.onResult(result, channel)
    } catch {
      // A failing listener must not break the schedule.
    }
    return result
  }

  function checkNow(): Promise<UpdateCheckResult> {
    inFlight ??= runCheck().finally(() => {
      inFlight = null
    })
    return inFlight
  }

  return {
    start() {
      if (running) return
      running = true
      schedule(startupDelayMs)
    },
    stop() {
      running = false
      if (timer) clearTimeout(timer)
      timer = null
    },
    checkNow,
    get lastResult() {
      return lastResult
    },
  }
}
