/**
 * Published per-token prices, for an estimate of what a session without a status line cost (its
 * transcript has tokens, not dollars). USD per million tokens; cache writes at the 5-minute rate.
 * A model not listed here has no estimate: its cost counts as unknown, never as a guess.
 */
import type { TokenCounts } from '@shared/usage'

interface Price {
  input: number
  output: number
  cacheWrite: number
  cacheRead: number
}

const PER_MILLION = 1_000_000

/** First match wins: more specific families first. */
const PRICES: readonly [RegExp, Price][] = [
  [/opus-4-[5-9]/, { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 }],
  [/opus-4|opus-3/, { input: 15, output: 75, cacheWrite: 18.75, cacheRead: 1.5 }],
  [
    /sonnet-4|sonnet-3-7|3-7-sonnet|3-5-sonnet/,
    { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
  ],
  [/haiku-4/, { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 }],
  [/3-5-haiku|haiku-3-5/, { input: 0.8, output: 4, cacheWrite: 1, cacheRead: 0.08 }],
]

/** The estimated cost of tokens used with a model, or null when the model's price is unknown. */
export function estimateCostUsd(model: string | undefined, tokens: TokenCounts): number | null {
  if (!model) return null
  const price = PRICES.find(([pattern]) => pattern.test(model))?.[1]
  if (!price) return null
  return (
    (tokens.input * price.input +
      tokens.output * price.output +
      tokens.cacheWrite * price.cacheWrite +
      tokens.cacheRead * price.cacheRead) /
    PER_MILLION
  )
}
