/**
 * A page that fell behind reloads once at a time: resync pushes (or a reconnect) that arrive
 * while a reload runs make it run once more afterwards, never side by side.
 */
import { describe, expect, it } from 'vitest'
import { installFakeApi, resetStore } from '../support/ui-harness'

describe('reloading after a resync', () => {
  it('runs one reload at a time and one more for everything asked meanwhile', async () => {
    resetStore()
    const held: (() => void)[] = []
    const listeners = new Map<string, (data: never) => void>()
    const invoke = installFakeApi(
      {
        // Each reload starts by subscribing; hold it until the test lets it go.
        'events.subscribe': () =>
          new Promise((resolve) => held.push(() => resolve({ ok: true, lastSeq: 0 }))),
      },
      (stream, cb) => {
        listeners.set(stream, cb)
        return () => listeners.delete(stream)
      },
    )
    const subscribes = () => invoke.mock.calls.filter(([c]) => c === 'events.subscribe').length
    expect(subscribes()).toBe(1) // the first load
    const resync = listeners.get('resync')!
    for (let i = 0; i < 5; i++) resync({ reason: 'client too slow' } as never)
    expect(subscribes()).toBe(1)
    held.shift()!()
    await expect.poll(subscribes).toBe(2) // one more, for all five
    held.shift()!()
    await expect.poll(() => held.length).toBe(0)
    expect(subscribes()).toBe(2)
  })
})
