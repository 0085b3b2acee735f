/**
 * The trained intent model: multinomial logistic regression over hashed features
 * (see features.ts), stored as int16-quantised weights in one JSON file.
 */
import { readFileSync } from 'node:fs';
import { INTENTS, type Intent } from '../core/model.js';
import type { FeatureVector } from './features.js';

export interface IntentModelFile {
  format: 'solodesk-intent-logreg';
  version: number;
  bits: number;
  labels: Intent[];
  /** Weight = int16 × scale; layout [bucket × labels + label]. */
  scale: number;
  bias: number[];
  weights: string;
  /** Below this probability the best in-scope label yields to `other` (text without Han characters). */
  otherThreshold: number;
  /**
   * An unsure in-scope guess yields to `other` only when `other` itself has at least this
   * probability; default 0 (always). Unsure between two in-scope intents is still in scope: a
   * real enquiry split between order and shipping is not spam.
   */
  otherFloor?: number;
  /**
   * The English rule applies only to messages of at most this many words (0 = any length). The
   * out-of-scope data is short assistant queries; a long message unsure between intents is an
   * enquiry written at length (issue 17, fifth pass).
   */
  otherMaxWords?: number;
  /** The same for Chinese text (the out-of-scope data is English, so it is tuned apart); default 0. */
  otherThresholdHan?: number;
  /**
   * Log-odds taken off `other` for Chinese text. The `other` class is mostly English assistant
   * commands (CLINC/HWU); for Chinese it is over-weighted by the shared bias. Default 0.
   */
  otherBiasHan?: number;
  /**
   * Confidence calibration: logits are divided by this before the softmax that gives the reported
   * confidence and probabilities (fitted on held-out realistic messages). The out-of-scope rule
   * still reads the uncalibrated probabilities its thresholds were tuned on. Default 1.
   */
  temperature?: number;
  /** Training summary (data sets, counts, seed); no timestamps, so retraining is byte-stable. */
  meta: Record<string, unknown>;
}

export interface IntentPrediction {
  intent: Intent;
  /** Calibrated: of the messages given confidence c, about c are right. */
  confidence: number;
  /** Calibrated class probabilities. */
  probabilities: Record<Intent, number>;
}

export class IntentModel {
  readonly bits: number;
  readonly labels: Intent[];
  readonly otherThreshold: number;
  readonly otherThresholdHan: number;
  readonly otherBiasHan: number;
  readonly otherFloor: number;
  readonly otherMaxWords: number;
  readonly temperature: number;
  /**
   * The int16 weights as stored (weight = q × scale): half the memory of Float32 ones, 2.6 MB
   * less in the worker for the same speed (the scale is applied once per feature, issue 21).
   */
  private readonly weights: Int16Array;
  private readonly scale: number;
  private readonly bias: Float64Array;
  private readonly otherIndex: number;

  constructor(file: IntentModelFile) {
    if (file.format !== 'solodesk-intent-logreg') throw new Error('not a solodesk intent model');
    for (const l of file.labels) if (!INTENTS.includes(l)) throw new Error(`unknown label ${l}`);
    this.bits = file.bits;
    this.labels = file.labels;
    this.otherThreshold = file.otherThreshold;
    this.otherThresholdHan = file.otherThresholdHan ?? 0;
    this.otherBiasHan = file.otherBiasHan ?? 0;
    this.otherFloor = file.otherFloor ?? 0;
    this.otherMaxWords = file.otherMaxWords ?? 0;
    this.temperature = file.temperature && file.temperature > 0 ? file.temperature : 1;
    const bytes = Buffer.from(file.weights, 'base64');
    if (bytes.byteLength !== (1 << file.bits) * file.labels.length * 2)
      throw new Error('intent model weights have the wrong size');
    // A copy of exactly the weights (the decoded Buffer's memory may be larger, or pooled).
    this.weights = new Int16Array(bytes.byteLength / 2);
    new Uint8Array(this.weights.buffer).set(bytes);
    this.scale = file.scale;
    this.bias = Float64Array.from(file.bias);
    this.otherIndex = file.labels.indexOf('other');
    const C = file.labels.length;
    this.scratch = {
      z: new Float64Array(C),
      zt: new Float64Array(C),
      p: new Float64Array(C),
      pc: new Float64Array(C),
    };
  }

  static load(path: string): IntentModel {
    return new IntentModel(JSON.parse(readFileSync(path, 'utf8')) as IntentModelFile);
  }

  /** Logits for one featurized text. */
  logits(x: FeatureVector): Float64Array {
    return this.logitsInto(x, new Float64Array(this.labels.length));
  }

  /** Logits, their tempered copy and both softmaxes, for predict. */
  private readonly scratch: { z: Float64Array; zt: Float64Array; p: Float64Array; pc: Float64Array };

