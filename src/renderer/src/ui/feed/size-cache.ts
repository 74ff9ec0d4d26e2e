/**
 * The feed's virtualizer remembers the measured height of every row key it has ever rendered
 * (`itemSizeCache`) and never forgets one. Rows come and go for as long as the window is open —
 * new events, deleted sessions, history pages — so without pruning that map only grows.
 */

/** Entries kept beyond the rows on screen before a prune (so it runs rarely, not per event). */
export const SIZE_CACHE_SLACK = 500

export interface SizeCacheOwner {
  itemSizeCache: Map<string | number | bigint, number>
}

/**
 * Drops measured sizes of rows that are no longer in the list, once the cache has outgrown the
 * list by SIZE_CACHE_SLACK; answers how many it dropped.
 */
export function pruneSizeCache(owner: SizeCacheOwner, rows: readonly { key: string }[]): number {
  const cache = owner.itemSizeCache
  if (cache.size <= rows.length + SIZE_CACHE_SLACK) return 0
  const live = new Set<string | number | bigint>(rows.map((r) => r.key))
  let dropped = 0
  for (const key of cache.keys()) {
    if (!live.has(key)) {
      cache.delete(key)
      dropped++
    }
  }
  return dropped
}
