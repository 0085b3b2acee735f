/**
 * Remembers ids for a while (Slack event_ids: retries come within ~5 minutes, so the
 * console keeps them ≥10 minutes). Bounded: the oldest ids go first when it is full.
 */
export class TtlSet {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxSize = 50_000,
  ) {}

  has(id: string): boolean {
    const at = this.seen.get(id);
    if (at === undefined) return false;
    if (this.now() - at >= this.ttlMs) {
      this.seen.delete(id);
      return false;
    }
    return true;
  }

  add(id: string): void {
    this.prune();
    this.seen.delete(id);
    this.seen.set(id, this.now());
  }

  delete(id: string): void {
    this.seen.delete(id);
  }

  get size(): number {
    return this.seen.size;
  }

  private prune(): void {
    const cutoff = this.now() - this.ttlMs;
    // Map keeps insertion order, so expired ids are at the front.
    for (const [id, at] of this.seen) {
      if (at > cutoff && this.seen.size < this.maxSize) break;
      this.seen.delete(id);
    }
  }
}
