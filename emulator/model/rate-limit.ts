/**
 * The portal's leaky bucket per token (docs/platform.md "Limits"): each request adds
 * one, the bucket drains at `rate` a second, and a request that would
 * overflow `burst` is refused with 503 QUERY_LIMIT_EXCEEDED.
 */
export class LeakyBucket {
  private readonly levels = new Map<string, { level: number, at: number }>()

  constructor(
    private readonly rate = 2,
    private readonly burst = 50,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one request for `key`; false when over the limit (nothing is taken then). */
  take(key: string): boolean {
    const t = this.now()
    const prev = this.levels.get(key) ?? { level: 0, at: t }
    const level = Math.max(0, prev.level - ((t - prev.at) / 1000) * this.rate)
    if (level + 1 > this.burst) {
      this.levels.set(key, { level, at: t })
      return false
    }
    this.levels.set(key, { level: level + 1, at: t })
    return true
  }

  reset(): void {
    this.levels.clear()
  }
}
