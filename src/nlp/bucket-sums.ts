/**
 * Per-bucket sums of the hashed features of one text, in a table reused from message to message
 * (a Map per message cost as much as the hashing). `order` keeps the buckets in first-seen order,
 * the order the features come out in. One table per featurizer (intent, urgency): each call
 * starts by clearing the previous text's.
 *
 * A small open-addressing table keyed by bucket rather than an array of 2^bits sums: a message
 * touches a few hundred of the intent model's 131,072 buckets, and a 1 MB array took a cache miss
 * on nearly every bump (issue 21). The sums are the same: each bucket still adds its weights in
 * the order they come, starting from 0.
 */
import type { FeatureVector } from './features.js';

const EMPTY = -1;

export class BucketSums {
  /** Bucket held by each slot, EMPTY if none. */
  private keys = new Int32Array(1024).fill(EMPTY);
  private sums = new Float64Array(1024);
  /** Slots in first-seen order of their buckets. */
  private order: number[] = [];
  private slotMask = 1023;

  /** Starts a text with 2^bits buckets, empty; returns the bucket mask. */
  start(bits: number): number {
    // Cleared here rather than at the end, so a call that threw cannot leave sums behind.
    for (const s of this.order) this.keys[s] = EMPTY;
    this.order.length = 0;
    return (1 << bits) - 1;
  }

  bump(k: number, w: number): void {
    const keys = this.keys;
    // Linear probing from the bucket's low bits (buckets are hashes already).
    let s = k & this.slotMask;
    for (;;) {
      const held = keys[s]!;
      if (held === k) {
        this.sums[s] = this.sums[s]! + w;
        return;
      }
      if (held === EMPTY) break;
      s = (s + 1) & this.slotMask;
    }
    keys[s] = k;
    this.sums[s] = 0 + w;
    this.order.push(s);
    if (this.order.length * 2 > this.slotMask) this.grow();
  }

  /** Twice the slots, the buckets re-placed in first-seen order (their sums unchanged). */
  private grow(): void {
    const { keys, sums, order } = this;
    this.slotMask = this.slotMask * 2 + 1;
    this.keys = new Int32Array(this.slotMask + 1).fill(EMPTY);
    this.sums = new Float64Array(this.slotMask + 1);
    this.order = [];
    for (const old of order) {
      const k = keys[old]!;
      let s = k & this.slotMask;
      while (this.keys[s] !== EMPTY) s = (s + 1) & this.slotMask;
      this.keys[s] = k;
      this.sums[s] = sums[old]!;
      this.order.push(s);
    }
  }

  /** The features, L2-normalised so long emails and one-line chats live on the same scale. */
  normalised(): FeatureVector {
    const { keys, sums, order } = this;
    const n = order.length;
    let norm = 0;
    for (let i = 0; i < n; i++) norm += sums[order[i]!]! * sums[order[i]!]!;
    norm = Math.sqrt(norm) || 1;
    const index = new Array<number>(n);
    const value = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const s = order[i]!;
      index[i] = keys[s]!;
      value[i] = sums[s]! / norm;
    }
    return { index, value };
  }
}
