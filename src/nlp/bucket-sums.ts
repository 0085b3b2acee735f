/**
 * Per-bucket sums of the hashed features of one text, in a table reused from message to message
 * (a Map per message cost as much as the hashing). Every weight is positive, so 0 means "not
 * seen"; `touched` keeps the buckets in first-seen order, the order the features come out in.
 * One table per featurizer (intent, urgency): each call starts by clearing the previous text's.
 */
import type { FeatureVector } from './features.js';

export class BucketSums {
  private sums = new Float64Array(0);
  private readonly touched: number[] = [];

  /** Starts a text with 2^bits buckets, empty; returns the bucket mask. */
  start(bits: number): number {
    const mask = (1 << bits) - 1;
    if (this.sums.length !== mask + 1) this.sums = new Float64Array(mask + 1);
    // Cleared here rather than at the end, so a call that threw cannot leave sums behind.
    for (const k of this.touched) this.sums[k] = 0;
    this.touched.length = 0;
    return mask;
  }

  bump(k: number, w: number): void {
    if (this.sums[k] === 0) this.touched.push(k);
    this.sums[k] = this.sums[k]! + w;
  }

  /** The features, L2-normalised so long emails and one-line chats live on the same scale. */
  normalised(): FeatureVector {
    let norm = 0;
    for (const k of this.touched) norm += this.sums[k]! * this.sums[k]!;
    norm = Math.sqrt(norm) || 1;
    const index: number[] = [];
    const value: number[] = [];
    for (const k of this.touched) {
      index.push(k);
      value.push(this.sums[k]! / norm);
    }
    return { index, value };
  }
}
