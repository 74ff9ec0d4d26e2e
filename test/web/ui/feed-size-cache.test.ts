/**
 * The feed virtualizer's size cache stays bounded: measured heights of rows that left the list
 * (deleted sessions, trimmed history) are dropped once the cache outgrows the list.
 */
import { describe, expect, it } from 'vitest'
import { pruneSizeCache, SIZE_CACHE_SLACK } from '../../../src/renderer/src/ui/feed/size-cache'

const rows = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => ({ key: `e${from + i}` }))

describe('feed size cache', () => {
  it('keeps every entry while it is within the slack', () => {
    const owner = { itemSizeCache: new Map<string | number | bigint, number>() }
    for (const r of rows(0, 100 + SIZE_CACHE_SLACK)) owner.itemSizeCache.set(r.key, 40)
    expect(pruneSizeCache(owner, rows(0, 100))).toBe(0)
    expect(owner.itemSizeCache.size).toBe(100 + SIZE_CACHE_SLACK)
  })

  it('drops the sizes of rows no longer listed once it outgrows the list', () => {
    const owner = { itemSizeCache: new Map<string | number | bigint, number>() }
    // 10 windows of 200 rows scrolled through, each measured; only the last window is listed.
    for (let w = 0; w < 10; w++)
      for (const r of rows(w * 200, w * 200 + 200)) owner.itemSizeCache.set(r.key, 40 + w)
    const live = rows(1800, 2000)
    expect(pruneSizeCache(owner, live)).toBe(1800)
    expect([...owner.itemSizeCache.keys()]).toEqual(live.map((r) => r.key))
    expect(owner.itemSizeCache.get('e1999')).toBe(49)
  })
})
