/** Token-bucket rate limiting per key (per token), with a bounded number of tracked keys. */
import { BoundedMap } from '../util/bounded-map'

export interface RateLimit {
  perSecond: number
  burst: number
}

const MAX_TRACKED_KEYS = 10_000

export class RateLimiter {
  private readonly buckets = new BoundedMap<string, { tokens: number; at: number }>(
    MAX_TRACKED_KEYS,
  )

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes one token; false when the key is over its limit. */
  take(key: string, limit: RateLimit): boolean {
    const now = this.now()
    const b = this.buckets.get(key) ?? { tokens: limit.burst, at: now }
    const refill = ((now - b.at) / 1000) * limit.perSecond
    b.tokens = Math.min(limit.burst, b.tokens + refill)
    b.at = now
    if (b.tokens < 1) {
      this.buckets.set(key, b)
      return false
    }
    b.tokens -= 1
    this.buckets.set(key, b)
    return true
  }
}