  /** Written by logitsInto's first pass; read by nothing (see there). */
  private touched = 0;

  /** The logits of `x` in `z` (length C). */
  private logitsInto(x: FeatureVector, z: Float64Array): Float64Array {
    const C = this.labels.length;
    z.set(this.bias);
    const W = this.weights;
    const scale = this.scale;
    const { index, value } = x;
    const n = index.length;
    // First, one read of each feature's row (its first and last weight, in case it spans two
    // cache lines): the table is 2.6 MB and, between messages, the rest of the pipeline evicts
    // it, so most rows miss the cache. Independent reads let the CPU fetch many rows at once;
    // in the loop below each row's reads wait behind the sums of the row before (issue 21). The
    // value read changes nothing: it is kept only so the reads are not optimised away.
    let touch = 0;
    for (let j = 0; j < n; j++) {
      const base = index[j]! * C;
      touch ^= W[base]! ^ W[base + C - 1]!;
    }
    this.touched = touch;
    // Hot loop (every message): indexes come from featurize, always inside the table.
    for (let j = 0; j < n; j++) {
      const base = index[j]! * C;
      const v = value[j]! * scale;
      for (let c = 0; c < C; c++) z[c]! += W[base + c]! * v;
    }
    return z;
  }

  /** Class probabilities (softmax, uncalibrated) for one featurized text. */
  probabilities(x: FeatureVector): Float64Array {
    return softmax(this.logits(x));
  }

  /**
   * `han`: whether the text has Chinese characters (selects the out-of-scope threshold); `words`:
   * the message's word count (wordCount), for `otherMaxWords` (0 = unknown: the rule applies).
   */
  predict(x: FeatureVector, han = false, temperature = this.temperature, words = 0): IntentPrediction {
    // In the model's scratch arrays (a prediction is synchronous); the same operations as
    // softmax(z) and softmax(z.map((v) => v / temperature)), without the four arrays.
    const { z, zt } = this.scratch;
    this.logitsInto(x, z);
    const p = this.adjust(softmaxInto(z, this.scratch.p), han);
    let pc = p;
    if (temperature !== 1) {
      for (let c = 0; c < z.length; c++) zt[c] = z[c]! / temperature;
      pc = this.adjust(softmaxInto(zt, this.scratch.pc), han);
    }
    let best = 0;
    for (let c = 1; c < p.length; c++) if ((p[c] ?? 0) > (p[best] ?? 0)) best = c;
    let intent = this.labels[best] ?? 'other';
    let confidence = pc[best] ?? 0;
    const long = !han && this.otherMaxWords > 0 && words > this.otherMaxWords;
    const threshold = long ? 0 : han ? this.otherThresholdHan : this.otherThreshold;
    if (
      intent !== 'other' &&
      (p[best] ?? 0) < threshold &&
      this.otherIndex >= 0 &&
      (p[this.otherIndex] ?? 0) >= this.otherFloor
    ) {
      // Not sure enough of any in-scope intent, and `other` is a contender: out of scope. Confidence is then the
      // probability mass not claimed by the runner-up, so it stays meaningful.
      intent = 'other';
      confidence = Math.max(pc[this.otherIndex] ?? 0, 1 - confidence);
    }
    const probabilities = {} as Record<Intent, number>;
    for (let i = 0; i < this.labels.length; i++) probabilities[this.labels[i]!] = pc[i] ?? 0;
    return { intent, confidence, probabilities };
  }

  /** The Chinese `other` bias (log-odds off `other` for Han text), renormalised. */
  private adjust(p: Float64Array, han: boolean): Float64Array {
    if (han && this.otherBiasHan && this.otherIndex >= 0) {
      p[this.otherIndex] = (p[this.otherIndex] ?? 0) * Math.exp(-this.otherBiasHan);
      let sum = 0; // as p.reduce((a, b) => a + b, 0), without the closure
      for (let i = 0; i < p.length; i++) sum += p[i]!;
      for (let i = 0; i < p.length; i++) p[i] = (p[i] ?? 0) / sum;
    }
    return p;
  }
}

/** Whitespace-separated words of the raw message (the out-of-scope rule's length gate). */
export function wordCount(text: string): number {
  let n = 0;
  for (const w of text.split(/\s+/)) if (w) n++;
  return n;
}

export function softmax(z: Float64Array): Float64Array {
  return softmaxInto(z, new Float64Array(z.length));
}

/** softmax(z), written in `out` (same length). */
export function softmaxInto(z: Float64Array, out: Float64Array): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) if (z[i]! > max) max = z[i]!;
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    out[i] = Math.exp((z[i] ?? 0) - max);
    sum += out[i] ?? 0;
  }
  for (let i = 0; i < z.length; i++) out[i] = (out[i] ?? 0) / sum;
  return out;
}
