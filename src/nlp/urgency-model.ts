/**
 * The trained urgency model: multinomial logistic regression over the urgency features
 * (urgency-features.ts), int16 weights in one small JSON file, with a temperature fitted on
 * held-out predictions so that its confidence is calibrated.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { URGENCIES, type Urgency } from '../core/model.js';
import type { FeatureVector } from './features.js';
import { softmaxInto } from './intent-model.js';

export const DEFAULT_URGENCY_MODEL_PATH = fileURLToPath(
  new URL('./model/urgency-model.json', import.meta.url),
);

export interface UrgencyModelFile {
  format: 'solodesk-urgency-logreg';
  version: number;
  bits: number;
  labels: Urgency[];
  /** Weight = int16 × scale; layout [bucket × labels + label]. */
  scale: number;
  bias: number[];
  weights: string;
  /** Logits are divided by this before the softmax (fitted on out-of-fold predictions). */
  temperature: number;
  meta: Record<string, unknown>;
}

export interface UrgencyPrediction {
  urgency: Urgency;
  /** Calibrated probability of `urgency`. */
  confidence: number;
  probabilities: Record<Urgency, number>;
}

export class UrgencyModel {
  readonly bits: number;
  readonly labels: Urgency[];
  readonly temperature: number;
  private readonly weights: Float32Array;
  private readonly bias: Float64Array;

  constructor(file: UrgencyModelFile) {
    if (file.format !== 'solodesk-urgency-logreg') throw new Error('not a solodesk urgency model');
    for (const l of file.labels) if (!URGENCIES.includes(l)) throw new Error(`unknown urgency ${l}`);
    this.bits = file.bits;
    this.labels = file.labels;
    this.temperature = file.temperature > 0 ? file.temperature : 1;
    const bytes = Buffer.from(file.weights, 'base64');
    const q = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
    if (q.length !== (1 << file.bits) * file.labels.length)
      throw new Error('urgency model weights have the wrong size');
    this.weights = new Float32Array(q.length);
    for (let i = 0; i < q.length; i++) this.weights[i] = (q[i] ?? 0) * file.scale;
    this.bias = Float64Array.from(file.bias);
    this.z = new Float64Array(file.labels.length);
    this.p = new Float64Array(file.labels.length);
  }

  static load(path: string = DEFAULT_URGENCY_MODEL_PATH): UrgencyModel {
    return new UrgencyModel(JSON.parse(readFileSync(path, 'utf8')) as UrgencyModelFile);
  }

  /** Raw logits (before the temperature). */
  logits(x: FeatureVector): Float64Array {
    return this.logitsInto(x, new Float64Array(this.labels.length));
  }

  /** Written by logitsInto's first pass; read by nothing (see IntentModel.logitsInto). */
  private touched = 0;
  /** The logits and their softmax, for predict (synchronous). */
  private readonly z: Float64Array;
  private readonly p: Float64Array;

  private logitsInto(x: FeatureVector, z: Float64Array): Float64Array {
    const C = this.labels.length;
    z.set(this.bias);
    const W = this.weights;
    const { index, value } = x;
    // One independent read of each feature's row first, so the rows evicted since the last
    // message are fetched together (as in IntentModel.logitsInto); the sums are unchanged.
    let touch = 0;
    for (let j = 0; j < index.length; j++) touch += W[index[j]! * C]!;
    this.touched = touch;
    for (let j = 0; j < index.length; j++) {
      const base = index[j]! * C;
      const v = value[j]!;
      for (let c = 0; c < C; c++) z[c]! += W[base + c]! * v;
    }
    return z;
  }

  predict(x: FeatureVector): UrgencyPrediction {
    const z = this.logitsInto(x, this.z);
    for (let c = 0; c < z.length; c++) z[c] = z[c]! / this.temperature;
    const p = softmaxInto(z, this.p);
    let best = 0;
    for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
    const probabilities = {} as Record<Urgency, number>;
    for (let i = 0; i < this.labels.length; i++) probabilities[this.labels[i]!] = p[i] ?? 0;
    return { urgency: this.labels[best] ?? 'normal', confidence: p[best] ?? 0, probabilities };
  }
}
