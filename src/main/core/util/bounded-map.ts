/** A Map with a size cap (oldest entries evicted first) and an optional per-entry TTL. */
export class BoundedMap<K, V> {
  private readonly map = new Map<K, { value: V; at: number }>()
  constructor(
    private readonly maxSize: number,
    private readonly ttlMs = Infinity,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.map.size
  }

  get(key: K): V | undefined {
    const entry = this.map.get(key)
    if (!entry) return undefined
    if (this.now() - entry.at > this.ttlMs) {
      this.map.delete(key)
      return undefined
    }
    return entry.value
  }

  has(key: K): boolean {
    return this.get(key) !== undefined
  }

  set(key: K, value: V): void {
    this.map.delete(key)
    this.map.set(key, { value, at: this.now() })
    while (this.map.size > this.maxSize) {
      const oldest = this.map.keys().next().value as K
      this.map.delete(oldest)
    }
  }

  delete(key: K): boolean {
    return this.map.delete(key)
  }

  clear(): void {
    this.map.clear()
  }

  /** Drops expired entries; call from a periodic sweep. */
  sweep(): number {
    let n = 0
    const now = this.now()
    for (const [k, e] of this.map) {
      if (now - e.at > this.ttlMs) {
        this.map.delete(k)
        n++
      }
    }
    return n
  }

  values(): V[] {
    return [...this.map.values()].map((e) => e.value)
  }
}
