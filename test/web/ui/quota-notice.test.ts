/** The quota warning is announced once, when a window crosses into it. */
import { describe, expect, it } from 'vitest'
import type { UsageSnapshot, WindowForecast } from '@shared/usage'
import { quotaNotice } from '../../../src/renderer/src/ui/fleet/quota-notice'
import { emptyUsage } from '../support/ui-harness'

const NOW = 1_800_000_000_000
const withWindow = (w: Partial<WindowForecast>): UsageSnapshot => ({
  ...emptyUsage(),
  quota: {
    windows: [
      {
        window: 'five_hour',
        usedPercent: 50,
        resetsAt: NOW + 3 * 3_600_000,
        burnPercentPerHour: 10,
        exhaustsAt: null,
        warning: false,
        ...w,
      },
    ],
    topConsumers: [],
    horizonMs: 3_600_000,
  },
})

describe('quotaNotice', () => {
  it('speaks when a window starts to warn, and only then', () => {
    const calm = withWindow({})
    const warn = withWindow({ usedPercent: 82, exhaustsAt: NOW + 40 * 60_000, warning: true })
    expect(quotaNotice(null, calm, NOW)).toBeNull()
    expect(quotaNotice(calm, warn, NOW)).toBe(
      '5-hour window at 82%: at this pace it runs out in 40m',
    )
    expect(quotaNotice(warn, warn, NOW)).toBeNull()
    expect(quotaNotice(calm, withWindow({ usedPercent: 85, warning: true }), NOW)).toBe(
      '5-hour window at 85%',
    )
  })
})
