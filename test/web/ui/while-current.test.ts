/**
 * An effect's late answer is dropped once the effect is cleaned up (the component is gone or asked
 * again), and delivered while it is current — answers and failures alike.
 */
import { describe, expect, it, vi } from 'vitest'
import { whileCurrent } from '../../../src/renderer/src/ui/common/while-current'

const FAILURE = new Error('unavailable')

describe('whileCurrent', () => {
  it.each([
    {
      outcome: 'an answer',
      settle: (p: Settle) => p.resolve('status'),
      used: ['status'],
      failed: [],
    },
    { outcome: 'a failure', settle: (p: Settle) => p.reject(FAILURE), used: [], failed: [FAILURE] },
  ])(
    'drops $outcome that arrives after the cleanup, hands on one that arrives before',
    async (c) => {
      let settle!: Settle
      const answer = new Promise<string>((resolve, reject) => (settle = { resolve, reject }))
      const seen = (into: { used: string[]; failed: unknown[] }) =>
        whileCurrent(
          answer,
          (v) => into.used.push(v),
          (e) => into.failed.push(e),
        )
      const stale = { used: [] as string[], failed: [] as unknown[] }
      const live = { used: [] as string[], failed: [] as unknown[] }
      const cleanup = seen(stale)
      seen(live)
      cleanup()
      c.settle(settle)
      // Both wait on the same answer and the stale one asked first, so by now it has been handled.
      await vi.waitFor(() => expect(live).toEqual({ used: c.used, failed: c.failed }))
      expect(stale).toEqual({ used: [], failed: [] })
    },
  )
})

interface Settle {
  resolve(v: string): void
  reject(err: unknown): void
}
