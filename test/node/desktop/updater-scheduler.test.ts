import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  createUpdateScheduler,
  pickUpdate,
  type UpdateChannel,
  type UpdateCheckResult,
} from '../../../src/main/shell/updater'

describe('pickUpdate', () => {
  it('orders by semver, not by string', () => {
    expect(pickUpdate('0.9.0', ['0.10.0', '0.9.1'], 'stable')).toBe('0.10.0')
  })
  it('never offers a prerelease on stable, and nothing when the running version is unparsable', () => {
    expect(pickUpdate('1.0.0', ['1.1.0-beta.1'], 'stable')).toBeNull()
    expect(pickUpdate('1.0.0', ['1.1.0-beta.1'], 'beta')).toBe('1.1.0-beta.1')
    expect(pickUpdate('dev', ['9.9.9'], 'stable')).toBeNull()
  })
})

describe('update scheduler', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('checks after start-up, then on every interval, with the channel current at that time', async () => {
    const channels: UpdateChannel[] = []
    let channel: UpdateChannel = 'stable'
    const scheduler = createUpdateScheduler({
      source: { check: async (c) => (channels.push(c), { kind: 'none' }) },
      getChannel: () => channel,
      onResult: () => {},
      startupDelayMs: 1_000,
      intervalMs: 60_000,
    })
    scheduler.start()
    await vi.advanceTimersByTimeAsync(999)
    expect(channels).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(channels).toEqual(['stable'])
    channel = 'beta'
    await vi.advanceTimersByTimeAsync(60_000)
    expect(channels).toEqual(['stable', 'beta'])
    scheduler.stop()
    await vi.advanceTimersByTimeAsync(600_000)
    expect(channels).toHaveLength(2)
  })

  it('turns a throwing source into an error result and keeps scheduling', async () => {
    const results: UpdateCheckResult[] = []
    let calls = 0
    const scheduler = createUpdateScheduler({
      source: {
        check: async () => {
          calls++
          throw new Error('boom')
        },
      },
      getChannel: () => 'stable',
      onResult: (r) => results.push(r),
      startupDelayMs: 10,
      intervalMs: 100,
    })
    scheduler.start()
    await vi.advanceTimersByTimeAsync(10 + 100 + 100)
    scheduler.stop()
    expect(calls).toBe(3)
    expect(results[0]).toEqual({ kind: 'error', message: 'boom' })
    expect(scheduler.lastResult).toEqual({ kind: 'error', message: 'boom' })
  })

  it('joins a manual check to one already running', async () => {
    let release: (r: UpdateCheckResult) => void = () => {}
    let calls = 0
    const scheduler = createUpdateScheduler({
      source: { check: () => (calls++, new Promise((resolve) => (release = resolve))) },
      getChannel: () => 'stable',
      onResult: () => {},
    })
    const a = scheduler.checkNow()
    const b = scheduler.checkNow()
    release({ kind: 'available', version: '2.0.0', releaseNotes: null, releaseDate: null })
    await expect(a).resolves.toMatchObject({ version: '2.0.0' })
    await expect(b).resolves.toMatchObject({ version: '2.0.0' })
    expect(calls).toBe(1)
  })
})
