/** The one-time notice when a rate-limit window crosses into its warning (threshold or run-out). */
import { RATE_WINDOW_LABEL, type UsageSnapshot } from '@shared/usage'
import { duration } from './fleet-format'

export function quotaNotice(
  prev: UsageSnapshot | null,
  next: UsageSnapshot,
  now = Date.now(),
): string | null {
  for (const w of next.quota.windows) {
    const before = prev?.quota.windows.find((x) => x.window === w.window)
    if (!w.warning || before?.warning) continue
    const runsOut =
      w.exhaustsAt !== null ? `: at this pace it runs out in ${duration(w.exhaustsAt - now)}` : ''
    return `${RATE_WINDOW_LABEL[w.window]} at ${Math.round(w.usedPercent)}%${runsOut}`
  }
  return null
}
